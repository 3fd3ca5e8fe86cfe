import { dateOf } from '@app/domain';
import { workingDaysFrom } from '../../calendar/working-days';
import type { Deadline, DeadlineKind, TimerAction } from './deadline';

/** A deadline counted in working days (工作日, 调休 included) from an instant: R-APP-4, R-AUD-8. */
export const workingDayDeadline = (
  kind: DeadlineKind,
  ruleId: string,
  startedAt: string,
  workingDays: number,
  action: TimerAction,
): Deadline => {
  const startedOn = dateOf(startedAt);
  const { result: reached, basis } = workingDaysFrom(startedOn, workingDays);
  return {
    kind,
    ruleId,
    timerRuleId: 'R-TIME-1',
    startedOn,
    dueOn: reached.date,
    estimated: reached.estimated,
    basis,
    action,
    clock: { startedAt, workingDays },
  };
};

/** The SLA deadline once its breach is recorded: still listed, nothing left for a timer. */
export const breachRecorded = (deadline: Deadline | null | undefined, recordedOn: string): Deadline | null =>
  deadline ? { ...deadline, action: null, breachRecordedOn: recordedOn } : null;
