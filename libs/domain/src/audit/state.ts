import type { EvaluationResults } from '../shared/evaluation';
import type { Actor } from '../shared/roles';
import type { AuditType } from './audit-type';
import type { GrantConditions } from './events';
import type {
  AuditStatus,
  AuditSubject,
  CertificationOutcome,
  NonconformityGrade,
  NonconformityStatus,
} from './vocabulary';

export interface Nonconformity {
  id: string;
  grade: NonconformityGrade;
  clause: string;
  evidence: string;
  dueDate: string;
  status: NonconformityStatus;
}

export interface AuditReport {
  conclusion: string;
  recommendation: string;
  lastAuditDay: string;
}

export interface DecisionSummary {
  outcome: CertificationOutcome;
  decisionDate: string;
  decisionMaker: Actor;
  conditions?: GrantConditions;
  /** Set when a breach of the decision-notice SLA was recorded for this decision (R-TIME-1, once per decision). */
  noticeSlaBreachRecordedOn?: string;
}

export interface AuditFile {
  status: AuditStatus;
  auditId: string;
  type: AuditType;
  schemeVersion: string;
  subject: AuditSubject;
  plannedStartDate: string;
  plannedEndDate: string;
  onSiteDays: number;
  /** The current team, lead first; null before assignment. */
  team: { leadAuditor: Actor; members: Actor[] } | null;
  /** Everyone who was ever on the team, so independence survives a re-assignment (R-IND-1, R-IND-2). */
  formerTeamMemberIds: string[];
  startedAt: string | null;
  nonconformities: Nonconformity[];
  observationIds: string[];
  results: EvaluationResults | null;
  report: AuditReport | null;
  /** The reviewer of the review in progress. */
  currentReviewer: Actor | null;
  /** Every technical reviewer who ever reviewed this audit (R-IND-1, R-IND-2). */
  reviewers: Actor[];
  /** Every decision taken on this audit, in order (a conditional grant is followed by a GRANT or REFUSE). */
  decisions: DecisionSummary[];
}

export type AuditState = { status: 'NONE' } | AuditFile;

export const initialAuditState: AuditState = { status: 'NONE' };

/** Nonconformities graded MAJOR and not yet VERIFIED: they block any grant (R-AUD-4, R-AUD-7). */
export const openMajorNonconformities = (state: AuditState): Nonconformity[] =>
  state.status === 'NONE'
    ? []
    : state.nonconformities.filter((nc) => nc.grade === 'MAJOR' && nc.status !== 'VERIFIED');

/** True when the user is on the audit's current team (lead included). */
export const isTeamMember = (state: AuditState, userId: string): boolean =>
  state.status !== 'NONE' && (state.team?.members.some((m) => m.id === userId) ?? false);

/** True when the user is or ever was on the team, or ever reviewed the report: not independent (R-IND-1). */
export const isInvolvedInAudit = (state: AuditFile, userId: string): boolean =>
  state.formerTeamMemberIds.includes(userId) || state.reviewers.some((r) => r.id === userId);

export const lastDecision = (state: AuditFile): DecisionSummary | undefined =>
  state.decisions[state.decisions.length - 1];
