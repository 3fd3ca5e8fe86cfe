import type { RegistryDocument } from '../projections';

/** A registry entry as the public sees it (R-REG-1), with "valid today?" computed for `today`. */
export type PublicRegistryEntry = Omit<RegistryDocument, 'id' | '_sources'> & { validToday: boolean };

/**
 * Builds the public entry field by field from the registry document, so nothing else stored there can leak
 * into an answer (R-REG-2). `today` is the calendar date (UTC+8) the answer is given on.
 */
export const toPublicRegistryEntry = (doc: RegistryDocument, today: string): PublicRegistryEntry => ({
  number: doc.number,
  holderName: doc.holderName,
  holderAddress: doc.holderAddress,
  scope: doc.scope,
  basis: { standard: doc.basis.standard, ruleCode: doc.basis.ruleCode, version: doc.basis.version },
  certificationBody: doc.certificationBody,
  issueDate: doc.issueDate,
  effectiveDate: doc.effectiveDate,
  expiryDate: doc.expiryDate,
  status: doc.status,
  iafStatus: doc.iafStatus,
  statusChangedOn: doc.statusChangedOn,
  validToday: doc.status === 'VALID' && doc.effectiveDate <= today && today <= doc.expiryDate,
  statusHistory: doc.statusHistory.map(({ date, before, after, reason }) => ({
    date,
    before,
    after,
    reason,
  })),
  changeHistory: doc.changeHistory.map(({ date, kind, field, before, after, reason }) => ({
    date,
    kind,
    ...(field === undefined ? {} : { field }),
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    reason,
  })),
  suspension: doc.suspension && {
    since: doc.suspension.since,
    deadline: doc.suspension.deadline,
    reason: doc.suspension.reason,
  },
  revocation: doc.revocation && {
    date: doc.revocation.date,
    ground: doc.revocation.ground,
    reasons: doc.revocation.reasons,
  },
  cancellation: doc.cancellation && {
    date: doc.cancellation.date,
    ground: doc.cancellation.ground,
    reason: doc.cancellation.reason,
  },
});
