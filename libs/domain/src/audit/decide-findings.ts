import { addDays, addMonths, compareDates, isIsoDate } from '../shared/calendar';
import { refuse } from '../shared/errors';
import type {
  AcceptNonconformityResponse,
  RaiseNonconformity,
  RecordObservation,
  RecordScores,
  RejectNonconformityResponse,
  RespondToNonconformity,
  VerifyNonconformity,
} from './commands';
import type {
  NonconformityRaised,
  NonconformityResponded,
  NonconformityResponseAccepted,
  NonconformityResponseRejected,
  NonconformityVerified,
  ObservationRecorded,
  ScoresRecorded,
} from './events';
import {
  findNonconformity,
  requireFile,
  requireLeadAuditor,
  requireTeamMember,
  requireText,
  schemeOf,
  today,
} from './guards';
import { normaliseScoreSheet, validateScoreSheet } from './score-sheet';
import type { ScoreSheetInput } from './score-sheet';
import { computeResults } from './scoring';
import type { AuditFile, AuditState, Nonconformity } from './state';
import { NONCONFORMITY_GRADES } from './vocabulary';
import type { AuditStatus, NonconformityStatus } from './vocabulary';

/** Nonconformities are followed up from the audit until after the decision (a conditional grant needs it). */
const NONCONFORMITY_FOLLOW_UP: readonly AuditStatus[] = [
  'IN_PROGRESS',
  'REPORTED',
  'UNDER_TECHNICAL_REVIEW',
  'RETURNED',
  'REVIEWED',
  'DECIDED',
  'NOTIFIED',
];

export const raiseNonconformity = (command: RaiseNonconformity, state: AuditState): NonconformityRaised[] => {
  const file = requireFile(command, state, ['IN_PROGRESS']);
  const { data, context } = command;
  requireTeamMember(file, context.actor, 'R-AUD-3', 'raising a nonconformity');
  const nonconformityId = requireText(data.nonconformityId, 'nonconformityId', 'R-AUD-3');
  if (file.nonconformities.some((nc) => nc.id === nonconformityId)) {
    refuse('R-AUD-3', `nonconformity ${nonconformityId} was already raised`, { nonconformityId });
  }
  if (!NONCONFORMITY_GRADES.includes(data.grade)) {
    refuse('R-AUD-3', 'a nonconformity is graded MAJOR or MINOR', { field: 'grade' });
  }
  // R-AUD-3: a finding names the clause it breaches and the objective evidence (客观证据) behind it.
  const clause = requireText(data.clause, 'clause', 'R-AUD-3');
  const evidence = requireText(data.evidence, 'evidence', 'R-AUD-3');
  const date = today(context);
  if (data.dueDate !== undefined && (!isIsoDate(data.dueDate) || compareDates(data.dueDate, date) < 0)) {
    refuse('R-AUD-3', 'the due date must be a date from today on', {
      field: 'dueDate',
      dueDate: data.dueDate,
    });
  }
  const dueDate = data.dueDate ?? addDays(date, schemeOf(file, context).nonconformityDueDays);
  return [
    {
      type: 'NonconformityRaised',
      data: {
        auditId: file.auditId,
        nonconformityId,
        grade: data.grade,
        clause,
        evidence,
        dueDate,
        dueDateDefaulted: data.dueDate === undefined,
        by: context.actor,
        at: context.now,
      },
    },
  ];
};

export const recordObservation = (command: RecordObservation, state: AuditState): ObservationRecorded[] => {
  const file = requireFile(command, state, ['IN_PROGRESS']);
  const { data, context } = command;
  requireTeamMember(file, context.actor, 'R-AUD-3', 'recording an observation');
  const observationId = requireText(data.observationId, 'observationId', 'R-AUD-3');
  if (file.observationIds.includes(observationId)) {
    refuse('R-AUD-3', `observation ${observationId} was already recorded`, { observationId });
  }
  const text = requireText(data.text, 'text', 'R-AUD-3');
  return [
    {
      type: 'ObservationRecorded',
      data: { auditId: file.auditId, observationId, text, by: context.actor, at: context.now },
    },
  ];
};

/**
 * R-SCORE-1…5: the team records the score sheet; the domain checks it against the audit's scheme version and
 * computes the results (R-SCORE-7: that version's items and weights, never the latest).
 */
export const recordScores = (command: RecordScores, state: AuditState): ScoresRecorded[] => {
  // RETURNED too: technical review may send the scores back for correction.
  const file = requireFile(command, state, ['IN_PROGRESS', 'RETURNED']);
  const { data, context } = command;
  requireTeamMember(file, context.actor, 'R-AUD-3', 'recording scores');
  const { evaluation, id } = schemeOf(file, context);
  const sheet: unknown = typeof data === 'object' && data !== null ? data.sheet : undefined;
  const problems = validateScoreSheet(sheet, evaluation);
  if (problems.length > 0) {
    refuse('R-SCORE-1', `the score sheet has ${problems.length} problem(s)`, { problems });
  }
  const valid = normaliseScoreSheet(sheet as ScoreSheetInput, evaluation);
  return [
    {
      type: 'ScoresRecorded',
      data: {
        auditId: file.auditId,
        sheet: valid,
        results: computeResults(valid, evaluation, id),
        previousResults: file.results,
        by: context.actor,
        at: context.now,
      },
    },
  ];
};

