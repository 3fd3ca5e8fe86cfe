import { statusEventSchemas } from './status-event.schemas';
import {
  CLOUDEVENTS_SPEC_VERSION,
  STATUS_EVENT_CONTENT_TYPE,
  STATUS_EVENT_SOURCE,
  STATUS_EVENT_TYPES,
  STATUS_TOPIC_DEFAULT,
  ceTypeOf,
} from './status-event.types';

const SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

/** Message id in the AsyncAPI document of an event type, e.g. `revocationOpened`. */
export const asyncApiMessageId = (type: string): string =>
  type.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

const headers = (ceType: string) => ({
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
    ce_id: { type: 'string', description: 'The event store id of the source event; consumers dedupe on it.' },
    ce_type: { type: 'string', const: ceType },
    ce_source: { type: 'string', const: STATUS_EVENT_SOURCE },
    ce_subject: { type: 'string', description: 'The certificate number (= the message key).' },
    ce_time: { type: 'string', format: 'date-time', description: 'When the change happened (occurredAt).' },
    'content-type': { type: 'string', const: STATUS_EVENT_CONTENT_TYPE },
  },
});

/** The AsyncAPI 3.0 document of the status topic, built from the same schemas the producer validates with. */
export function asyncApiDocument(): Record<string, unknown> {
  const schemas = statusEventSchemas();
  const messages = Object.fromEntries(
    STATUS_EVENT_TYPES.map((type) => {
      const ceType = ceTypeOf(type);
      const schema = schemas[ceType] as { description: string };
      return [
        asyncApiMessageId(type),
        {
          name: ceType,
          title: `Certificate ${type}`,
          summary: schema.description,
          contentType: STATUS_EVENT_CONTENT_TYPE,
          headers: headers(ceType),
          payload: { schemaFormat: SCHEMA_FORMAT, schema },
          bindings: {
            kafka: {
              key: { type: 'string', description: 'The certificate number.' },
              bindingVersion: '0.5.0',
            },
          },
        },
      ];
    }),
  );
  const refs = STATUS_EVENT_TYPES.map((type) => ({
    $ref: `#/channels/certificateStatus/messages/${asyncApiMessageId(type)}`,
  }));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Certificate status events',
      version: '1.0.0',
      description:
        'Status events of certificates for downstream systems, CloudEvents 1.0 Kafka binding in binary mode. ' +
        'Key = certificate number (ordered per certificate); ce_id = the event store id (dedupe on it). ' +
        'Never carries personal data, approver identities or scores. Generated from libs/messaging/src/contract ' +
        'by libs/messaging/scripts/write-asyncapi.ts; a test fails when this file is stale.',
    },
    defaultContentType: STATUS_EVENT_CONTENT_TYPE,
    channels: {
      certificateStatus: {
        address: STATUS_TOPIC_DEFAULT,
        description: 'Default topic name; configurable with KAFKA_TOPIC_STATUS.',
        messages,
        bindings: { kafka: { topic: STATUS_TOPIC_DEFAULT, bindingVersion: '0.5.0' } },
      },
    },
    operations: {
      publishCertificateStatus: {
        action: 'send',
        channel: { $ref: '#/channels/certificateStatus' },
        summary:
          'The relay publishes one message per certificate status event, in log order per certificate.',
        messages: refs,
      },
    },
    components: {},
  };
}
