/**
 * Test data for the audit specs (imported by *.spec.ts only).
 *
 * Timeline of the default INITIAL audit (instants in UTC, dates in UTC+8):
 * scheduled 03-02 · team 03-03 · started 03-10 · findings 03-11 · last audit day 03-12 · report 03-13 ·
 * review 03-16/17 · decision 03-20 · notice 03-23 (all 2026).
 */
import { addDays } from '../shared/calendar';
import type { CommandContext } from '../shared/decider';
import type { EvaluationResults } from '../shared/evaluation';
import type { Actor } from '../shared/roles';
import type { AuditCommand } from './commands';
import type { ScoreSheetInput } from './score-sheet';
import type {
  AuditEvent,
  AuditReportCompleted,
  AuditScheduled,
  AuditStarted,
  AuditTeamAssigned,
  CertificationDecided,
  DecisionNoticeRecorded,
  GrantConditions,
  NonconformityRaised,
  NonconformityResponded,
  NonconformityResponseAccepted,
  NonconformityVerified,
  ScoresRecorded,
  TechnicalReviewCompleted,
  TechnicalReviewStarted,
} from './events';
import type { AuditStatus, CertificationOutcome, NonconformityGrade } from './vocabulary';
import { actors, resultsOf, scoreSheet } from '@app/testing';

export const AUDIT_ID = '0b6f3c1e-5a8d-4f7e-9c2a-1d3e5f7a9b0c';
export const SCHEME_ID = 'CMM-525-0002@V1.0';

/** The acting users: the testing kit's named users. */
export const cast = actors;

/** When each step of the default timeline happens. */
export const T = {
  scheduled: '2026-03-02T01:00:00Z',
  teamAssigned: '2026-03-03T01:00:00Z',
  started: '2026-03-10T01:00:00Z',
  findings: '2026-03-11T01:00:00Z',
  lastAuditDay: '2026-03-12',
  reported: '2026-03-13T01:00:00Z',
  reviewStarted: '2026-03-16T01:00:00Z',
  reviewed: '2026-03-17T01:00:00Z',
  decided: '2026-03-20T01:00:00Z',
  decisionDate: '2026-03-20',
  notified: '2026-03-23T01:00:00Z',
} as const;

/** The score sheet recorded in the default audit: every dimension at its SAMPLE_MANAGEMENT score. */
export const SHEET: ScoreSheetInput = scoreSheet();

/**
 * What the domain computes from SHEET: management 82 / 79 / 84 / 75,
 * composite 82×0.20 + 79×0.35 + 84×0.35 + 75×0.10 = 16.4 + 27.65 + 29.4 + 7.5 = 80.95,
 * enhancement 4 + 2.5 = 6.5, total min(100, 80.95 + 6.5) = 87.45.
 */
export const RESULTS: EvaluationResults = resultsOf(SHEET);

export const CONCLUSION = 'The service management system conforms to CMM-525-0002.';

/** Builds a typed command: `auditCommand('StartAudit', {}, ctx(actors.leadAuditor, T.started))`. */
export const auditCommand = <T extends AuditCommand['type']>(
  type: T,
  data: Extract<AuditCommand, { type: T }>['data'],
  context: CommandContext,
): Extract<AuditCommand, { type: T }> => ({ type, data, context }) as Extract<AuditCommand, { type: T }>;

export const auditScheduled = (overrides: Partial<AuditScheduled['data']> = {}): AuditScheduled => ({
  type: 'AuditScheduled',
  data: {
    auditId: AUDIT_ID,
    type: 'INITIAL',
    schemeVersion: SCHEME_ID,
    subject: { kind: 'APPLICATION', applicationId: 'app-1', applicationStatus: 'ACCEPTED' },
    plannedStartDate: '2026-03-10',
    plannedEndDate: '2026-03-12',
    onSiteDays: 3,
    onSiteDayRange: { min: 3, max: 5 },
    daysJustification: null,
    by: cast.programmeManager,
    at: T.scheduled,
    statusBefore: 'NONE',
    statusAfter: 'PLANNED',
    ...overrides,
  },
});

export const surveillanceScheduled = (certificateStatus = 'VALID'): AuditScheduled =>
  auditScheduled({
    type: 'SURVEILLANCE',
    subject: { kind: 'CERTIFICATE', certificateNumber: 'CMM-ICS-2026-00042', certificateStatus },
    onSiteDays: 2,
    onSiteDayRange: { min: 1, max: 2 },
  });

