import { addDays, compareDates, isIsoDate } from '../shared/calendar';
import type { CommandContext } from '../shared/decider';
import { invalidTransition, refuse } from '../shared/errors';
import type { Actor } from '../shared/roles';
import type { SchemeVersion } from '../scheme/scheme-definition';
import type { DecideCertification, RecordDecisionNotice, RefuseExpiredConditionalGrant } from './commands';
import type { CertificationDecided, DecisionNoticeRecorded, GrantConditions } from './events';
import {
  isNonEmptyText,
  isNonEmptyTextList,
  requireFile,
  requireIndependentDecisionMaker,
  requireRole,
  requireText,
  schemeOf,
  today,
} from './guards';
import { lastDecision, openMajorNonconformities } from './state';
import type { AuditFile, AuditState, DecisionSummary } from './state';
import {
  ADVERSE_OUTCOMES,
  CONDITIONAL_GRANT_DEADLINE_PASSED,
  OUTCOMES_BY_AUDIT_TYPE,
  OUTCOMES_REQUIRING_REASONS,
} from './vocabulary';
import type { CertificationOutcome } from './vocabulary';

/** R-AUD-4 / R-AUD-7: no grant of any kind while a MAJOR nonconformity is not VERIFIED. */
const requireNoOpenMajor = (file: AuditFile): void => {
  const open = openMajorNonconformities(file).map((nc) => nc.id);
  if (open.length > 0) {
    refuse('R-AUD-7', 'a major nonconformity is not verified yet', { nonconformityIds: open });
  }
};

/** R-SCORE-6: when the scheme sets a pass threshold, a grant needs a recorded composite at or above it. */
const requirePassThreshold = (file: AuditFile, scheme: SchemeVersion): void => {
  if (scheme.passThreshold === null) return;
  const composite = file.results?.composite ?? null;
  if (composite === null || composite < scheme.passThreshold) {
    refuse('R-SCORE-6', `the composite score is below the pass threshold ${scheme.passThreshold}`, {
      composite,
      passThreshold: scheme.passThreshold,
    });
  }
};

interface DecisionDetails {
  outcome: CertificationOutcome;
  reasons: string[];
  decisionMaker: Actor;
  conditions?: GrantConditions;
  followsConditionalGrant: boolean;
}

const decided = (
  file: AuditFile,
  context: CommandContext,
  details: DecisionDetails,
): CertificationDecided => ({
  type: 'CertificationDecided',
  data: {
    auditId: file.auditId,
    auditType: file.type,
    subject: file.subject,
    outcome: details.outcome,
    reasons: details.reasons,
    decisionDate: today(context),
    decidedAt: context.now,
    decisionMaker: details.decisionMaker,
    // The decider only accepts a decision after an approved report, so team and report exist (R-AUD-9 record).
    leadAuditorId: file.team?.leadAuditor.id ?? '',
    conclusion: file.report?.conclusion ?? '',
    ...(file.results && { evaluationResults: file.results }),
    schemeVersion: file.schemeVersion,
    ...(details.conditions && { conditions: details.conditions }),
    followsConditionalGrant: details.followsConditionalGrant,
    statusBefore: file.status,
    statusAfter: 'DECIDED',
  },
});

/** Decision Q7: the follow-up GRANT once every condition of a conditional grant is verified, before the deadline. */
const followUpGrant = (command: DecideCertification, file: AuditFile, previous: DecisionSummary) => {
  const { data, context } = command;
  if (data.outcome !== 'GRANT') {
    refuse('R-AUD-7', 'after a conditional grant only the follow-up GRANT can be decided', {
      outcome: data.outcome,
    });
  }
  const conditions = previous.conditions ?? { nonconformityIds: [], deadline: previous.decisionDate };
  if (compareDates(today(context), conditions.deadline) > 0) {
    refuse('R-AUD-7', `the conditional grant expired on ${conditions.deadline}`, {
      deadline: conditions.deadline,
    });
  }
  const unverified = file.nonconformities
    .filter((nc) => conditions.nonconformityIds.includes(nc.id) && nc.status !== 'VERIFIED')
    .map((nc) => nc.id);
  if (unverified.length > 0) {
    refuse('R-AUD-7', 'conditions of the conditional grant are not verified yet', {
      nonconformityIds: unverified,
    });
  }
  requireNoOpenMajor(file);
  requirePassThreshold(file, schemeOf(file, context));
  return [
    decided(file, context, {
      outcome: 'GRANT',
      reasons: Array.isArray(data.reasons) ? data.reasons : [],
      decisionMaker: context.actor,
      followsConditionalGrant: true,
    }),
  ];
};

