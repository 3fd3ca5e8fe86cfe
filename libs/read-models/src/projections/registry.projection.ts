import type {
  CancellationGround,
  CertificateChangeField,
  CertificateEvent,
  CertificateStatus,
  CertificationBasis,
  RevocationGround,
} from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';
import type { Projection, ReadDocument } from '../projection';
import { appended, asDomainEvent, certificateDocumentId } from './event-data';

/** R-REG-5: the IAF CertSearch vocabulary. */
export type IafStatus = 'active' | 'suspended' | 'withdrawn' | 'cancelled';

export const IAF_STATUS: Readonly<Record<CertificateStatus, IafStatus>> = {
  VALID: 'active',
  SUSPENDED: 'suspended',
  REVOKED: 'withdrawn',
  CANCELLED: 'cancelled',
};

/** A B.3 line as the public sees it: no approver (R-REG-1, R-REG-2). */
export interface RegistryStatusEntry {
  date: string;
  before: CertificateStatus | 'NONE';
  after: CertificateStatus;
  reason: string;
}

/** A B.2 line as the public sees it: content and dates, no approver (R-REG-1, R-REG-2). */
export interface RegistryChangeEntry {
  date: string;
  kind: 'CHANGE' | 'REISSUE' | 'RENEWAL';
  field?: CertificateChangeField | 'EXPIRY_DATE';
  before?: string;
  after?: string;
  reason: string;
}

/**
 * The public registry entry of a certificate (§8.4, R-REG-1). Built field by field from the events — never by
 * copying event data — so nothing internal can slip in: no uscc, evaluation results, approvers, actors, notes,
 * and no open revocation procedure (R-REG-2). "Valid today?" is computed by the query from `status` and dates.
 */
export interface RegistryDocument extends ReadDocument {
  number: string;
  holderName: string;
  holderAddress: string;
  scope: string;
  basis: CertificationBasis;
  certificationBody: string;
  issueDate: string;
  effectiveDate: string;
  expiryDate: string;
  status: CertificateStatus;
  iafStatus: IafStatus;
  statusChangedOn: string;
  statusHistory: RegistryStatusEntry[];
  changeHistory: RegistryChangeEntry[];
  suspension: { since: string; deadline: string; reason: string } | null;
  revocation: { date: string; ground: RevocationGround; reasons: string[] } | null;
  cancellation: { date: string; ground: CancellationGround; reason: string } | null;
}

/** Revocation steps before the final decision (RevocationOpened …) are internal and deliberately not listed. */
const HANDLES = [
  'CertificateIssued',
  'CertificateChanged',
  'CertificateReissued',
  'CertificateSuspended',
  'CertificateReinstated',
  'CertificateRevoked',
  'CertificateCancelled',
  'CertificateRenewed',
] as const satisfies readonly CertificateEvent['type'][];

const withStatus = (
  doc: RegistryDocument,
  entry: RegistryStatusEntry,
  changes: Partial<RegistryDocument>,
): RegistryDocument => ({
  ...doc,
  ...changes,
  status: entry.after,
  iafStatus: IAF_STATUS[entry.after],
  statusChangedOn: entry.date,
  statusHistory: appended(doc.statusHistory, entry),
});