export const teamAssigned = (
  team: Actor[] = [cast.leadAuditor, cast.auditor],
  statusBefore: AuditStatus = 'PLANNED',
): AuditTeamAssigned => ({
  type: 'AuditTeamAssigned',
  data: {
    auditId: AUDIT_ID,
    leadAuditor: team[0],
    team,
    previousTeam: null,
    by: cast.programmeManager,
    at: T.teamAssigned,
    statusBefore,
    statusAfter: 'TEAM_ASSIGNED',
  },
});

export const auditStarted = (): AuditStarted => ({
  type: 'AuditStarted',
  data: {
    auditId: AUDIT_ID,
    startedAt: T.started,
    by: cast.leadAuditor,
    statusBefore: 'TEAM_ASSIGNED',
    statusAfter: 'IN_PROGRESS',
  },
});

export const nonconformityRaised = (
  id: string,
  grade: NonconformityGrade = 'MINOR',
): NonconformityRaised => ({
  type: 'NonconformityRaised',
  data: {
    auditId: AUDIT_ID,
    nonconformityId: id,
    grade,
    clause: '§11.4 服务质量监控',
    evidence: 'No monitoring records for February.',
    dueDate: addDays('2026-03-11', 90),
    dueDateDefaulted: true,
    by: cast.auditor,
    at: T.findings,
  },
});

export const nonconformityResponded = (id: string, at: string = T.findings): NonconformityResponded => ({
  type: 'NonconformityResponded',
  data: {
    auditId: AUDIT_ID,
    nonconformityId: id,
    statusBefore: 'OPEN',
    statusAfter: 'RESPONDED',
    rootCause: 'No owner for monitoring.',
    correction: 'Records for February reconstructed.',
    correctiveAction: 'Monitoring owner appointed, weekly check.',
    by: cast.auditor,
    at,
  },
});

export const nonconformityAccepted = (
  id: string,
  at: string = T.findings,
): NonconformityResponseAccepted => ({
  type: 'NonconformityResponseAccepted',
  data: {
    auditId: AUDIT_ID,
    nonconformityId: id,
    statusBefore: 'RESPONDED',
    statusAfter: 'ACCEPTED',
    by: cast.auditor,
    at,
  },
});

export const nonconformityVerified = (id: string, at: string = T.findings): NonconformityVerified => ({
  type: 'NonconformityVerified',
  data: {
    auditId: AUDIT_ID,
    nonconformityId: id,
    statusBefore: 'ACCEPTED',
    statusAfter: 'VERIFIED',
    evidence: 'Weekly monitoring records since March.',
    by: cast.leadAuditor,
    at,
  },
});

/** A nonconformity taken from OPEN to ACCEPTED (ready for the lead auditor's verification). */
export const nonconformityAcceptedHistory = (id: string, at?: string): AuditEvent[] => [
  nonconformityResponded(id, at),
  nonconformityAccepted(id, at),
];

/** A nonconformity taken from OPEN to VERIFIED. */
export const nonconformityClosed = (id: string, at?: string): AuditEvent[] => [
  ...nonconformityAcceptedHistory(id, at),
  nonconformityVerified(id, at),
];

/** Scores recorded from `sheet` (SHEET by default), with the results the domain computes for it. */
export const scoresRecorded = (
  sheet: ScoreSheetInput = SHEET,
  previousResults: EvaluationResults | null = null,
): ScoresRecorded => ({
  type: 'ScoresRecorded',
  data: {
    auditId: AUDIT_ID,
    sheet,
    results: resultsOf(sheet),
    previousResults,
    by: cast.auditor,
    at: T.findings,
  },
});

export const reportCompleted = (statusBefore: AuditStatus = 'IN_PROGRESS'): AuditReportCompleted => ({
  type: 'AuditReportCompleted',
  data: {
    auditId: AUDIT_ID,
    conclusion: CONCLUSION,
    recommendation: 'Recommend certification.',
    lastAuditDay: T.lastAuditDay,
    by: cast.leadAuditor,
    at: T.reported,
    statusBefore,
    statusAfter: 'REPORTED',
  },
});

