import { compareDates, isIsoDate } from '../shared/calendar';
import { refuse } from '../shared/errors';
import type { RecordDecisionNoticeSlaBreach } from './commands';
import type { DecisionNoticeSlaBreached } from './events';
import { requireFile, requireRole, today } from './guards';
import { lastDecision } from './state';
import type { AuditState, DecisionSummary } from './state';

/**
 * R-TIME-1 / R-AUD-8 (§6.3.3: 作出认证决定后5个工作日内书面通知): SYSTEM records that the notice of the last decision
 * was not sent in time. Only while the audit is DECIDED (the notice not yet recorded); the working-day deadline comes
 * from the caller. Recorded once per decision (R-TIME-7); the status does not change.
 */
export const recordDecisionNoticeSlaBreach = (
  command: RecordDecisionNoticeSlaBreach,
  state: AuditState,
): DecisionNoticeSlaBreached[] => {
  const file = requireFile(command, state, ['DECIDED']);
  const { data, context } = command;
  requireRole(context.actor, ['SYSTEM'], 'R-TIME-1', 'recording an SLA breach');
  // DECIDED always follows a decision.
  const decision = lastDecision(file) as DecisionSummary;
  const { decisionDate, deadline, workingDays } = data;
  if (decisionDate !== decision.decisionDate) {
    refuse('R-TIME-1', `the last decision was taken on ${decision.decisionDate}, not ${decisionDate}`, {
      field: 'decisionDate',
      decisionDate,
      lastDecisionDate: decision.decisionDate,
    });
  }
  if (decision.noticeSlaBreachRecordedOn !== undefined) {
    refuse('R-TIME-1', 'the notice breach of this decision is already recorded', {
      field: 'decisionDate',
      decisionDate,
      recordedOn: decision.noticeSlaBreachRecordedOn,
    });
  }
  if (!isIsoDate(deadline) || compareDates(deadline, decisionDate) < 0) {
    refuse('R-TIME-1', `the deadline must be an ISO date on or after the decision ${decisionDate}`, {
      field: 'deadline',
      deadline,
    });
  }
  if (!Number.isInteger(workingDays) || workingDays <= 0) {
    refuse('R-TIME-1', 'workingDays must be a positive whole number', { field: 'workingDays', workingDays });
  }
  const recordedOn = today(context);
  if (compareDates(recordedOn, deadline) <= 0) {
    refuse('R-TIME-1', `the decision notice is not overdue before ${deadline} has passed`, {
      field: 'deadline',
      deadline,
      today: recordedOn,
    });
  }
  return [
    {
      type: 'DecisionNoticeSlaBreached',
      data: { auditId: file.auditId, decisionDate, deadline, workingDays, recordedOn },
    },
  ];
};
