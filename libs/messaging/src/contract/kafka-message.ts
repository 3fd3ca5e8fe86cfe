import {
  CLOUDEVENTS_SPEC_VERSION,
  STATUS_EVENT_CONTENT_TYPE,
  type CertificateStatusEvent,
  type StatusKafkaMessage,
} from './status-event.types';

/** Kafka binary-mode CloudEvents message: key = certificate number, headers ce_* + content-type, value = JSON data. */
export function toKafkaMessage(event: CertificateStatusEvent): StatusKafkaMessage {
  return {
    key: event.subject,
    value: JSON.stringify(event.data),
    headers: {
      ce_specversion: CLOUDEVENTS_SPEC_VERSION,
      ce_id: event.id,
      ce_type: event.type,
      ce_source: event.source,
      ce_subject: event.subject,
      ce_time: event.time,
      'content-type': STATUS_EVENT_CONTENT_TYPE,
    },
  };
}
