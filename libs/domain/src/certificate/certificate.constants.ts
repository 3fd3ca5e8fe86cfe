/**
 * Enumerations of the certificate aggregate (domain-rules §4), as `as const` arrays so that the API layer can
 * validate input against the same lists the decider uses.
 */

/** Public statuses of §8.1: 有效, 暂停, 撤销, 注销. REVOKED and CANCELLED are final. */
export const CERTIFICATE_STATUSES = ['VALID', 'SUSPENDED', 'REVOKED', 'CANCELLED'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const FINAL_CERTIFICATE_STATUSES = [
  'REVOKED',
  'CANCELLED',
] as const satisfies readonly CertificateStatus[];

/** Audit types whose GRANT issues a certificate (R-CERT-1). */
export const GRANT_AUDIT_TYPES = ['INITIAL', 'RECERTIFICATION'] as const;
export type GrantAuditType = (typeof GRANT_AUDIT_TYPES)[number];

/** Fields of a certificate change (§7.4.1 证书变更). */
export const CHANGE_FIELDS = ['NAME', 'ADDRESS', 'SCOPE'] as const;
export type CertificateChangeField = (typeof CHANGE_FIELDS)[number];

/** Reasons for a reissue (§7.4.2 证书补发): 遗失 or 损坏. */
export const REISSUE_REASONS = ['LOST', 'DAMAGED'] as const;
export type ReissueReason = (typeof REISSUE_REASONS)[number];

/** Suspension grounds of §8.2.1 (R-CERT-5); SURVEILLANCE_OVERDUE is the "other" case raised by SYSTEM (R-TIME-3). */
export const SUSPENSION_GROUNDS = [
  'MINOR_NC_NOT_CORRECTED', // 轻微不符合项未在规定时间内完成整改
  'MAJOR_CHANGE_NOT_REPORTED', // 重大变更未及时报告
  'GENERAL_VIOLATION', // 一般违法违规行为
  'SURVEILLANCE_OVERDUE', // 监督审核逾期 (R-TIME-3)
  'OTHER', // 其他影响认证有效性的情形
] as const;
export type SuspensionGround = (typeof SUSPENSION_GROUNDS)[number];

/** How the correction behind a reinstatement (恢复) was verified (R-CERT-6). */
export const VERIFICATION_KINDS = ['AUDIT', 'REVIEW'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/** Revocation grounds of §8.2.2 (R-CERT-7). */
export const REVOCATION_GROUNDS = [
  'SERIOUS_NONCONFORMITY', // 严重不符合项
  'FALSE_INFORMATION', // 虚假材料或隐瞒重要信息
  'SERIOUS_VIOLATION', // 严重违法违规行为
  'SURVEILLANCE_REFUSED', // 拒绝接受监督审核
  'SUSPENSION_EXPIRED', // 暂停期限届满仍未完成整改 (R-TIME-4)
] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

/** Stages of an open revocation procedure (§8.3.2: 调查 → 通知 → 申诉 → 决定). */
export const REVOCATION_STAGES = [
  'INVESTIGATION',
  'NOTICE_ISSUED',
  'APPEAL_LODGED',
  'APPEAL_REJECTED',
] as const;
export type RevocationStage = (typeof REVOCATION_STAGES)[number];

export const APPEAL_VERDICTS = ['UPHELD', 'REJECTED'] as const;
export type AppealVerdict = (typeof APPEAL_VERDICTS)[number];

/** Cancellation grounds of §8.2.3 (R-CERT-8). */
export const CANCELLATION_GROUNDS = [
  'HOLDER_REQUEST', // 认证对象主动申请注销
  'HOLDER_TERMINATED', // 认证对象依法终止
  'EXPIRED', // 有效期届满未申请再认证 (R-TIME-5)
  'OTHER', // 其他应当注销的情形
] as const;
export type CancellationGround = (typeof CANCELLATION_GROUNDS)[number];

/**
 * §7.4.3 (3)(4) list "不再符合认证要求" and "严重违法违规" as cancellation cases; Decision Q6 routes them through
 * revocation instead, so a cancellation on these grounds is refused.
 */
export const PUNITIVE_CANCELLATION_GROUNDS = ['NO_LONGER_CONFORMS', 'SERIOUS_VIOLATION'] as const;

/** Audit types recorded in Annex B.4 (R-AUD-9). */
export const SURVEILLANCE_AUDIT_TYPES = ['SURVEILLANCE', 'SPECIAL_SURVEILLANCE'] as const;
export type SurveillanceAuditType = (typeof SURVEILLANCE_AUDIT_TYPES)[number];

/** Surveillance decision outcomes (R-AUD-6). */
export const SURVEILLANCE_OUTCOMES = ['MAINTAIN', 'SUSPEND', 'REVOKE'] as const;
export type SurveillanceOutcome = (typeof SURVEILLANCE_OUTCOMES)[number];
