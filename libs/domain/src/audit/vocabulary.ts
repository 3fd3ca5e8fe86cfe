import type { AuditType } from './audit-type';

/** Audit states of domain-rules §3; 'NONE' (no stream yet) is the decider's initial state. */
export const AUDIT_STATUSES = [
  'PLANNED',
  'TEAM_ASSIGNED',
  'IN_PROGRESS',
  'REPORTED',
  'UNDER_TECHNICAL_REVIEW', // 技术委员会审查 (§6.3.1)
  'RETURNED',
  'REVIEWED',
  'DECIDED', // 认证决定 (§6.3.2)
  'NOTIFIED', // 决定通知 (§6.3.3)
  'CANCELLED',
] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** 严重不符合项 / 轻微不符合项 (R-AUD-3). */
export const NONCONFORMITY_GRADES = ['MAJOR', 'MINOR'] as const;
export type NonconformityGrade = (typeof NONCONFORMITY_GRADES)[number];

/** Nonconformity lifecycle (R-AUD-4). */
export const NONCONFORMITY_STATUSES = [
  'OPEN',
  'RESPONDED',
  'ACCEPTED',
  'RESPONSE_REJECTED',
  'VERIFIED',
] as const;
export type NonconformityStatus = (typeof NONCONFORMITY_STATUSES)[number];

export const TECHNICAL_REVIEW_VERDICTS = ['APPROVE', 'RETURN'] as const;
export type TechnicalReviewVerdict = (typeof TECHNICAL_REVIEW_VERDICTS)[number];

/** Decision outcomes (R-AUD-6): 批准 / 有条件批准 / 不予批准 for certification, keep / suspend / revoke for surveillance. */
export const CERTIFICATION_OUTCOMES = [
  'GRANT',
  'CONDITIONAL_GRANT',
  'REFUSE',
  'MAINTAIN',
  'SUSPEND',
  'REVOKE',
] as const;
export type CertificationOutcome = (typeof CERTIFICATION_OUTCOMES)[number];

/** R-AUD-6: which outcomes an audit type can end in. */
export const OUTCOMES_BY_AUDIT_TYPE: Readonly<Record<AuditType, readonly CertificationOutcome[]>> = {
  INITIAL: ['GRANT', 'CONDITIONAL_GRANT', 'REFUSE'],
  RECERTIFICATION: ['GRANT', 'CONDITIONAL_GRANT', 'REFUSE'],
  SURVEILLANCE: ['MAINTAIN', 'SUSPEND', 'REVOKE'],
  SPECIAL_SURVEILLANCE: ['MAINTAIN', 'SUSPEND', 'REVOKE'],
};

/** Decisions whose notice must carry reasons and the right to appeal (R-AUD-8). */
export const ADVERSE_OUTCOMES = ['REFUSE', 'SUSPEND', 'REVOKE', 'CONDITIONAL_GRANT'] as const;

/** Outcomes that must state their reasons in the decision itself. */
export const OUTCOMES_REQUIRING_REASONS = ['REFUSE', 'SUSPEND', 'REVOKE'] as const;

/** The reason recorded when SYSTEM refuses a file whose conditional grant expired (R-TIME-6). */
export const CONDITIONAL_GRANT_DEADLINE_PASSED = 'CONDITIONAL_GRANT_DEADLINE_PASSED';

export const AUDIT_SUBJECT_KINDS = ['APPLICATION', 'CERTIFICATE'] as const;
export type AuditSubjectKind = (typeof AUDIT_SUBJECT_KINDS)[number];

/**
 * What is audited. The status is a fact the application layer read from the other stream when scheduling;
 * it is kept as a plain string so the audit does not depend on the other aggregates' types.
 */
export type AuditSubject =
  | { kind: 'APPLICATION'; applicationId: string; applicationStatus: string }
  | { kind: 'CERTIFICATE'; certificateNumber: string; certificateStatus: string };
