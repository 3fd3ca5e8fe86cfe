/**
 * Timelines for the time-rule specs (R-TIME-2…5), imported by *.spec.ts only: a certificate granted on a given date,
 * its surveillance records and renewal, and the state they fold into.
 */
import { addYears } from '../shared/calendar';
import { fold } from '../shared/decider';
import type { Actor } from '../shared/roles';
import { certificateDecider } from './certificate.decider';
import type {
  CertificateEvent,
  CertificateIssued,
  CertificateRenewed,
  SurveillanceRecorded,
} from './certificate.events';
import { grant, issued, results } from './certificate.fixtures';
import type { IssuedCertificate } from './certificate.state';

const decisionMaker: Actor = { id: 'user-decider', role: 'DECISION_MAKER' };

/** Issued on the decision date itself; expiry = decision + 3 years (R-CERT-2). */
export const grantedOn = (decisionDate: string): CertificateIssued =>
  issued({
    grant: { ...grant, decisionDate },
    decisionDate,
    issueDate: decisionDate,
    effectiveDate: decisionDate,
    expiryDate: addYears(decisionDate, 3),
    date: decisionDate,
  });

/** An Annex B.4 record of a MAINTAIN surveillance decided on `decisionDate`, recorded on `recordedOn`. */
export const surveilledOn = (decisionDate: string, recordedOn = decisionDate): SurveillanceRecorded => ({
  type: 'SurveillanceRecorded',
  data: {
    auditId: `audit-surv-${decisionDate}`,
    auditType: 'SURVEILLANCE',
    decisionDate,
    outcome: 'MAINTAIN',
    conclusion: 'The management system continues to conform',
    leadAuditorId: 'user-lead',
    approver: decisionMaker,
    date: recordedOn,
  },
});

/** R-CERT-9: renewal decided on `decisionDate`; the new expiry is the old one + 3 years. */
export const renewedOn = (
  decisionDate: string,
  previousExpiryDate: string,
  documentRevision = 2,
): CertificateRenewed => ({
  type: 'CertificateRenewed',
  data: {
    grant: { auditId: 'audit-recert-1', auditType: 'RECERTIFICATION', decisionDate, decisionMaker },
    decisionDate,
    previousExpiryDate,
    expiryDate: addYears(previousExpiryDate, 3),
    evaluationResults: results,
    previousSchemeVersion: 'CMM-525-0002@V1.0',
    schemeVersion: 'CMM-525-0002@V1.0',
    basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
    documentRevision,
    approver: decisionMaker,
    date: decisionDate,
  },
});

/** The state a certificate stream folds into. */
export const certificateAfter = (events: CertificateEvent[]): IssuedCertificate =>
  fold(certificateDecider.evolve, certificateDecider.initialState, events) as IssuedCertificate;
