import type { Actor, CertificateChangeField, CertificateEvent, CertificateStatus } from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';
import type { Projection, ReadDocument } from '../projection';
import { asDomainEvent, certificateNumberOf } from './event-data';

/**
 * The Annex B record books (internal, with approvers, R-ACT-1): one document per event, keyed by the event id,
 * so a record is written once and never changes afterwards.
 */

const approverOf = (approver: Actor): Actor => ({ id: approver.id, role: approver.role });

const recordId = (handles: readonly string[]) => (event: EventWithoutMetadata) =>
  handles.includes(event.type) && certificateNumberOf(event) ? event.id : null;

/** B.2 变更记录 (R-CERT-3): change, reissue (补发) and renewal. */
export interface CertificateChangeDocument extends ReadDocument {
  certificateNumber: string;
  date: string;
  kind: 'CHANGE' | 'REISSUE' | 'RENEWAL';
  field?: CertificateChangeField | 'EXPIRY_DATE';
  before?: string;
  after?: string;
  reason: string;
  approver: Actor;
  documentRevision: number;
}

const CHANGE_EVENTS = [
  'CertificateChanged',
  'CertificateReissued',
  'CertificateRenewed',
] as const satisfies readonly CertificateEvent['type'][];

const changeRecord = (
  _: CertificateChangeDocument | null,
  recorded: EventWithoutMetadata,
): CertificateChangeDocument | null => {
  const certificateNumber = certificateNumberOf(recorded);
  if (!certificateNumber) return null;
  const event = asDomainEvent<CertificateEvent>(recorded);
  const base = { id: recorded.id, certificateNumber };
  switch (event.type) {
    case 'CertificateChanged': {
      const { date, field, before, after, reason, approver, documentRevision } = event.data;
      return {
        ...base,
        date,
        kind: 'CHANGE',
        field,
        before,
        after,
        reason,
        approver: approverOf(approver),
        documentRevision,
      };
    }
    case 'CertificateReissued': {
      const { date, reason, approver, documentRevision } = event.data;
      return { ...base, date, kind: 'REISSUE', reason, approver: approverOf(approver), documentRevision };
    }
    case 'CertificateRenewed': {
      const { date, previousExpiryDate, expiryDate, approver, documentRevision } = event.data;
      return {
        ...base,
        date,
        kind: 'RENEWAL',
        field: 'EXPIRY_DATE',
        before: previousExpiryDate,
        after: expiryDate,
        // The event carries no free-text reason: a renewal's reason is the recertification itself (R-CERT-9).
        reason: 'RECERTIFICATION',
        approver: approverOf(approver),
        documentRevision,
      };
    }
    default:
      return null;
  }
};

export const certificateChangesProjection: Projection<CertificateChangeDocument> = {
  name: 'certificate-changes',
  version: 1,
  handles: CHANGE_EVENTS,
  documentId: recordId(CHANGE_EVENTS),
  evolve: changeRecord,
  indexes: [{ fields: ['certificateNumber'] }, { fields: ['date'] }],
};

/** B.3 状态变更记录 (R-CERT-4): every status change, the issue (NONE → VALID) included. */
export interface CertificateStatusRecordDocument extends ReadDocument {
  certificateNumber: string;
  date: string;
  before: CertificateStatus | 'NONE';
  after: CertificateStatus;
  reason: string;
  approver: Actor;
}

const STATUS_EVENTS = [
  'CertificateIssued',
  'CertificateSuspended',
  'CertificateReinstated',
  'CertificateRevoked',
  'CertificateCancelled',
] as const satisfies readonly CertificateEvent['type'][];

const statusRecord = (
  _: CertificateStatusRecordDocument | null,
  recorded: EventWithoutMetadata,
): CertificateStatusRecordDocument | null => {
  const certificateNumber = certificateNumberOf(recorded);
  const event = asDomainEvent<CertificateEvent>(recorded);
  switch (event.type) {
    case 'CertificateIssued':
    case 'CertificateSuspended':
    case 'CertificateReinstated':
    case 'CertificateRevoked':
    case 'CertificateCancelled': {
      if (!certificateNumber) return null;
      const { date, statusBefore, statusAfter, reason, approver } = event.data;
      return {
        id: recorded.id,
        certificateNumber,
        date,
        before: statusBefore,
        after: statusAfter,
        reason,
        approver: approverOf(approver),
      };
    }
    default:
      return null;
  }
};

export const certificateStatusRecordsProjection: Projection<CertificateStatusRecordDocument> = {
  name: 'certificate-status-records',
  version: 1,
  handles: STATUS_EVENTS,
  documentId: recordId(STATUS_EVENTS),
  evolve: statusRecord,
  indexes: [{ fields: ['certificateNumber'] }, { fields: ['date'] }],
};

/** B.4 监督记录 (R-AUD-9): date (of the decision), audit type, conclusion, lead auditor. */
export interface SurveillanceRecordDocument extends ReadDocument {
  certificateNumber: string;
  date: string;
  auditType: 'SURVEILLANCE' | 'SPECIAL_SURVEILLANCE';
  outcome: 'MAINTAIN' | 'SUSPEND' | 'REVOKE';
  conclusion: string;
  leadAuditorId: string;
  auditId: string;
}

const SURVEILLANCE_EVENTS = ['SurveillanceRecorded'] as const satisfies readonly CertificateEvent['type'][];

const surveillanceRecord = (
  _: SurveillanceRecordDocument | null,
  recorded: EventWithoutMetadata,
): SurveillanceRecordDocument | null => {
  const certificateNumber = certificateNumberOf(recorded);
  const event = asDomainEvent<CertificateEvent>(recorded);
  if (event.type !== 'SurveillanceRecorded' || !certificateNumber) return null;
  const { decisionDate, auditType, outcome, conclusion, leadAuditorId, auditId } = event.data;
  return {
    id: recorded.id,
    certificateNumber,
    date: decisionDate,
    auditType,
    outcome,
    conclusion,
    leadAuditorId,
    auditId,
  };
};

export const surveillanceRecordsProjection: Projection<SurveillanceRecordDocument> = {
  name: 'surveillance-records',
  version: 1,
  handles: SURVEILLANCE_EVENTS,
  documentId: recordId(SURVEILLANCE_EVENTS),
  evolve: surveillanceRecord,
  indexes: [{ fields: ['certificateNumber'] }, { fields: ['date'] }],
};