const evolve = (doc: RegistryDocument | null, recorded: EventWithoutMetadata): RegistryDocument | null => {
  const event = asDomainEvent<CertificateEvent>(recorded);
  if (event.type === 'CertificateIssued') {
    const d = event.data;
    return {
      id: d.number,
      number: d.number,
      holderName: d.holder.name,
      holderAddress: d.holder.address,
      scope: d.scope,
      basis: { standard: d.basis.standard, ruleCode: d.basis.ruleCode, version: d.basis.version },
      certificationBody: d.certificationBody,
      issueDate: d.issueDate,
      effectiveDate: d.effectiveDate,
      expiryDate: d.expiryDate,
      status: d.statusAfter,
      iafStatus: IAF_STATUS[d.statusAfter],
      statusChangedOn: d.date,
      statusHistory: [{ date: d.date, before: d.statusBefore, after: d.statusAfter, reason: d.reason }],
      changeHistory: [],
      suspension: null,
      revocation: null,
      cancellation: null,
    };
  }
  // Every other event follows the issue on the same stream; without it there is nothing to show (R-REG-3).
  if (!doc) return null;
  switch (event.type) {
    case 'CertificateChanged': {
      const { date, field, before, after, reason } = event.data;
      return {
        ...doc,
        ...(field === 'NAME' && { holderName: after }),
        ...(field === 'ADDRESS' && { holderAddress: after }),
        ...(field === 'SCOPE' && { scope: after }),
        changeHistory: appended(doc.changeHistory, { date, kind: 'CHANGE', field, before, after, reason }),
      };
    }
    case 'CertificateReissued':
      // The reissue note is free text for the file, not for the public.
      return {
        ...doc,
        changeHistory: appended(doc.changeHistory, {
          date: event.data.date,
          kind: 'REISSUE',
          reason: event.data.reason,
        }),
      };
    case 'CertificateRenewed': {
      const { date, previousExpiryDate, expiryDate, basis } = event.data;
      return {
        ...doc,
        expiryDate,
        basis: { standard: basis.standard, ruleCode: basis.ruleCode, version: basis.version },
        changeHistory: appended(doc.changeHistory, {
          date,
          kind: 'RENEWAL',
          field: 'EXPIRY_DATE',
          before: previousExpiryDate,
          after: expiryDate,
          reason: 'RECERTIFICATION',
        }),
      };
    }
    case 'CertificateSuspended': {
      const { date, statusBefore, statusAfter, reason, deadline } = event.data;
      return withStatus(
        doc,
        { date, before: statusBefore, after: statusAfter, reason },
        { suspension: { since: date, deadline, reason } },
      );
    }
    case 'CertificateReinstated': {
      const { date, statusBefore, statusAfter, reason } = event.data;
      return withStatus(
        doc,
        { date, before: statusBefore, after: statusAfter, reason },
        { suspension: null },
      );
    }
    case 'CertificateRevoked': {
      // R-REG-4: the entry stays, with its history; the revocation is shown once final.
      const { date, statusBefore, statusAfter, reason, ground, reasons } = event.data;
      return withStatus(
        doc,
        { date, before: statusBefore, after: statusAfter, reason },
        { suspension: null, revocation: { date, ground, reasons: [...reasons] } },
      );
    }
    case 'CertificateCancelled': {
      const { date, statusBefore, statusAfter, reason, ground } = event.data;
      return withStatus(
        doc,
        { date, before: statusBefore, after: statusAfter, reason },
        { suspension: null, cancellation: { date, ground, reason } },
      );
    }
    default:
      return doc;
  }
};

/** Shared by folded documents whose histories are gathered elsewhere: never appended to in place. */
const NO_LINES: never[] = [];

/**
 * The registry document after a certificate stream's events (in stream order), equal to folding them one by one
 * through the projection's `evolve` — for a whole stream at once (the regulators' state at an instant). The B.2 and
 * B.3 lines only ever grow after the issue, so each event is folded against the document with empty histories and
 * the lines it adds are gathered in one list each: `evolve` copies the histories at every event, which over a
 * certificate with a long history is quadratic work and garbage.
 */
export const registryDocumentOf = (events: readonly EventWithoutMetadata[]): RegistryDocument | null => {
  let doc: RegistryDocument | null = null;
  const statusHistory: RegistryStatusEntry[] = [];
  const changeHistory: RegistryChangeEntry[] = [];
  for (const event of events) {
    if (!(HANDLES as readonly string[]).includes(event.type)) continue;
    const next = evolve(doc, event);
    if (next === doc) continue;
    // The issue starts the entry afresh, histories included, as `evolve` does; no document, no histories.
    if (next === null || event.type === 'CertificateIssued') {
      statusHistory.length = 0;
      changeHistory.length = 0;
    }
    if (next === null) {
      doc = null;
      continue;
    }
    statusHistory.push(...next.statusHistory);
    changeHistory.push(...next.changeHistory);
    doc = { ...next, statusHistory: NO_LINES, changeHistory: NO_LINES };
  }
  return doc && { ...doc, statusHistory, changeHistory };
};

/** `registry` — the public certificate register (§8.4, R-REG-1…5); id = certificate number. */
export const registryProjection: Projection<RegistryDocument> = {
  name: 'registry',
  version: 1,
  handles: HANDLES,
  documentId: certificateDocumentId(HANDLES),
  evolve,
  indexes: [
    { fields: ['number'], unique: true },
    { fields: ['holderName'], substring: true },
    { fields: ['status'] },
    { fields: ['expiryDate'] },
  ],
};
