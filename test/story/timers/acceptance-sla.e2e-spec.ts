/**
 * Issue #7, story 4 — the working-day SLAs (R-APP-4, R-AUD-8, R-TIME-1), over HTTP with the SYSTEM timers run day
 * by day around each deadline. A breach is recorded by SYSTEM on the day after the deadline, exactly once, and
 * changes no state; the same clock met in time records nothing.
 *
 * Calendar (chinese-days package data, State Council arrangement):
 * - Dragon Boat Festival 2026: Fri 06-19 … Sun 06-21 off.
 * - National Day 2026: Thu 10-01 … Wed 10-07 off; Saturday 10-10 is a make-up workday (调休).
 */
import { addDays } from '@app/domain';
import { isWorkingDay } from '@app/read-models';
import { startApi, type Api } from '../../e2e/api-harness';
import { createStaff, reviewedAudit, type Staff } from '../../e2e/granted-certificate';
import {
  applicationStream,
  auditStream,
  deadlinesOf,
  notify,
  post,
  read,
  runDueOn,
  streamEvents,
  submitApplication,
  SYSTEM,
} from './timer-story';

/** Every date from `first` to `last`, inclusive. */
const days = (first: string, last: string): string[] => {
  const all: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) all.push(date);
  return all;
};

describe('story: acceptance and decision-notice SLAs breached on the day after their working-day deadline', () => {
  let api: Api;
  let staff: Staff;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
  });

  afterAll(() => api.close());

  describe('R-AUD-8: the decision notice within 5 working days of the decision', () => {
    let late: string;
    let onTime: string;

    it('given two decisions taken on Monday 2026-06-15, before the Dragon Boat Festival', async () => {
      late = await reviewedAudit(api, staff);
      onTime = await reviewedAudit(api, staff);
      for (const auditId of [late, onTime])
        await post(api, staff.decider, '2026-06-15', `/audits/${auditId}/decide`, {
          outcome: 'GRANT',
          reasons: [],
          scope: '智能客户服务',
        });
      // Tue 06-16 (1), Wed 06-17 (2), Thu 06-18 (3), Fri 06-19 … Sun 06-21 holiday, Mon 06-22 (4), Tue 06-23 (5).
      expect(isWorkingDay('2026-06-19')).toEqual({ working: false, estimated: false });
      const notice = {
        kind: 'decision-notice',
        aggregate: 'audit',
        ruleId: 'R-AUD-8',
        timerRuleId: 'R-TIME-1',
        startedOn: '2026-06-15',
        dueOn: '2026-06-23',
        estimated: false,
        basis:
          '2026-06-15 + 5 working days = 2026-06-23 (skipped 2026-06-19…2026-06-21 Dragon Boat Festival)',
        action: 'RECORD_DECISION_NOTICE_BREACH',
        overdue: false,
        daysLeft: 8,
        workingDaysLeft: 5,
      };
      expect(await deadlinesOf(api, staff.decider, late, { kind: 'decision-notice' })).toEqual([
        expect.objectContaining(notice),
      ]);
      expect(await deadlinesOf(api, staff.decider, onTime, { kind: 'decision-notice' })).toEqual([
        expect.objectContaining(notice),
      ]);
    });

    it('when the days up to and including the deadline pass, then nothing is recorded', async () => {
      for (const date of days('2026-06-16', '2026-06-23')) {
        // One notice is sent on the last day: in time.
        if (date === '2026-06-23') await notify(api, staff, onTime, date);
        expect({ date, firings: (await runDueOn(api, date)).firings }).toEqual({ date, firings: [] });
      }
      expect(await deadlinesOf(api, staff.decider, late, { kind: 'decision-notice' })).toEqual([
        expect.objectContaining({ dueOn: '2026-06-23', overdue: false, daysLeft: 0, workingDaysLeft: 0 }),
      ]);
    });

    it('when the day after (2026-06-24) comes, then SYSTEM records the breach of the unsent notice, once', async () => {
      const run = await runDueOn(api, '2026-06-24');
      expect(run.firings).toEqual([
        {
          action: 'RECORD_DECISION_NOTICE_BREACH',
          streamId: auditStream(late),
          dueOn: '2026-06-23',
          outcome: 'fired',
          events: ['DecisionNoticeSlaBreached'],
        },
      ]);
      const breach = (await streamEvents(api, auditStream(late))).at(-1)!;
      expect(breach.type).toBe('DecisionNoticeSlaBreached');
      expect(breach.data).toEqual({
        auditId: late,
        decisionDate: '2026-06-15',
        deadline: '2026-06-23',
        workingDays: 5,
        recordedOn: '2026-06-24',
      });
      expect(breach.metadata).toMatchObject({ actor: SYSTEM, occurredAt: '2026-06-24T02:00:00.000Z' });
      // Exactly once, and never for the notice sent in time.
      expect((await runDueOn(api, '2026-06-24')).firings).toEqual([]);
      expect(
        (await streamEvents(api, auditStream(late))).filter((e) => e.type.endsWith('Breached')),
      ).toHaveLength(1);
      expect((await streamEvents(api, auditStream(onTime))).map((e) => e.type).slice(-2)).toEqual([
        'CertificationDecided',
        'DecisionNoticeRecorded',
      ]);
      // R-TIME-1: recorded and listed, the state does not change.
      expect(await read(api, `/audits/${late}`, staff.decider)).toMatchObject({
        state: { status: 'DECIDED' },
      });
      expect(await deadlinesOf(api, staff.decider, late, { kind: 'decision-notice' })).toEqual([
        expect.objectContaining({
          dueOn: '2026-06-23',
          overdue: true,
          action: null,
          breachRecordedOn: '2026-06-24',
          workingDaysLeft: -1,
        }),
      ]);
      expect(await deadlinesOf(api, staff.decider, onTime, { kind: 'decision-notice' })).toEqual([]);
      // Nor on any later day.
      expect((await runDueOn(api, '2026-06-25')).firings).toEqual([]);
    });
  });

  describe('R-APP-4: the acceptance review within 5 working days of submission', () => {
    let late: string;
    let onTime: string;

    it('given two applications submitted on Wednesday 2026-09-30, the eve of National Day', async () => {
      // The calendar this story relies on: 7 days off, then a make-up Saturday.
      const off = { working: false, estimated: false };
      const working = { working: true, estimated: false };
      expect(isWorkingDay('2026-09-30')).toEqual(working);
      for (const date of days('2026-10-01', '2026-10-07')) expect(isWorkingDay(date)).toEqual(off);
      for (const date of ['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13'])
        expect(isWorkingDay(date)).toEqual(working);
      expect(isWorkingDay('2026-10-11')).toEqual(off);

      late = await submitApplication(api, staff.intake, '2026-09-30');
      onTime = await submitApplication(api, staff.intake, '2026-09-30');
      // Thu 10-01 … Wed 10-07 National Day, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3), Sun 10-11
      // weekend, Mon 10-12 (4), Tue 10-13 (5): due 2026-10-13, 13 calendar days after submission.
      expect(await deadlinesOf(api, staff.intake, late, { kind: 'acceptance' })).toEqual([
        {
          kind: 'acceptance',
          aggregate: 'application',
          subject: late,
          label: '福州智服科技有限公司',
          ruleId: 'R-APP-4',
          timerRuleId: 'R-TIME-1',
          startedOn: '2026-09-30',
          dueOn: '2026-10-13',
          estimated: false,
          basis:
            '2026-09-30 + 5 working days = 2026-10-13 ' +
            '(skipped 2026-10-01…2026-10-07 National Day, 1 weekend day; make-up workday 2026-10-10)',
          action: 'RECORD_ACCEPTANCE_BREACH',
          // Armed by the submission, revision 0 of the application's stream.
          armedAt: 0,
          clock: { startedAt: '2026-09-30T02:00:00.000Z', workingDays: 5 },
          overdue: false,
          daysLeft: 13,
          workingDaysLeft: 5,
        },
      ]);
    });

    it('when the timers run each day up to and including the deadline, then no breach is recorded', async () => {
      for (const date of days('2026-10-01', '2026-10-13')) {
        // The other application is accepted on the last day: in time.
        if (date === '2026-10-13')
          await post(api, staff.intake, date, `/applications/${onTime}/accept`, {
            legalEntityVerified: true,
          });
        expect({ date, firings: (await runDueOn(api, date)).firings }).toEqual({ date, firings: [] });
      }
      expect((await streamEvents(api, applicationStream(late))).map((e) => e.type)).toEqual([
        'ApplicationSubmitted',
      ]);
    });

    it('when the day after (2026-10-14) comes, then SYSTEM records AcceptanceSlaBreached, exactly once', async () => {
      const run = await runDueOn(api, '2026-10-14');
      expect(run.firings).toEqual([
        {
          action: 'RECORD_ACCEPTANCE_BREACH',
          streamId: applicationStream(late),
          dueOn: '2026-10-13',
          outcome: 'fired',
          events: ['AcceptanceSlaBreached'],
        },
      ]);
      const events = await streamEvents(api, applicationStream(late));
      expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'AcceptanceSlaBreached']);
      expect(events[1].data).toEqual({
        applicationId: late,
        clockStartedAt: '2026-09-30T02:00:00.000Z',
        deadline: '2026-10-13',
        workingDays: 5,
        recordedOn: '2026-10-14',
      });
      // The envelope: SYSTEM, at 10:00 Beijing time on 2026-10-14.
      expect(events[1].metadata).toMatchObject({ actor: SYSTEM, occurredAt: '2026-10-14T02:00:00.000Z' });

      expect((await runDueOn(api, '2026-10-14')).firings).toEqual([]);
      expect(await streamEvents(api, applicationStream(late))).toHaveLength(2);
      // The application accepted in time has no breach.
      expect((await streamEvents(api, applicationStream(onTime))).map((e) => e.type)).toEqual([
        'ApplicationSubmitted',
        'ApplicationAccepted',
      ]);

      // R-TIME-1: listed, not acted on: the application is still waiting for its review.
      expect(
        await read<{ state: { status: string } }>(api, `/applications/${late}`, staff.intake),
      ).toMatchObject({ state: { status: 'SUBMITTED' } });
      expect(await deadlinesOf(api, staff.intake, late, { kind: 'acceptance' })).toEqual([
        expect.objectContaining({
          dueOn: '2026-10-13',
          overdue: true,
          daysLeft: -1,
          workingDaysLeft: -1,
          action: null,
          breachRecordedOn: '2026-10-14',
        }),
      ]);
      expect(await deadlinesOf(api, staff.intake, onTime, { kind: 'acceptance' })).toEqual([]);
      // Nor on any later day.
      expect((await runDueOn(api, '2026-10-15')).firings).toEqual([]);
      expect(await streamEvents(api, applicationStream(late))).toHaveLength(2);
    });
  });
});
