import { compareDates } from '../shared/calendar';
import { refuse } from '../shared/errors';
import type { ChangeCertificate, RecordSurveillance, ReissueCertificate } from './certificate.commands';
import {
  CHANGE_FIELDS,
  REISSUE_REASONS,
  SURVEILLANCE_AUDIT_TYPES,
  SURVEILLANCE_OUTCOMES,
} from './certificate.constants';
import type { CertificateChanged, CertificateReissued, SurveillanceRecorded } from './certificate.events';
import {
  approvalOf,
  optionalText,
  requireIsoDate,
  requireLive,
  requireOneOf,
  requireRole,
  requireText,
  todayOf,
  type LiveCertificate,
} from './certificate.guards';
import type { CertificateState } from './certificate.state';

const currentValue = (certificate: LiveCertificate, field: ChangeCertificate['data']['field']): string => {
  switch (field) {
    case 'NAME':
      return certificate.holder.name;
    case 'ADDRESS':
      return certificate.holder.address;
    case 'SCOPE':
      return certificate.scope;
  }
};

/** R-CERT-3 (§7.4.1 证书变更): a new document revision and an Annex B.2 record (before → after, reason, approver). */
export const changeCertificate = (
  command: ChangeCertificate,
  state: CertificateState,
): CertificateChanged[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['REGISTRY_OFFICER'], 'R-CERT-3');
  const field = requireOneOf(command.data.field, CHANGE_FIELDS, 'field', 'R-CERT-3');
  const after = requireText(command.data.after, 'after', 'R-CERT-3');
  const reason = requireText(command.data.reason, 'reason', 'R-ACT-1');
  const before = currentValue(certificate, field);
  if (after === before) refuse('R-CERT-3', `${field} is already "${before}"`, { field, before, after });
  return [
    {
      type: 'CertificateChanged',
      data: {
        field,
        before,
        after,
        reason,
        documentRevision: certificate.documentRevision + 1,
        ...approvalOf(command),
      },
    },
  ];
};

/** R-CERT-3 (§7.4.2 补发): a lost or damaged certificate is reissued as a new document revision. */
export const reissueCertificate = (
  command: ReissueCertificate,
  state: CertificateState,
): CertificateReissued[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['REGISTRY_OFFICER'], 'R-CERT-3');
  const reason = requireOneOf(command.data.reason, REISSUE_REASONS, 'reason', 'R-CERT-3');
  const note = optionalText(command.data.note, 'note', 'R-CERT-3');
  return [
    {
      type: 'CertificateReissued',
      data: { reason, note, documentRevision: certificate.documentRevision + 1, ...approvalOf(command) },
    },
  ];
};

/**
 * R-AUD-9: every surveillance decision leaves an Annex B.4 record on the certificate. A SUSPEND or REVOKE
 * outcome is carried out by a separate SuspendCertificate / OpenRevocation command.
 */
export const recordSurveillance = (
  command: RecordSurveillance,
  state: CertificateState,
): SurveillanceRecorded[] => {
  requireLive(command, state);
  requireRole(command, ['DECISION_MAKER'], 'R-AUD-9');
  const { data } = command;
  const today = todayOf(command);
  const decisionDate = requireIsoDate(data.decisionDate, 'decisionDate', 'R-AUD-9');
  if (compareDates(decisionDate, today) > 0) {
    refuse('R-AUD-9', `decision date ${decisionDate} is after today ${today}`, { decisionDate, today });
  }
  return [
    {
      type: 'SurveillanceRecorded',
      data: {
        auditId: requireText(data.auditId, 'auditId', 'R-AUD-9'),
        auditType: requireOneOf(data.auditType, SURVEILLANCE_AUDIT_TYPES, 'auditType', 'R-AUD-9'),
        decisionDate,
        outcome: requireOneOf(data.outcome, SURVEILLANCE_OUTCOMES, 'outcome', 'R-AUD-9'),
        conclusion: requireText(data.conclusion, 'conclusion', 'R-AUD-9'),
        leadAuditorId: requireText(data.leadAuditorId, 'leadAuditorId', 'R-AUD-9'),
        ...approvalOf(command),
      },
    },
  ];
};
