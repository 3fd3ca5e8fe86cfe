import { CERTIFICATE_STATUSES, CHANGE_FIELDS } from '@app/domain';
import { STATUS_EVENT_TYPES, ceTypeOf, type StatusEventType } from './status-event.types';

/** JSON Schema draft-07 (the dialect AsyncAPI 3 payloads and ajv's default share). */
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

type Schema = Record<string, unknown>;

const text = { type: 'string', minLength: 1 };
const nullableText = { type: ['string', 'null'], minLength: 1 };
const status = { type: 'string', enum: [...CERTIFICATE_STATUSES] };
const liveStatusOrUnknown = { enum: ['VALID', 'SUSPENDED', null] };
const isoDate = { type: 'string', format: 'date' };

/** Status fields per type: transitions are fixed, other events report the unchanged status (or null if unknown). */
const statusRules: Record<StatusEventType, { previousStatus: Schema; newStatus: Schema }> = {
  issued: { previousStatus: { const: null }, newStatus: { const: 'VALID' } },
  suspended: { previousStatus: { const: 'VALID' }, newStatus: { const: 'SUSPENDED' } },
  reinstated: { previousStatus: { const: 'SUSPENDED' }, newStatus: { const: 'VALID' } },
  revoked: { previousStatus: { enum: ['VALID', 'SUSPENDED'] }, newStatus: { const: 'REVOKED' } },
  cancelled: { previousStatus: { enum: ['VALID', 'SUSPENDED'] }, newStatus: { const: 'CANCELLED' } },
  'revocation-opened': { previousStatus: liveStatusOrUnknown, newStatus: liveStatusOrUnknown },
  changed: { previousStatus: liveStatusOrUnknown, newStatus: liveStatusOrUnknown },
  reissued: { previousStatus: liveStatusOrUnknown, newStatus: liveStatusOrUnknown },
  renewed: { previousStatus: liveStatusOrUnknown, newStatus: liveStatusOrUnknown },
  maintained: { previousStatus: liveStatusOrUnknown, newStatus: liveStatusOrUnknown },
};

const descriptions: Record<StatusEventType, string> = {
  issued: 'A certificate was issued (status NONE → VALID).',
  suspended: 'A certificate was suspended (VALID → SUSPENDED).',
  reinstated: 'A suspended certificate was reinstated (SUSPENDED → VALID).',
  'revocation-opened': 'A revocation procedure was opened; the status does not change until it is final.',
  revoked: 'A certificate was revoked (final).',
  cancelled: 'A certificate was cancelled (final).',
  changed: 'Holder name, address or scope of a certificate changed.',
  reissued: 'A lost or damaged certificate document was reissued; nothing else changed.',
  renewed: 'A certificate was renewed after recertification; the expiry date moved.',
  maintained: 'A surveillance decision maintained the certificate.',
};

const dataSchema = (type: StatusEventType): Schema => {
  const withChange = type === 'changed';
  const withExpiry = type === 'issued' || type === 'renewed';
  const properties: Record<string, Schema> = {
    certificateNumber: text,
    holderName: nullableText,
    previousStatus: {
      ...statusRules[type].previousStatus,
      description: `one of ${status.enum.join(', ')} or null`,
    },
    newStatus: statusRules[type].newStatus,
    reasonCode: nullableText,
    reason: nullableText,
    effectiveTime: { type: 'string', format: 'date-time' },
    schemeVersion: nullableText,
    position: { type: 'string', pattern: '^[0-9]+/[0-9]+$' },
  };
  if (withChange) {
    properties.change = {
      type: 'object',
      additionalProperties: false,
      required: ['field', 'before', 'after'],
      properties: {
        field: { type: 'string', enum: [...CHANGE_FIELDS] },
        before: { type: 'string' },
        after: text,
      },
    };
  }
  if (withExpiry) properties.expiryDate = isoDate;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:cmm:certification:schema:${ceTypeOf(type)}`,
    title: ceTypeOf(type),
    description: descriptions[type],
    type: 'object',
    additionalProperties: false,
    required: [...Object.keys(properties)],
    properties,
  };
};

/** The JSON Schema of the data (Kafka message value) of each integration event, by ce_type. */
export function statusEventSchemas(): Record<string, object> {
  return Object.fromEntries(STATUS_EVENT_TYPES.map((type) => [ceTypeOf(type), dataSchema(type)]));
}
