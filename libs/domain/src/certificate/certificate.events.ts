import type { DomainEvent } from '../shared/decider';
import type { EvaluationResults } from '../shared/evaluation';
import type { Actor } from '../shared/roles';
import type { CertificateHolder, CertificateGrant } from './certificate.commands';
import type {
  AppealVerdict,
  CancellationGround,
  CertificateChangeField,
  ReissueReason,
  RevocationGround,
  SurveillanceAuditType,
  SurveillanceOutcome,
  SuspensionGround,
  VerificationKind,
} from './certificate.constants';

/** Who approved and on which calendar date (UTC+8): the 变更批准人 / 变更日期 columns of Annex B (R-ACT-1). */
export interface CertificateApproval {
  approver: Actor;
  /** ISO date, `dateOf(context.now)`. */
  date: string;
}

/** 认证依据 (R-CERT-1): the standard plus the rule code and version the certificate was granted under. */
export interface CertificationBasis {
  standard: string;
  ruleCode: string;
  version: string;
}

/** Every Annex B.1 field, plus the B.3 record of the first status (none → VALID). */
export type CertificateIssued = DomainEvent<
  'CertificateIssued',
  CertificateApproval & {
    number: string;
    applicationId: string;
    schemeVersion: string;
    basis: CertificationBasis;
    certificationBody: string;
    holder: CertificateHolder;
    scope: string;
    evaluationResults: EvaluationResults;
    grant: CertificateGrant;
    decisionDate: string;
    issueDate: string;
    effectiveDate: string;
    expiryDate: string;
    statusBefore: 'NONE';
    statusAfter: 'VALID';
    reason: 'GRANT';
    documentRevision: number;
  }
>;

/** Annex B.2 record of a change (R-CERT-3). */
export type CertificateChanged = DomainEvent<
  'CertificateChanged',
  CertificateApproval & {
    field: CertificateChangeField;
    before: string;
    after: string;
    reason: string;
    documentRevision: number;
  }
>;

/** Annex B.2 record of a reissue (R-CERT-3, 补发). */
export type CertificateReissued = DomainEvent<
  'CertificateReissued',
  CertificateApproval & { reason: ReissueReason; note: string | null; documentRevision: number }
>;

/** Annex B.3 record VALID → SUSPENDED, with the content of the suspension notice (R-CERT-5). */
export type CertificateSuspended = DomainEvent<
  'CertificateSuspended',
  CertificateApproval & {
    statusBefore: 'VALID';
    statusAfter: 'SUSPENDED';
    ground: SuspensionGround;
    reason: string;
    correctionsRequired: string[];
    deadline: string;
    auditId: string | null;
  }
>;

/** Annex B.3 record SUSPENDED → VALID (R-CERT-6). */
export type CertificateReinstated = DomainEvent<
  'CertificateReinstated',
  CertificateApproval & {
    statusBefore: 'SUSPENDED';
    statusAfter: 'VALID';
    verification: { kind: VerificationKind; reference: string };
    reason: string;
  }
>;

/** R-CERT-7: investigation recorded; the public status does not change. */
export type RevocationOpened = DomainEvent<
  'RevocationOpened',
  CertificateApproval & { ground: RevocationGround; findings: string; auditId: string | null }
>;

export type RevocationNoticeIssued = DomainEvent<
  'RevocationNoticeIssued',
  CertificateApproval & { reasons: string[]; appealWindowEndsAt: string }
>;

export type RevocationAppealLodged = DomainEvent<
  'RevocationAppealLodged',
  CertificateApproval & { grounds: string }
>;

/** UPHELD closes the procedure and the certificate keeps its status; REJECTED lets the revocation become final. */
export type RevocationAppealDecided = DomainEvent<
  'RevocationAppealDecided',
  CertificateApproval & { verdict: AppealVerdict; reason: string; procedureClosed: boolean }
>;

/** Annex B.3 record → REVOKED (撤销), final. */
export type CertificateRevoked = DomainEvent<
  'CertificateRevoked',
  CertificateApproval & {
    statusBefore: 'VALID' | 'SUSPENDED';
    statusAfter: 'REVOKED';
    ground: RevocationGround;
    reasons: string[];
    reason: string;
    appealVerdict: 'REJECTED' | null;
  }
>;

/** Annex B.3 record → CANCELLED (注销), final. */
export type CertificateCancelled = DomainEvent<
  'CertificateCancelled',
  CertificateApproval & {
    statusBefore: 'VALID' | 'SUSPENDED';
    statusAfter: 'CANCELLED';
    ground: CancellationGround;
    reason: string;
  }
>;

/** Annex B.4 record (R-AUD-9): date, audit type, conclusion, lead auditor. */
export type SurveillanceRecorded = DomainEvent<
  'SurveillanceRecorded',
  CertificateApproval & {
    auditId: string;
    auditType: SurveillanceAuditType;
    decisionDate: string;
    outcome: SurveillanceOutcome;
    conclusion: string;
    leadAuditorId: string;
  }
>;

/** R-CERT-9: same number, new revision, expiry extended from the old expiry. */
export type CertificateRenewed = DomainEvent<
  'CertificateRenewed',
  CertificateApproval & {
    grant: CertificateGrant<'RECERTIFICATION'>;
    decisionDate: string;
    previousExpiryDate: string;
    expiryDate: string;
    evaluationResults: EvaluationResults;
    previousSchemeVersion: string;
    schemeVersion: string;
    basis: CertificationBasis;
    documentRevision: number;
  }
>;

export type CertificateEvent =
  | CertificateIssued
  | CertificateChanged
  | CertificateReissued
  | CertificateSuspended
  | CertificateReinstated
  | RevocationOpened
  | RevocationNoticeIssued
  | RevocationAppealLodged
  | RevocationAppealDecided
  | CertificateRevoked
  | CertificateCancelled
  | SurveillanceRecorded
  | CertificateRenewed;

export type CertificateEventType = CertificateEvent['type'];
