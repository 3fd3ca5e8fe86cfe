import { actors, ctx, spec } from '@app/testing';
import type { Actor } from '../shared/roles';
import { auditDecider } from './audit.decider';
import {
  AUDIT_ID,
  T,
  auditCommand,
  certificationDecided,
  historyUntil,
  nonconformityClosed,
  nonconformityRaised,
} from './audit.fixtures';
import type { RecordDecisionNoticeSlaBreach } from './commands';
import type { AuditEvent, DecisionNoticeSlaBreached } from './events';

/**
 * Timeline: decision Fri 2026-03-20. Five working days (R-AUD-8), computed by the caller with the State Council
 * calendar: 03-23, 03-24, 03-25, 03-26, 03-27 → deadline 2026-03-27.
 */
const DEADLINE = '2026-03-27';
const ON_DEADLINE = '2026-03-27T15:59:59Z'; // 2026-03-27 23:59:59 in UTC+8
const AFTER_DEADLINE = '2026-03-27T16:00:00Z'; // 2026-03-28 00:00 in UTC+8

const audit = spec(auditDecider);
const decided = historyUntil('DECIDED');

const breachData = (
  overrides: Partial<RecordDecisionNoticeSlaBreach['data']> = {},
): RecordDecisionNoticeSlaBreach['data'] => ({
  decisionDate: T.decisionDate,
  deadline: DEADLINE,
  workingDays: 5,
  ...overrides,
});
const recordBreach = (data = breachData(), now = AFTER_DEADLINE, actor: Actor = actors.system) =>
  auditCommand('RecordDecisionNoticeSlaBreach', data, ctx(actor, now));

const breached = (overrides: Partial<DecisionNoticeSlaBreached['data']> = {}): DecisionNoticeSlaBreached => ({
  type: 'DecisionNoticeSlaBreached',
  data: {
    auditId: AUDIT_ID,
    decisionDate: T.decisionDate,
    deadline: DEADLINE,
    workingDays: 5,
    recordedOn: '2026-03-28',
    ...overrides,
  },
});

describe('R-TIME-1 decision-notice SLA breach (R-AUD-8, 5 working days)', () => {
  it('R-TIME-1 SYSTEM records the breach the day after the deadline, without changing the status', () => {
    const state = audit.given(decided).when(recordBreach()).then([breached()]);
    expect(state).toMatchObject({
      status: 'DECIDED',
      decisions: [
        { outcome: 'GRANT', decisionDate: T.decisionDate, noticeSlaBreachRecordedOn: '2026-03-28' },
      ],
    });
  });

  it('R-TIME-1 refuses on the deadline day itself: the notice is not late yet', () => {
    audit
      .given(decided)
      .when(recordBreach(breachData(), ON_DEADLINE))
      .thenRefusedWith('R-TIME-1', { field: 'deadline', deadline: DEADLINE, today: DEADLINE });
  });

  it('R-TIME-1 only SYSTEM records a breach', () => {
    [actors.decisionMaker, actors.intake, actors.admin].forEach((actor) =>
      audit
        .given(decided)
        .when(recordBreach(breachData(), AFTER_DEADLINE, actor))
        .thenRefusedWith('R-TIME-1', { role: actor.role }),
    );
  });

  it('R-TIME-1 refuses a breach for another decision than the last one', () => {
    audit
      .given(decided)
      .when(recordBreach(breachData({ decisionDate: '2026-03-19' })))
      .thenRefusedWith('R-TIME-1', { field: 'decisionDate', lastDecisionDate: T.decisionDate });
  });

  it.each([
    ['not an ISO date', '27/03/2026'],
    ['an impossible date', '2026-02-30'],
    ['before the decision (2026-03-20)', '2026-03-19'],
  ])('R-TIME-1 refuses a deadline that is %s', (_, deadline) => {
    audit
      .given(decided)
      .when(recordBreach(breachData({ deadline })))
      .thenRefusedWith('R-TIME-1', { field: 'deadline', deadline });
  });

  it('R-TIME-1 refuses a working-day count that is not a positive whole number', () => {
    [0, 1.5].forEach((workingDays) =>
      audit
        .given(decided)
        .when(recordBreach(breachData({ workingDays })))
        .thenRefusedWith('R-TIME-1', { field: 'workingDays' }),
    );
  });

  it('R-TIME-1 / R-TIME-7 records the breach once per decision', () => {
    audit
      .given([...decided, breached()])
      .when(recordBreach(breachData(), '2026-03-30T02:00:00Z'))
      .thenRefusedWith('R-TIME-1', { field: 'decisionDate', recordedOn: '2026-03-28' });
  });

  it('R-TIME-1 a follow-up GRANT after a conditional grant is a new decision with its own notice deadline', () => {
    const conditions = { nonconformityIds: ['NC-1'], deadline: '2026-06-18' };
    const conditional: AuditEvent[] = [
      ...historyUntil('REVIEWED', { findings: [nonconformityRaised('NC-1', 'MINOR')] }),
      certificationDecided('CONDITIONAL_GRANT', { conditions }),
      breached(),
      ...nonconformityClosed('NC-1', '2026-05-01T01:00:00Z'),
    ];
    // Follow-up GRANT on Sun 2026-05-10: 05-11 … 05-15 → deadline 2026-05-15.
    const followUp = audit
      .given(conditional)
      .when(
        auditCommand(
          'DecideCertification',
          { outcome: 'GRANT', reasons: [] },
          ctx(actors.decisionMaker, '2026-05-10T01:00:00Z'),
        ),
      )
      .thenEvents(() => undefined);
    audit
      .given([...conditional, ...followUp])
      .when(
        recordBreach(
          breachData({ decisionDate: '2026-05-10', deadline: '2026-05-15' }),
          '2026-05-16T01:00:00Z',
        ),
      )
      .then([breached({ decisionDate: '2026-05-10', deadline: '2026-05-15', recordedOn: '2026-05-16' })]);
  });

  it('R-TIME-1 the clock stops once the notice is recorded; there is nothing to breach before a decision', () => {
    [historyUntil('NOTIFIED'), historyUntil('REVIEWED'), []].forEach((history) =>
      audit.given(history).when(recordBreach()).thenRefusedWith('INVALID_TRANSITION'),
    );
  });

  it('R-TIME-1 a recorded breach does not block recording the notice (R-AUD-8)', () => {
    audit
      .given([...decided, breached()])
      .when(
        auditCommand(
          'RecordDecisionNotice',
          { sentOn: '2026-03-30', reference: 'CMM-DN-2026-0042', appealRightsStated: false },
          ctx(actors.decisionMaker, '2026-03-30T02:00:00Z'),
        ),
      )
      .thenEvents(([event], state) => {
        expect(event.type).toBe('DecisionNoticeRecorded');
        expect(state.status).toBe('NOTIFIED');
      });
  });
});
