import { compareDates, dateOf, isIsoDate } from '../shared/calendar';
import { invalidTransition, refuse } from '../shared/errors';
import type { RecordAcceptanceSlaBreach } from './application.commands';
import type { AcceptanceSlaBreached } from './application.events';
import type { ApplicationState } from './application.state';

type Started = Exclude<ApplicationState, { status: 'NONE' }>;

/**
 * R-TIME-1 / R-APP-4 (§6.1.3, §14.1.3: 5个工作日内完成受理审查): SYSTEM records that the acceptance review overran its
 * deadline. The clock runs only while the review is pending (SUBMITTED): a supplement request, acceptance, rejection
 * or withdrawal stops it. The working-day deadline comes from the caller (the domain has no holiday calendar); the
 * breach is recorded once per clock start (R-TIME-7) and does not change the status.
 */
export const recordAcceptanceSlaBreach = (
  { data, context }: RecordAcceptanceSlaBreach,
  state: Started,
): AcceptanceSlaBreached[] => {
  if (state.status !== 'SUBMITTED') return invalidTransition('RecordAcceptanceSlaBreach', state.status);
  if (context.actor.role !== 'SYSTEM') {
    refuse('R-TIME-1', `SLA breaches are recorded by SYSTEM, not ${context.actor.role}`, {
      role: context.actor.role,
    });
  }
  const { clockStartedAt, deadline, workingDays } = data;
  if (clockStartedAt !== state.acceptanceClockStartedAt) {
    refuse(
      'R-TIME-1',
      `the acceptance clock started at ${state.acceptanceClockStartedAt}, not ${clockStartedAt}`,
      {
        field: 'clockStartedAt',
        clockStartedAt,
        current: state.acceptanceClockStartedAt,
      },
    );
  }
  if (state.acceptanceBreachRecordedFor === clockStartedAt) {
    refuse('R-TIME-1', 'the breach of this acceptance clock is already recorded', {
      field: 'clockStartedAt',
      clockStartedAt,
    });
  }
  const clockStartDate = dateOf(clockStartedAt);
  if (!isIsoDate(deadline) || compareDates(deadline, clockStartDate) < 0) {
    refuse('R-TIME-1', `the deadline must be an ISO date on or after the clock start ${clockStartDate}`, {
      field: 'deadline',
      deadline,
      clockStartDate,
    });
  }
  if (!Number.isInteger(workingDays) || workingDays <= 0) {
    refuse('R-TIME-1', 'workingDays must be a positive whole number', { field: 'workingDays', workingDays });
  }
  const today = dateOf(context.now);
  if (compareDates(today, deadline) <= 0) {
    refuse('R-TIME-1', `the acceptance review is not overdue before ${deadline} has passed`, {
      field: 'deadline',
      deadline,
      today,
    });
  }
  return [
    {
      type: 'AcceptanceSlaBreached',
      data: { applicationId: state.applicationId, clockStartedAt, deadline, workingDays, recordedOn: today },
    },
  ];
};
