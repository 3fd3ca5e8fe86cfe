export * from './audit-type';
export * from './vocabulary';
export * from './commands';
export * from './events';
export * from './score-sheet';
export * from './scoring';
export { initialAuditState, openMajorNonconformities, isTeamMember, lastDecision } from './state';
export type { AuditState, AuditFile, AuditReport, DecisionSummary, Nonconformity } from './state';
export { auditDecider, auditStreamName } from './audit.decider';
