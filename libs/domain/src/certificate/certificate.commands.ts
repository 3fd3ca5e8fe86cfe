import type { Command } from '../shared/decider';
import type { EvaluationResults } from '../shared/evaluation';
import type { Actor } from '../shared/roles';
import type {
  AppealVerdict,
  CancellationGround,
  CertificateChangeField,
  GrantAuditType,
  ReissueReason,
  RevocationGround,
  SurveillanceAuditType,
  SurveillanceOutcome,
  SuspensionGround,
  VerificationKind,
} from './certificate.constants';

/** 认证证书持有人 (B.1 认证组织名称 / 地址) with its 统一社会信用代码. */
export interface CertificateHolder {
  name: string;
  address: string;
  uscc: string;
}

/** The GRANT decision a certificate is issued or renewed on (R-AUD-6). */
export interface CertificateGrant<T extends GrantAuditType = GrantAuditType> {
  auditId: string;
  auditType: T;
  /** ISO date of the certification decision (认证决定日期). */
  decisionDate: string;
  decisionMaker: Actor;
}

/** R-CERT-1, R-CERT-2: the consequence of a GRANT decision. `context.actor` is the approver. */
export type IssueCertificate = Command<
  'IssueCertificate',
  {
    number: string;
    applicationId: string;
    schemeVersion: string;
    grant: CertificateGrant;
    holder: CertificateHolder;
    scope: string;
    evaluationResults: EvaluationResults;
    /** Defaults to the decision date; never before it. */
    effectiveDate?: string;
  }
>;

/** R-CERT-3, §7.4.1 证书变更. */
export type ChangeCertificate = Command<
  'ChangeCertificate',
  { field: CertificateChangeField; after: string; reason: string }
>;

/** R-CERT-3, §7.4.2 证书补发. */
export type ReissueCertificate = Command<'ReissueCertificate', { reason: ReissueReason; note?: string }>;

/** R-CERT-5, §8.2.1, §8.3.1 暂停. */
export type SuspendCertificate = Command<
  'SuspendCertificate',
  {
    ground: SuspensionGround;
    reason: string;
    /** 整改要求: what the holder has to correct. */
    correctionsRequired: string[];
    /** ISO date by which the correction has to be verified. */
    deadline: string;
    auditId?: string;
  }
>;

/** R-CERT-6 恢复. */
export type ReinstateCertificate = Command<
  'ReinstateCertificate',
  { verification: { kind: VerificationKind; reference: string }; reason: string }
>;

/** R-CERT-7 step 1: investigation recorded (调查). */
export type OpenRevocation = Command<
  'OpenRevocation',
  { ground: RevocationGround; investigation: { findings: string }; auditId?: string }
>;

/** R-CERT-7 step 2: notice with reasons (撤销通知). */
export type IssueRevocationNotice = Command<'IssueRevocationNotice', { reasons: string[] }>;

/** R-CERT-7 step 3: the holder's appeal (申诉), recorded by a decision maker. */
export type LodgeRevocationAppeal = Command<'LodgeRevocationAppeal', { grounds: string }>;

/** R-CERT-7: the appeal is decided before revocation can become final. */
export type DecideRevocationAppeal = Command<
  'DecideRevocationAppeal',
  { verdict: AppealVerdict; reason: string }
>;

/** R-CERT-7 step 4: final decision (决定). */
export type FinaliseRevocation = Command<'FinaliseRevocation', { reason: string }>;

/** R-CERT-8 注销. */
export type CancelCertificate = Command<'CancelCertificate', { ground: CancellationGround; reason: string }>;

/** R-AUD-9: the Annex B.4 record of a surveillance decision. */
export type RecordSurveillance = Command<
  'RecordSurveillance',
  {
    auditId: string;
    auditType: SurveillanceAuditType;
    decisionDate: string;
    outcome: SurveillanceOutcome;
    conclusion: string;
    leadAuditorId: string;
  }
>;

/** R-CERT-9, §6.4.3 再认证. */
export type RenewCertificate = Command<
  'RenewCertificate',
  {
    grant: CertificateGrant<'RECERTIFICATION'>;
    evaluationResults: EvaluationResults;
    /** The scheme version the recertification was handled under; defaults to the certificate's. */
    schemeVersion?: string;
  }
>;

export type CertificateCommand =
  | IssueCertificate
  | ChangeCertificate
  | ReissueCertificate
  | SuspendCertificate
  | ReinstateCertificate
  | OpenRevocation
  | IssueRevocationNotice
  | LodgeRevocationAppeal
  | DecideRevocationAppeal
  | FinaliseRevocation
  | CancelCertificate
  | RecordSurveillance
  | RenewCertificate;
