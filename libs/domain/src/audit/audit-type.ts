/** Audit types of domain-rules §3. */
export const AUDIT_TYPES = ['INITIAL', 'SURVEILLANCE', 'SPECIAL_SURVEILLANCE', 'RECERTIFICATION'] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];
