import type { CertificateEvent } from '@app/domain';
import { serializePosition, type RecordedEvent } from '@app/event-store';
import {
  STATUS_EVENT_SOURCE,
  ceTypeOf,
  type CertificateStatusEvent,
  type StatusEventData,
  type StatusEventType,
  type StatusValue,
} from './status-event.types';

const STREAM_PREFIX = 'certificate-';

/** What a domain event contributes to its integration event; the rest comes from the envelope. */
type Mapped = {
  type: StatusEventType;
  fields: Partial<StatusEventData> & Pick<StatusEventData, 'reasonCode' | 'reason'>;
  holderName?: string;
  transition?: { previousStatus: StatusValue | null; newStatus: StatusValue };
};

/**
 * Only the listed fields are copied, never the whole domain payload: holder address/USCC, approvers, evaluation
 * results, investigation findings, lead auditors and free-text notes stay inside.
 */
const mapDomainEvent = (event: CertificateEvent): Mapped | null => {
  switch (event.type) {
    case 'CertificateIssued':
      return {
        type: 'issued',
        holderName: event.data.holder.name,
        transition: { previousStatus: null, newStatus: 'VALID' },
        fields: {
          reasonCode: event.data.reason,
          reason: null,
          schemeVersion: event.data.schemeVersion,
          expiryDate: event.data.expiryDate,
        },
      };
    case 'CertificateSuspended':
    case 'CertificateCancelled':
    case 'CertificateRevoked': {
      const { statusBefore, statusAfter, ground, reason } = event.data;
      const type = {
        CertificateSuspended: 'suspended',
        CertificateCancelled: 'cancelled',
        CertificateRevoked: 'revoked',
      } as const;
      return {
        type: type[event.type],
        transition: { previousStatus: statusBefore, newStatus: statusAfter },
        fields: { reasonCode: ground, reason },
      };
    }
    case 'CertificateReinstated':
      return {
        type: 'reinstated',
        transition: { previousStatus: event.data.statusBefore, newStatus: event.data.statusAfter },
        fields: { reasonCode: `VERIFIED_BY_${event.data.verification.kind}`, reason: event.data.reason },
      };
    case 'RevocationOpened':
      return { type: 'revocation-opened', fields: { reasonCode: event.data.ground, reason: null } };
    case 'CertificateChanged': {
      const { field, before, after, reason } = event.data;
      return {
        type: 'changed',
        holderName: field === 'NAME' ? after : undefined,
        fields: { reasonCode: `${field}_CHANGED`, reason, change: { field, before, after } },
      };
    }
    case 'CertificateReissued':
      return { type: 'reissued', fields: { reasonCode: event.data.reason, reason: null } };
    case 'CertificateRenewed':
      return {
        type: 'renewed',
        fields: {
          reasonCode: 'RECERTIFICATION',
          reason: null,
          schemeVersion: event.data.schemeVersion,
          expiryDate: event.data.expiryDate,
        },
      };
    case 'SurveillanceRecorded':
      return event.data.outcome === 'MAINTAIN'
        ? { type: 'maintained', fields: { reasonCode: 'MAINTAIN', reason: null } }
        : null;
    default:
      return null;
  }
};

const certificateNumberOf = (event: RecordedEvent): string | null =>
  event.streamId.startsWith(STREAM_PREFIX) ? event.streamId.slice(STREAM_PREFIX.length) : null;

/**
 * Maps a recorded certificate event to its integration event, or null for events downstream does not get.
 * `holderName` is the latest holder name the caller knows (used when the event carries none); `currentStatus`
 * (optional) is the certificate's status before the event, reported for events that do not change it.
 */
export function toStatusEvent(
  event: RecordedEvent,
  holderName: string | null,
  currentStatus: StatusValue | null = null,
): CertificateStatusEvent | null {
  const number = certificateNumberOf(event);
  if (number === null) return null;
  const mapped = mapDomainEvent({ type: event.type, data: event.data } as unknown as CertificateEvent);
  if (mapped === null) return null;
  const status = mapped.transition ?? { previousStatus: currentStatus, newStatus: currentStatus };
  const data: StatusEventData = {
    certificateNumber: number,
    holderName: mapped.holderName ?? holderName,
    previousStatus: status.previousStatus,
    newStatus: status.newStatus,
    effectiveTime: event.metadata.occurredAt,
    schemeVersion: event.metadata.schemeVersion,
    position: serializePosition(event.globalPosition),
    ...mapped.fields,
  };
  return {
    id: event.id,
    type: ceTypeOf(mapped.type),
    source: STATUS_EVENT_SOURCE,
    subject: number,
    time: event.metadata.occurredAt,
    data,
  };
}