/** R-AUD-4: the nonconformity exists and is at a step the command can follow. */
const nonconformityAt = (
  file: AuditFile,
  nonconformityId: string,
  allowed: readonly NonconformityStatus[],
  action: string,
): Nonconformity => {
  const nc = findNonconformity(file, nonconformityId);
  if (!allowed.includes(nc.status)) {
    refuse('R-AUD-4', `cannot ${action} nonconformity ${nc.id} in status ${nc.status}`, {
      nonconformityId: nc.id,
      status: nc.status,
    });
  }
  return nc;
};

export const respondToNonconformity = (
  command: RespondToNonconformity,
  state: AuditState,
): NonconformityResponded[] => {
  const file = requireFile(command, state, NONCONFORMITY_FOLLOW_UP);
  const { data, context } = command;
  requireTeamMember(file, context.actor, 'R-AUD-4', "recording the organisation's response");
  const nc = nonconformityAt(file, data.nonconformityId, ['OPEN', 'RESPONSE_REJECTED'], 'respond to');
  // R-AUD-4: the response names the root cause (原因分析), the correction (纠正) and the corrective action (纠正措施).
  const rootCause = requireText(data.rootCause, 'rootCause', 'R-AUD-4');
  const correction = requireText(data.correction, 'correction', 'R-AUD-4');
  const correctiveAction = requireText(data.correctiveAction, 'correctiveAction', 'R-AUD-4');
  return [
    {
      type: 'NonconformityResponded',
      data: {
        auditId: file.auditId,
        nonconformityId: nc.id,
        statusBefore: nc.status,
        statusAfter: 'RESPONDED',
        rootCause,
        correction,
        correctiveAction,
        by: context.actor,
        at: context.now,
      },
    },
  ];
};

export const acceptNonconformityResponse = (
  command: AcceptNonconformityResponse,
  state: AuditState,
): NonconformityResponseAccepted[] => {
  const file = requireFile(command, state, NONCONFORMITY_FOLLOW_UP);
  const { data, context } = command;
  requireTeamMember(file, context.actor, 'R-AUD-4', 'accepting a response');
  const nc = nonconformityAt(file, data.nonconformityId, ['RESPONDED'], 'accept the response to');
  return [
    {
      type: 'NonconformityResponseAccepted',
      data: {
        auditId: file.auditId,
        nonconformityId: nc.id,
        statusBefore: nc.status,
        statusAfter: 'ACCEPTED',
        by: context.actor,
        at: context.now,
      },
    },
  ];
};

export const rejectNonconformityResponse = (
  command: RejectNonconformityResponse,
  state: AuditState,
): NonconformityResponseRejected[] => {
  const file = requireFile(command, state, NONCONFORMITY_FOLLOW_UP);
  const { data, context } = command;
  requireTeamMember(file, context.actor, 'R-AUD-4', 'rejecting a response');
  const nc = nonconformityAt(file, data.nonconformityId, ['RESPONDED'], 'reject the response to');
  const reason = requireText(data.reason, 'reason', 'R-AUD-4');
  return [
    {
      type: 'NonconformityResponseRejected',
      data: {
        auditId: file.auditId,
        nonconformityId: nc.id,
        statusBefore: nc.status,
        statusAfter: 'RESPONSE_REJECTED',
        reason,
        by: context.actor,
        at: context.now,
      },
    },
  ];
};

export const verifyNonconformity = (
  command: VerifyNonconformity,
  state: AuditState,
): NonconformityVerified[] => {
  const file = requireFile(command, state, NONCONFORMITY_FOLLOW_UP);
  const { data, context } = command;
  requireLeadAuditor(file, context.actor, 'R-AUD-4', 'verifying a nonconformity');
  const nc = nonconformityAt(file, data.nonconformityId, ['ACCEPTED'], 'verify');
  const evidence = requireText(data.evidence, 'evidence', 'R-AUD-4');
  // R-AUD-4: a MAJOR one is verified within N months of the last audit day (known once the report is completed).
  if (nc.grade === 'MAJOR' && file.report) {
    const deadline = addMonths(file.report.lastAuditDay, schemeOf(file, context).majorNonconformityMaxMonths);
    if (compareDates(today(context), deadline) > 0) {
      refuse('R-AUD-4', `major nonconformity ${nc.id} had to be verified by ${deadline}`, {
        nonconformityId: nc.id,
        deadline,
      });
    }
  }
  return [
    {
      type: 'NonconformityVerified',
      data: {
        auditId: file.auditId,
        nonconformityId: nc.id,
        statusBefore: nc.status,
        statusAfter: 'VERIFIED',
        evidence,
        by: context.actor,
        at: context.now,
      },
    },
  ];
};
