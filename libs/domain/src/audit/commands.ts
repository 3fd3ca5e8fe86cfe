import type { Command } from '../shared/decider';
import type { Actor } from '../shared/roles';
import type { AuditType } from './audit-type';
import type { ScoreSheetInput } from './score-sheet';
import type {
  AuditSubject,
  CertificationOutcome,
  NonconformityGrade,
  TechnicalReviewVerdict,
} from './vocabulary';

export type ScheduleAudit = Command<
  'ScheduleAudit',
  {
    auditId: string;
    type: AuditType;
    schemeVersion: string;
    subject: AuditSubject;
    plannedStartDate: string;
    plannedEndDate: string;
    onSiteDays: number;
    /** Required when onSiteDays is outside the scheme's range (R-AUD-1). */
    daysJustification?: string;
  }
>;

export type AssignAuditTeam = Command<'AssignAuditTeam', { leadAuditor: Actor; members: Actor[] }>;

export type StartAudit = Command<'StartAudit', Record<string, never>>;

export type RaiseNonconformity = Command<
  'RaiseNonconformity',
  { nonconformityId: string; grade: NonconformityGrade; clause: string; evidence: string; dueDate?: string }
>;

export type RecordObservation = Command<'RecordObservation', { observationId: string; text: string }>;

/** R-SCORE-1…5: the filled-in score sheet; the results are computed by the domain, never sent by the client. */
export type RecordScores = Command<'RecordScores', { sheet: ScoreSheetInput }>;

export type RespondToNonconformity = Command<
  'RespondToNonconformity',
  { nonconformityId: string; rootCause: string; correction: string; correctiveAction: string }
>;

export type AcceptNonconformityResponse = Command<'AcceptNonconformityResponse', { nonconformityId: string }>;

export type RejectNonconformityResponse = Command<
  'RejectNonconformityResponse',
  { nonconformityId: string; reason: string }
>;

export type VerifyNonconformity = Command<
  'VerifyNonconformity',
  { nonconformityId: string; evidence: string }
>;

export type CompleteAuditReport = Command<
  'CompleteAuditReport',
  { conclusion: string; recommendation: string; lastAuditDay: string }
>;

export type StartTechnicalReview = Command<'StartTechnicalReview', Record<string, never>>;

export interface TechnicalReviewChecks {
  /** 审核过程的符合性 */
  processConformity: boolean;
  /** 不符合项的准确性和完整性 */
  nonconformitiesAccurate: boolean;
  /** 审核结论的合理性 */
  conclusionSound: boolean;
}

export type CompleteTechnicalReview = Command<
  'CompleteTechnicalReview',
  { verdict: TechnicalReviewVerdict; checks: TechnicalReviewChecks; comments: string }
>;

/** There is deliberately no field to override independence (R-IND-3). */
export type DecideCertification = Command<
  'DecideCertification',
  { outcome: CertificationOutcome; reasons: string[] }
>;

export type RefuseExpiredConditionalGrant = Command<'RefuseExpiredConditionalGrant', Record<string, never>>;

export type RecordDecisionNotice = Command<
  'RecordDecisionNotice',
  { sentOn: string; reference: string; reasons?: string[]; appealRightsStated: boolean }
>;

/** R-TIME-1 / R-AUD-8: SYSTEM records that the decision notice was not sent in time. */
export type RecordDecisionNoticeSlaBreach = Command<
  'RecordDecisionNoticeSlaBreach',
  {
    /** The date of the decision whose notice is late: must be the audit's last decision. */
    decisionDate: string;
    /** ISO date, last working day for the notice, computed by the caller with the working-day calendar. */
    deadline: string;
    /** The scheme's working-day allowance the deadline was computed with. */
    workingDays: number;
  }
>;

export type CancelAudit = Command<'CancelAudit', { reason: string }>;

export type AuditCommand =
  | ScheduleAudit
  | AssignAuditTeam
  | StartAudit
  | RaiseNonconformity
  | RecordObservation
  | RecordScores
  | RespondToNonconformity
  | AcceptNonconformityResponse
  | RejectNonconformityResponse
  | VerifyNonconformity
  | CompleteAuditReport
  | StartTechnicalReview
  | CompleteTechnicalReview
  | DecideCertification
  | RefuseExpiredConditionalGrant
  | RecordDecisionNotice
  | RecordDecisionNoticeSlaBreach
  | CancelAudit;
