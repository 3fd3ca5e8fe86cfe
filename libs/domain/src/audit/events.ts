import type { DomainEvent } from '../shared/decider';
import type { EvaluationResults } from '../shared/evaluation';
import type { Actor } from '../shared/roles';
import type { DayRange } from '../scheme/scheme-definition';
import type { AuditType } from './audit-type';
import type { TechnicalReviewChecks } from './commands';
import type { ScoreSheetInput } from './score-sheet';
import type {
  AuditStatus,
  AuditSubject,
  CertificationOutcome,
  NonconformityGrade,
  NonconformityStatus,
  TechnicalReviewVerdict,
} from './vocabulary';

/** R-ACT-1: who caused the event and when (ISO instant); the envelope repeats the actor. */
interface Recorded {
  by: Actor;
  at: string;
}

/** A change of the audit's status, recorded as before → after. */
interface StatusChange<After extends AuditStatus = AuditStatus> {
  statusBefore: AuditStatus | 'NONE';
  statusAfter: After;
}

/** A step of a nonconformity's lifecycle (R-AUD-4). */
interface NonconformityStep<After extends NonconformityStatus> {
  auditId: string;
  nonconformityId: string;
  statusBefore: NonconformityStatus;
  statusAfter: After;
}

export type AuditScheduled = DomainEvent<
  'AuditScheduled',
  {
    auditId: string;
    type: AuditType;
    schemeVersion: string;
    subject: AuditSubject;
    plannedStartDate: string;
    plannedEndDate: string;
    onSiteDays: number;
    /** The scheme's range at scheduling time, so the justification can be read against it (R-AUD-1). */
    onSiteDayRange: DayRange;
    daysJustification: string | null;
  } & Recorded &
    StatusChange<'PLANNED'>
>;

export type AuditTeamAssigned = DomainEvent<
  'AuditTeamAssigned',
  {
    auditId: string;
    leadAuditor: Actor;
    /** The whole team: the lead first, then the other members, without duplicates. */
    team: Actor[];
    /** The team this assignment replaces (re-assignment), null on the first one. */
    previousTeam: Actor[] | null;
  } & Recorded &
    StatusChange<'TEAM_ASSIGNED'>
>;

export type AuditStarted = DomainEvent<
  'AuditStarted',
  { auditId: string; startedAt: string; by: Actor } & StatusChange<'IN_PROGRESS'>
>;

export type NonconformityRaised = DomainEvent<
  'NonconformityRaised',
  {
    auditId: string;
    nonconformityId: string;
    grade: NonconformityGrade;
    clause: string;
    evidence: string;
    dueDate: string;
    /** True when the due date is the scheme default (R-AUD-3). */
    dueDateDefaulted: boolean;
  } & Recorded
>;

export type ObservationRecorded = DomainEvent<
  'ObservationRecorded',
  { auditId: string; observationId: string; text: string } & Recorded
>;

export type ScoresRecorded = DomainEvent<
  'ScoresRecorded',
  {
    auditId: string;
    /** The sheet as recorded, so the results can be traced back to every item (R-SCORE-7). */
    sheet: ScoreSheetInput;
    /** Computed from the sheet under the audit's scheme version (R-SCORE-1…5). */
    results: EvaluationResults;
    /** The results these replace (correction after a return), null the first time. */
    previousResults: EvaluationResults | null;
  } & Recorded
>;

export type NonconformityResponded = DomainEvent<
  'NonconformityResponded',
  NonconformityStep<'RESPONDED'> & {
    rootCause: string;
    correction: string;
    correctiveAction: string;
  } & Recorded
>;

export type NonconformityResponseAccepted = DomainEvent<
  'NonconformityResponseAccepted',
  NonconformityStep<'ACCEPTED'> & Recorded
>;

export type NonconformityResponseRejected = DomainEvent<
  'NonconformityResponseRejected',
  NonconformityStep<'RESPONSE_REJECTED'> & { reason: string } & Recorded
>;

export type NonconformityVerified = DomainEvent<
  'NonconformityVerified',
  NonconformityStep<'VERIFIED'> & { evidence: string } & Recorded
>;

export type AuditReportCompleted = DomainEvent<
  'AuditReportCompleted',
  { auditId: string; conclusion: string; recommendation: string; lastAuditDay: string } & Recorded &
    StatusChange<'REPORTED'>
>;

export type TechnicalReviewStarted = DomainEvent<
  'TechnicalReviewStarted',
  { auditId: string; reviewer: Actor; at: string } & StatusChange<'UNDER_TECHNICAL_REVIEW'>
>;

export type TechnicalReviewCompleted = DomainEvent<
  'TechnicalReviewCompleted',
  {
    auditId: string;
    reviewer: Actor;
    verdict: TechnicalReviewVerdict;
    checks: TechnicalReviewChecks;
    comments: string;
    at: string;
  } & StatusChange<'REVIEWED' | 'RETURNED'>
>;

/** Conditions of a CONDITIONAL_GRANT (Decision Q7): the MINOR nonconformities to verify, by a deadline. */
export interface GrantConditions {
  nonconformityIds: string[];
  deadline: string;
}

/**
 * 认证决定 (§6.3.2). Carries what the application layer needs to issue a certificate or record a surveillance
 * (Annex B.4: date, audit type, conclusion, lead auditor — R-AUD-9).
 */
export type CertificationDecided = DomainEvent<
  'CertificationDecided',
  {
    auditId: string;
    auditType: AuditType;
    subject: AuditSubject;
    outcome: CertificationOutcome;
    reasons: string[];
    decisionDate: string;
    decidedAt: string;
    decisionMaker: Actor;
    leadAuditorId: string;
    conclusion: string;
    evaluationResults?: EvaluationResults;
    schemeVersion: string;
    conditions?: GrantConditions;
    /** True for the follow-up GRANT or the SYSTEM refusal that closes a conditional grant (R-AUD-7). */
    followsConditionalGrant: boolean;
  } & StatusChange<'DECIDED'>
>;

export type DecisionNoticeRecorded = DomainEvent<
  'DecisionNoticeRecorded',
  {
    auditId: string;
    outcome: CertificationOutcome;
    /** Kept next to sentOn so the 5-working-day SLA (R-AUD-8, R-TIME-1) can be computed. */
    decisionDate: string;
    sentOn: string;
    reference: string;
    reasons: string[];
    appealRightsStated: boolean;
  } & Recorded &
    StatusChange<'NOTIFIED'>
>;

/** R-TIME-1: the decision notice (R-AUD-8) overran its deadline; recorded once per decision, status unchanged. */
export type DecisionNoticeSlaBreached = DomainEvent<
  'DecisionNoticeSlaBreached',
  {
    auditId: string;
    decisionDate: string;
    deadline: string;
    workingDays: number;
    /** The calendar date (UTC+8) the breach was recorded on. */
    recordedOn: string;
  }
>;

export type AuditCancelled = DomainEvent<
  'AuditCancelled',
  { auditId: string; reason: string } & Recorded & StatusChange<'CANCELLED'>
>;

export type AuditEvent =
  | AuditScheduled
  | AuditTeamAssigned
  | AuditStarted
  | NonconformityRaised
  | ObservationRecorded
  | ScoresRecorded
  | NonconformityResponded
  | NonconformityResponseAccepted
  | NonconformityResponseRejected
  | NonconformityVerified
  | AuditReportCompleted
  | TechnicalReviewStarted
  | TechnicalReviewCompleted
  | CertificationDecided
  | DecisionNoticeRecorded
  | DecisionNoticeSlaBreached
  | AuditCancelled;
