import type { EvaluationResults } from '../shared/evaluation';
import type { CertificateHolder, CertificateGrant } from './certificate.commands';
import type {
  AppealVerdict,
  CertificateStatus,
  RevocationGround,
  RevocationStage,
  SuspensionGround,
} from './certificate.constants';
import type { CertificationBasis } from './certificate.events';

/** The open suspension (暂停) of a SUSPENDED certificate. */
export interface CertificateSuspension {
  ground: SuspensionGround;
  /** Last date on which the certificate may be reinstated (R-CERT-6). */
  deadline: string;
  since: string;
}

export interface RevocationAppeal {
  grounds: string;
  lodgedOn: string;
  verdict: AppealVerdict | null;
}

/** An open revocation procedure (R-CERT-7). Closed (null) when an appeal is upheld or the revocation is final. */
export interface RevocationProcedure {
  stage: RevocationStage;
  ground: RevocationGround;
  findings: string;
  auditId: string | null;
  openedOn: string;
  reasons: string[];
  noticeDate: string | null;
  appealWindowEndsAt: string | null;
  appeal: RevocationAppeal | null;
}

export interface NotIssuedCertificate {
  status: 'NONE';
}

export interface IssuedCertificate {
  status: CertificateStatus;
  number: string;
  applicationId: string;
  holder: CertificateHolder;
  scope: string;
  /** R-SCHEME-1: the scheme version the certificate was (last) granted under; its parameters apply. */
  schemeVersion: string;
  basis: CertificationBasis;
  certificationBody: string;
  /** The grant the current term rests on (initial or last recertification). */
  grant: CertificateGrant;
  decisionDate: string;
  issueDate: string;
  effectiveDate: string;
  expiryDate: string;
  documentRevision: number;
  /** R-SCORE-7: the results the certificate was granted on, whatever later scheme versions change. */
  evaluationResults: EvaluationResults;
  statusChangedOn: string;
  suspension: CertificateSuspension | null;
  revocation: RevocationProcedure | null;
  /** Latest surveillance decision of the current term (Annex B.4); null until the first, and after a renewal. */
  lastSurveillanceDate: string | null;
}

export type CertificateState = NotIssuedCertificate | IssuedCertificate;

export const initialCertificateState: CertificateState = { status: 'NONE' };

/** Stream of one certificate: `certificate-<number>` (architecture.md). */
export const certificateStreamName = (number: string): string => `certificate-${number}`;