export const decideCertification = (
  command: DecideCertification,
  state: AuditState,
): CertificationDecided[] => {
  const file = requireFile(command, state, ['REVIEWED', 'DECIDED', 'NOTIFIED']);
  const { data, context } = command;
  const previous = lastDecision(file);
  if (file.status !== 'REVIEWED' && previous?.outcome !== 'CONDITIONAL_GRANT') {
    return invalidTransition(command.type, file.status);
  }
  // R-IND-1 / R-IND-3 before anything else: no role and no data can make an involved user independent.
  requireIndependentDecisionMaker(file, context.actor);
  if (previous?.outcome === 'CONDITIONAL_GRANT') return followUpGrant(command, file, previous);

  // R-AUD-6: the outcome must be one the audit type can end in.
  if (!OUTCOMES_BY_AUDIT_TYPE[file.type].includes(data.outcome)) {
    refuse('R-AUD-6', `${data.outcome} is not a possible outcome of a ${file.type} audit`, {
      outcome: data.outcome,
      allowed: OUTCOMES_BY_AUDIT_TYPE[file.type],
    });
  }
  if (!Array.isArray(data.reasons) || !data.reasons.every(isNonEmptyText)) {
    refuse('R-AUD-6', 'reasons must be a list of texts', { field: 'reasons' });
  }
  if ((OUTCOMES_REQUIRING_REASONS as readonly string[]).includes(data.outcome) && data.reasons.length === 0) {
    refuse('R-AUD-6', `a ${data.outcome} decision states its reasons`, { field: 'reasons' });
  }

  const scheme = schemeOf(file, context);
  let conditions: GrantConditions | undefined;
  if (data.outcome === 'GRANT' || data.outcome === 'CONDITIONAL_GRANT') {
    requireNoOpenMajor(file);
    requirePassThreshold(file, scheme);
  }
  if (data.outcome === 'CONDITIONAL_GRANT') {
    // Decision Q7: the conditions are the MINOR nonconformities still to verify; none left means a plain GRANT.
    const nonconformityIds = file.nonconformities
      .filter((nc) => nc.grade === 'MINOR' && nc.status !== 'VERIFIED')
      .map((nc) => nc.id);
    if (nonconformityIds.length === 0) {
      refuse('R-AUD-7', 'no minor nonconformity is open: the outcome is GRANT, not CONDITIONAL_GRANT', {});
    }
    conditions = { nonconformityIds, deadline: addDays(today(context), scheme.conditionalGrantDeadlineDays) };
  }
  return [
    decided(file, context, {
      outcome: data.outcome,
      reasons: data.reasons,
      decisionMaker: context.actor,
      conditions,
      followsConditionalGrant: false,
    }),
  ];
};

/** R-TIME-6: SYSTEM refuses the file when a conditional grant's deadline passed without the follow-up GRANT. */
export const refuseExpiredConditionalGrant = (
  command: RefuseExpiredConditionalGrant,
  state: AuditState,
): CertificationDecided[] => {
  const file = requireFile(command, state, ['DECIDED', 'NOTIFIED']);
  const { context } = command;
  // R-TIME-6 has no refusal code of its own: the timer enforces R-AUD-7's deadline.
  requireRole(context.actor, ['SYSTEM'], 'R-AUD-7', 'refusing an expired conditional grant');
  const previous = lastDecision(file);
  if (previous?.outcome !== 'CONDITIONAL_GRANT' || !previous.conditions) {
    return invalidTransition(command.type, file.status);
  }
  const { deadline } = previous.conditions;
  if (compareDates(today(context), deadline) <= 0) {
    refuse('R-AUD-7', `the conditional grant runs until ${deadline}`, { deadline });
  }
  return [
    decided(file, context, {
      outcome: 'REFUSE',
      reasons: [CONDITIONAL_GRANT_DEADLINE_PASSED],
      decisionMaker: context.actor,
      followsConditionalGrant: true,
    }),
  ];
};

export const recordDecisionNotice = (
  command: RecordDecisionNotice,
  state: AuditState,
): DecisionNoticeRecorded[] => {
  const file = requireFile(command, state, ['DECIDED']);
  const { data, context } = command;
  requireRole(
    context.actor,
    ['DECISION_MAKER', 'INTAKE_OFFICER'],
    'R-AUD-8',
    'recording the decision notice',
  );
  // DECIDED always follows a decision.
  const decision = lastDecision(file) as DecisionSummary;
  if (
    !isIsoDate(data.sentOn) ||
    compareDates(data.sentOn, decision.decisionDate) < 0 ||
    compareDates(data.sentOn, today(context)) > 0
  ) {
    refuse('R-AUD-8', `the notice is sent between the decision (${decision.decisionDate}) and today`, {
      field: 'sentOn',
      sentOn: data.sentOn,
    });
  }
  const reference = requireText(data.reference, 'reference', 'R-AUD-8');
  if (data.reasons !== undefined && (!Array.isArray(data.reasons) || !data.reasons.every(isNonEmptyText))) {
    refuse('R-AUD-8', 'reasons must be a list of texts', { field: 'reasons' });
  }
  if (typeof data.appealRightsStated !== 'boolean') {
    refuse('R-AUD-8', 'say whether the notice states the right to appeal', { field: 'appealRightsStated' });
  }
  // R-AUD-8: an adverse decision's notice (书面通知) gives the reasons and the right to appeal (申诉).
  if ((ADVERSE_OUTCOMES as readonly string[]).includes(decision.outcome)) {
    if (!isNonEmptyTextList(data.reasons)) {
      refuse('R-AUD-8', `the notice of a ${decision.outcome} decision carries its reasons`, {
        field: 'reasons',
      });
    }
    if (!data.appealRightsStated) {
      refuse('R-AUD-8', `the notice of a ${decision.outcome} decision states the right to appeal`, {
        field: 'appealRightsStated',
      });
    }
  }
  return [
    {
      type: 'DecisionNoticeRecorded',
      data: {
        auditId: file.auditId,
        outcome: decision.outcome,
        decisionDate: decision.decisionDate,
        sentOn: data.sentOn,
        reference,
        reasons: data.reasons ?? [],
        appealRightsStated: data.appealRightsStated,
        by: context.actor,
        at: context.now,
        statusBefore: file.status,
        statusAfter: 'NOTIFIED',
      },
    },
  ];
};
