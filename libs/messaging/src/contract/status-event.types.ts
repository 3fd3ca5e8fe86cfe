import type { CertificateStatus } from '@app/domain';

/** Default Kafka topic of the certificate status events (`KAFKA_TOPIC_STATUS` overrides it). */
export const STATUS_TOPIC_DEFAULT = 'certification.certificate-status.v1';
export const STATUS_EVENT_SOURCE = 'urn:cmm:certification:certificate-registry';
export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const STATUS_EVENT_CONTENT_TYPE = 'application/json';

/** The integration event types, versioned independently of the domain events. */
export const STATUS_EVENT_TYPES = [
  'issued',
  'suspended',
  'reinstated',
  'revocation-opened',
  'revoked',
  'cancelled',
  'changed',
  'reissued',
  'renewed',
  'maintained',
] as const;
export type StatusEventType = (typeof STATUS_EVENT_TYPES)[number];

/** `ce_type` of an integration event type: `cn.cmm.certification.certificate.<type>.v1`. */
export const ceTypeOf = (type: StatusEventType): string => `cn.cmm.certification.certificate.${type}.v1`;

export type StatusValue = CertificateStatus;

export interface StatusChange {
  field: 'NAME' | 'ADDRESS' | 'SCOPE';
  before: string;
  after: string;
}

/** The JSON body of a status event. Never personal data, approver identities or scores. */
export interface StatusEventData {
  certificateNumber: string;
  holderName: string | null;
  /** null when the certificate had no status before (issued) or it is not known to the producer. */
  previousStatus: StatusValue | null;
  /**
   * The status after the event. For events that do not change the status (changed, reissued, renewed,
   * maintained, revocation-opened) it is the unchanged status when the producer passes it, else null.
   */
  newStatus: StatusValue | null;
  reasonCode: string | null;
  reason: string | null;
  /** ISO-8601 instant the change took effect (the event's occurredAt). */
  effectiveTime: string;
  schemeVersion: string | null;
  /** Store position `commit/prepare` of the source event. */
  position: string;
  change?: StatusChange;
  /** ISO date; issued and renewed only. */
  expiryDate?: string;
}

export interface CertificateStatusEvent {
  /** = the store's event id; consumers dedupe on it. */
  id: string;
  /** ce_type. */
  type: string;
  source: string;
  /** The certificate number. */
  subject: string;
  time: string;
  data: StatusEventData;
}

export interface StatusKafkaMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}