export const reviewStarted = (reviewer: Actor = cast.reviewer): TechnicalReviewStarted => ({
  type: 'TechnicalReviewStarted',
  data: {
    auditId: AUDIT_ID,
    reviewer,
    at: T.reviewStarted,
    statusBefore: 'REPORTED',
    statusAfter: 'UNDER_TECHNICAL_REVIEW',
  },
});

export const reviewCompleted = (
  verdict: 'APPROVE' | 'RETURN' = 'APPROVE',
  reviewer: Actor = cast.reviewer,
): TechnicalReviewCompleted => ({
  type: 'TechnicalReviewCompleted',
  data: {
    auditId: AUDIT_ID,
    reviewer,
    verdict,
    checks: {
      processConformity: true,
      nonconformitiesAccurate: verdict === 'APPROVE',
      conclusionSound: true,
    },
    comments: verdict === 'APPROVE' ? '' : 'Nonconformity NC-1 misses its evidence.',
    at: T.reviewed,
    statusBefore: 'UNDER_TECHNICAL_REVIEW',
    statusAfter: verdict === 'APPROVE' ? 'REVIEWED' : 'RETURNED',
  },
});

export const certificationDecided = (
  outcome: CertificationOutcome,
  options: { conditions?: GrantConditions; reasons?: string[]; results?: EvaluationResults | null } = {},
): CertificationDecided => {
  const results = options.results === undefined ? RESULTS : options.results;
  return {
    type: 'CertificationDecided',
    data: {
      auditId: AUDIT_ID,
      auditType: 'INITIAL',
      subject: { kind: 'APPLICATION', applicationId: 'app-1', applicationStatus: 'ACCEPTED' },
      outcome,
      reasons: options.reasons ?? [],
      decisionDate: T.decisionDate,
      decidedAt: T.decided,
      decisionMaker: cast.decisionMaker,
      leadAuditorId: cast.leadAuditor.id,
      conclusion: CONCLUSION,
      ...(results && { evaluationResults: results }),
      schemeVersion: SCHEME_ID,
      ...(options.conditions && { conditions: options.conditions }),
      followsConditionalGrant: false,
      statusBefore: 'REVIEWED',
      statusAfter: 'DECIDED',
    },
  };
};

export const noticeRecorded = (outcome: CertificationOutcome = 'GRANT'): DecisionNoticeRecorded => ({
  type: 'DecisionNoticeRecorded',
  data: {
    auditId: AUDIT_ID,
    outcome,
    decisionDate: T.decisionDate,
    sentOn: '2026-03-23',
    reference: 'CMM-DN-2026-0042',
    reasons: outcome === 'GRANT' ? [] : ['Minor nonconformity NC-1 open'],
    appealRightsStated: outcome !== 'GRANT',
    by: cast.decisionMaker,
    at: T.notified,
    statusBefore: 'DECIDED',
    statusAfter: 'NOTIFIED',
  },
});

/**
 * The default audit's history up to a state. `findings` (nonconformities, scores…) are recorded while the audit is
 * IN_PROGRESS; `scheduled` replaces the scheduling event (e.g. a surveillance audit). Scores are recorded by default.
 */
export const historyUntil = (
  status: Exclude<AuditStatus, 'RETURNED' | 'CANCELLED'>,
  options: { findings?: AuditEvent[]; scheduled?: AuditScheduled; withScores?: boolean } = {},
): AuditEvent[] => {
  const steps: [AuditStatus, AuditEvent[]][] = [
    ['PLANNED', [options.scheduled ?? auditScheduled()]],
    ['TEAM_ASSIGNED', [teamAssigned()]],
    [
      'IN_PROGRESS',
      [
        auditStarted(),
        ...(options.withScores === false ? [] : [scoresRecorded()]),
        ...(options.findings ?? []),
      ],
    ],
    ['REPORTED', [reportCompleted()]],
    ['UNDER_TECHNICAL_REVIEW', [reviewStarted()]],
    ['REVIEWED', [reviewCompleted('APPROVE')]],
    ['DECIDED', [certificationDecided('GRANT')]],
    ['NOTIFIED', [noticeRecorded('GRANT')]],
  ];
  const last = steps.findIndex(([s]) => s === status);
  return steps.slice(0, last + 1).flatMap(([, events]) => events);
};
