/**
 * Issue #7, story 1 — surveillance missed (R-TIME-2, R-TIME-3, R-TIME-4, R-CERT-5, R-CERT-7), over HTTP with the
 * SYSTEM timers run by hand: granted 2026-06-01, never surveilled → suspended by SYSTEM the day after the
 * surveillance due date → six months later the revocation procedure is opened by SYSTEM → a decision maker
 * issues the notice, waits out the appeal window and makes the revocation final.
 */
import { startApi, type Api } from '../../e2e/api-harness';
import { createStaff, type Staff } from '../../e2e/granted-certificate';
import {
  certificateState,
  certificateStream,
  deadlinesOf,
  grantedAndNotified,
  post,
  read,
  runDueOn,
  streamEvents,
  SYSTEM,
} from './timer-story';

describe('story: surveillance missed → suspended by SYSTEM → revocation opened → revoked (R-TIME-3, R-TIME-4)', () => {
  let api: Api;
  let staff: Staff;
  let number: string;
  let stream: string;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
  });

  afterAll(() => api.close());

  const statusRecords = async () =>
    (
      await read<{ items: { date: string; before: string; after: string; approver: object }[] }>(
        api,
        `/certificates/${number}/records/status`,
        staff.registry,
      )
    ).items.map(({ date, before, after, approver }) => ({ date, before, after, approver }));
  const byDecider = () => ({ id: staff.decider.id, role: 'DECISION_MAKER' });

  it('given a certificate granted on 2026-06-01 and never surveilled', async () => {
    ({ number } = await grantedAndNotified(api, staff));
    stream = certificateStream(number);
    const certificate = await certificateState(api, staff.registry, number);
    // R-CERT-2: 3 years from the decision; the expiry date is the last valid day (2026-06-01 + 3 years).
    expect(certificate).toMatchObject({
      status: 'VALID',
      decisionDate: '2026-06-01',
      expiryDate: '2029-06-01',
    });
    // R-TIME-2: first surveillance within 12 months of the decision: 2026-06-01 + 12 months = 2027-06-01.
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'surveillance' })).toEqual([
      expect.objectContaining({
        kind: 'surveillance',
        ruleId: 'R-TIME-2',
        timerRuleId: 'R-TIME-3',
        startedOn: '2026-06-01',
        dueOn: '2027-06-01',
        estimated: false,
        basis: 'the certification decision 2026-06-01 + 12 months = 2027-06-01',
        action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
        overdue: false,
        // 2026-06-01 → 2027-06-01 spans no 29 February: 365 days.
        daysLeft: 365,
      }),
    ]);
  });

  it('when the surveillance due date 2027-06-01 arrives, then nothing fires: it is still on time', async () => {
    expect((await runDueOn(api, '2027-06-01')).firings).toEqual([]);
    expect((await streamEvents(api, stream)).map((e) => e.type)).toEqual(['CertificateIssued']);
  });

  it('when the day after (2027-06-02) comes, then SYSTEM suspends it for overdue surveillance', async () => {
    const run = await runDueOn(api, '2027-06-02');
    expect(run.firings).toEqual([
      {
        action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
        streamId: stream,
        dueOn: '2027-06-01',
        outcome: 'fired',
        events: ['CertificateSuspended'],
      },
    ]);
    const events = await streamEvents(api, stream);
    expect(events.map((e) => e.type)).toEqual(['CertificateIssued', 'CertificateSuspended']);
    const suspended = events[1];
    // R-CERT-5: the longest suspension is 6 months: 2027-06-02 + 6 months = 2027-12-02.
    expect(suspended.data).toEqual({
      statusBefore: 'VALID',
      statusAfter: 'SUSPENDED',
      ground: 'SURVEILLANCE_OVERDUE',
      reason: 'surveillance due on 2027-06-01 was not decided (R-TIME-3)',
      correctionsRequired: ['undergo the overdue surveillance audit and have it decided'],
      deadline: '2027-12-02',
      auditId: null,
      approver: SYSTEM,
      date: '2027-06-02',
    });
    expect(suspended.metadata).toMatchObject({ actor: SYSTEM, occurredAt: '2027-06-02T02:00:00.000Z' });

    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'SUSPENDED',
      statusChangedOn: '2027-06-02',
      suspension: { ground: 'SURVEILLANCE_OVERDUE', deadline: '2027-12-02', since: '2027-06-02' },
      revocation: null,
    });
    // B.3 (R-CERT-4): the status change with SYSTEM as its approver (R-ACT-1).
    expect(await statusRecords()).toEqual([
      { date: '2026-06-01', before: 'NONE', after: 'VALID', approver: byDecider() },
      { date: '2027-06-02', before: 'VALID', after: 'SUSPENDED', approver: SYSTEM },
    ]);
    // R-CERT-5: a suspended certificate is not valid and the public registry says so (R-REG-5: IAF "suspended").
    expect(await read(api, `/registry/certificates/${number}`)).toMatchObject({
      status: 'SUSPENDED',
      iafStatus: 'suspended',
      statusChangedOn: '2027-06-02',
      validToday: false,
      suspension: {
        since: '2027-06-02',
        deadline: '2027-12-02',
        reason: 'surveillance due on 2027-06-01 was not decided (R-TIME-3)',
      },
      statusHistory: [
        { date: '2026-06-01', before: 'NONE', after: 'VALID', reason: 'GRANT' },
        {
          date: '2027-06-02',
          before: 'VALID',
          after: 'SUSPENDED',
          reason: 'surveillance due on 2027-06-01 was not decided (R-TIME-3)',
        },
      ],
    });
    // The worklist: the missed surveillance stays listed for follow-up (R-TIME-3) with nothing left to fire,
    // and the suspension deadline runs, most urgent first.
    const listed = await deadlinesOf(api, staff.decider, number);
    expect(listed.map((d) => d.kind)).toEqual([
      'surveillance',
      'suspension',
      'recertification-window',
      'expiry',
    ]);
    expect(listed[0]).toMatchObject({ dueOn: '2027-06-01', overdue: true, daysLeft: -1, action: null });
    expect(listed[1]).toEqual(
      expect.objectContaining({
        kind: 'suspension',
        aggregate: 'certificate',
        ruleId: 'R-CERT-5',
        timerRuleId: 'R-TIME-4',
        startedOn: '2027-06-02',
        dueOn: '2027-12-02',
        basis: 'suspended on 2027-06-02 (SURVEILLANCE_OVERDUE); reinstatement possible until 2027-12-02',
        action: 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION',
        overdue: false,
        // June 28 + July 31 + August 31 + September 30 + October 31 + November 30 + December 2 = 183 days.
        daysLeft: 183,
      }),
    );
  });

  it('when the timers run again the same day, then nothing fires a second time (R-TIME-7)', async () => {
    expect((await runDueOn(api, '2027-06-02')).firings).toEqual([]);
    expect((await streamEvents(api, stream)).map((e) => e.type)).toEqual([
      'CertificateIssued',
      'CertificateSuspended',
    ]);
  });

  it('when the suspension deadline 2027-12-02 arrives, then nothing fires: reinstatement is still possible', async () => {
    expect((await runDueOn(api, '2027-12-02')).firings).toEqual([]);
    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'SUSPENDED',
      revocation: null,
    });
  });

  it('when the day after (2027-12-03) comes, then SYSTEM opens the revocation procedure (R-TIME-4)', async () => {
    const run = await runDueOn(api, '2027-12-03');
    expect(run.firings).toEqual([
      {
        action: 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION',
        streamId: stream,
        dueOn: '2027-12-02',
        outcome: 'fired',
        events: ['RevocationOpened'],
      },
    ]);
    const opened = (await streamEvents(api, stream)).at(-1)!;
    expect(opened).toMatchObject({
      type: 'RevocationOpened',
      data: {
        ground: 'SUSPENSION_EXPIRED',
        findings: 'suspension deadline 2027-12-02 passed without reinstatement (R-TIME-4)',
        auditId: null,
        approver: SYSTEM,
        date: '2027-12-03',
      },
      metadata: { actor: SYSTEM, occurredAt: '2027-12-03T02:00:00.000Z' },
    });
    // R-CERT-7: the public status does not change until the final decision.
    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'SUSPENDED',
      revocation: { stage: 'INVESTIGATION', ground: 'SUSPENSION_EXPIRED', openedOn: '2027-12-03' },
    });
    expect((await runDueOn(api, '2027-12-03')).firings).toEqual([]);
    const [suspension] = await deadlinesOf(api, staff.decider, number, { kind: 'suspension' });
    expect(suspension).toMatchObject({ dueOn: '2027-12-02', overdue: true, action: null });
  });

  it('when the decision maker issues the notice on 2027-12-06, then the appeal window runs for 30 days', async () => {
    await post(api, staff.decider, '2027-12-06', `/certificates/${number}/revocation-notice`, {
      reasons: ['暂停期限届满仍未完成整改 (§8.2.2 第5项)'],
    });
    // R-CERT-7: appeal window 30 days: 2027-12-06 + 30 days = 2028-01-05 (25 days of December, 5 of January).
    const appeal = expect.objectContaining({
      kind: 'revocation-appeal',
      aggregate: 'certificate',
      ruleId: 'R-CERT-7',
      timerRuleId: null,
      startedOn: '2027-12-06',
      dueOn: '2028-01-05',
      basis: 'revocation notice of 2027-12-06; appeal window until 2028-01-05',
      action: null,
      overdue: false,
      daysLeft: 30,
    });
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'revocation-appeal' })).toEqual([appeal]);

    // On the last day of the window: still not overdue, and the revocation cannot be final yet.
    expect((await runDueOn(api, '2028-01-05')).firings).toEqual([]);
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'revocation-appeal' })).toEqual([
      expect.objectContaining({ dueOn: '2028-01-05', overdue: false, daysLeft: 0 }),
    ]);
    const early = await post(
      api,
      staff.decider,
      '2028-01-05',
      `/certificates/${number}/finalise-revocation`,
      { reason: '申诉期满' },
      409,
    );
    expect(early.code).toBe('R-CERT-7');
  });

  it('when the window has passed (2028-01-06), then it is listed overdue and the decision maker revokes', async () => {
    expect((await runDueOn(api, '2028-01-06')).firings).toEqual([]);
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'revocation-appeal' })).toEqual([
      expect.objectContaining({ dueOn: '2028-01-05', overdue: true, daysLeft: -1, action: null }),
    ]);

    const final = await post(
      api,
      staff.decider,
      '2028-01-06',
      `/certificates/${number}/finalise-revocation`,
      {
        reason: '申诉期满未提出申诉',
      },
    );
    expect(final.events.map((e) => e.type)).toEqual(['CertificateRevoked']);
    expect(await certificateState(api, staff.registry, number)).toMatchObject({ status: 'REVOKED' });

    // Who did what: the timers suspended and opened the procedure, the decision maker did the rest.
    expect(
      (await streamEvents(api, stream)).map((e) => [e.type, e.metadata.actor.role, e.metadata.occurredAt]),
    ).toEqual([
      ['CertificateIssued', 'DECISION_MAKER', '2026-06-01T02:00:00.000Z'],
      ['CertificateSuspended', 'SYSTEM', '2027-06-02T02:00:00.000Z'],
      ['RevocationOpened', 'SYSTEM', '2027-12-03T02:00:00.000Z'],
      ['RevocationNoticeIssued', 'DECISION_MAKER', '2027-12-06T02:00:00.000Z'],
      ['CertificateRevoked', 'DECISION_MAKER', '2028-01-06T02:00:00.000Z'],
    ]);
    expect(await statusRecords()).toEqual([
      { date: '2026-06-01', before: 'NONE', after: 'VALID', approver: byDecider() },
      { date: '2027-06-02', before: 'VALID', after: 'SUSPENDED', approver: SYSTEM },
      { date: '2028-01-06', before: 'SUSPENDED', after: 'REVOKED', approver: byDecider() },
    ]);
    expect(await read(api, `/registry/certificates/${number}`)).toMatchObject({
      status: 'REVOKED',
      iafStatus: 'withdrawn',
      statusChangedOn: '2028-01-06',
      validToday: false,
      suspension: null,
      revocation: {
        date: '2028-01-06',
        ground: 'SUSPENSION_EXPIRED',
        reasons: ['暂停期限届满仍未完成整改 (§8.2.2 第5项)'],
      },
    });
    // REVOKED is final: no clock of this certificate is left, in any kind, however far ahead one looks.
    expect(await deadlinesOf(api, staff.decider, number)).toEqual([]);
    expect((await runDueOn(api, '2029-06-02')).firings).toEqual([]);
  });
});
