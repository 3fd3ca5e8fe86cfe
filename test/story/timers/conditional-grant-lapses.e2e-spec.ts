/**
 * Issue #7, story 5 — a conditional grant lapses (R-AUD-7, R-TIME-6), over HTTP with the SYSTEM timers run by
 * hand: two files decided CONDITIONAL_GRANT on 2026-06-01 with one open MINOR nonconformity each. One has its
 * condition verified and the follow-up GRANT before the deadline; the other does not, and on the day after the
 * deadline SYSTEM decides REFUSE on it. No certificate is issued for the lapsed file.
 */
import { startApi, type Api } from '../../e2e/api-harness';
import { createStaff, type Staff } from '../../e2e/granted-certificate';
import {
  approve,
  auditStream,
  deadlinesOf,
  notify,
  post,
  read,
  SHEET,
  runDueOn,
  streamEvents,
  submitApplication,
  SYSTEM,
} from './timer-story';

describe('story: conditional grant not fulfilled by its deadline → refused by SYSTEM (R-TIME-6)', () => {
  let api: Api;
  let staff: Staff;
  let lapsed: { auditId: string; nonconformityId: string };
  let fulfilled: { auditId: string; nonconformityId: string };
  let certificateNumber: string;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
  });

  afterAll(() => api.close());

  /** An initial audit on 2026-06-01 with one MINOR nonconformity, decided CONDITIONAL_GRANT and notified. */
  const conditionallyGranted = async () => {
    const day = '2026-06-01';
    const applicationId = await submitApplication(api, staff.intake, day);
    await post(api, staff.intake, day, `/applications/${applicationId}/accept`, {
      legalEntityVerified: true,
    });
    const { id: auditId } = await post(
      api,
      staff.programme,
      day,
      '/audits',
      { type: 'INITIAL', applicationId, plannedStartDate: day, plannedEndDate: '2026-06-03', onSiteDays: 3 },
      201,
    );
    const audit = `/audits/${auditId}`;
    await post(api, staff.programme, day, `${audit}/assign-team`, {
      leadAuditorId: staff.lead.id,
      memberIds: [],
    });
    await post(api, staff.lead, day, `${audit}/start`, {});
    const raised = await post(
      api,
      staff.lead,
      day,
      `${audit}/nonconformities`,
      { grade: 'MINOR', clause: 'GB/T 43045.1 质量管理', evidence: '质检抽样比例低于计划' },
      201,
    );
    await post(api, staff.lead, day, `${audit}/scores`, { sheet: SHEET });
    await post(api, staff.lead, day, `${audit}/complete`, {
      conclusion: '存在一项轻微不符合项',
      recommendation: 'CONDITIONAL_GRANT',
      lastAuditDay: day,
    });
    await post(api, staff.reviewer, day, `${audit}/technical-review/start`, {});
    await post(api, staff.reviewer, day, `${audit}/technical-review`, approve);
    const decided = await post(api, staff.decider, day, `${audit}/decide`, {
      outcome: 'CONDITIONAL_GRANT',
      reasons: ['轻微不符合项待验证'],
    });
    // Decision Q7: a conditional grant issues no certificate.
    expect(decided.created).toBeUndefined();
    await notify(api, staff, auditId, day, true);
    return { auditId, nonconformityId: raised.created!.nonconformityId };
  };

  it('given two files decided CONDITIONAL_GRANT on 2026-06-01', async () => {
    lapsed = await conditionallyGranted();
    fulfilled = await conditionallyGranted();
    const [decision] = (await streamEvents(api, auditStream(lapsed.auditId))).filter(
      (e) => e.type === 'CertificationDecided',
    );
    // R-AUD-7: 90 days to verify the conditions: 2026-06-01 + 90 days = 2026-08-30 (29 + 31 + 30).
    expect(decision.data).toMatchObject({
      outcome: 'CONDITIONAL_GRANT',
      conditions: { nonconformityIds: [lapsed.nonconformityId], deadline: '2026-08-30' },
    });
    expect(await deadlinesOf(api, staff.decider, lapsed.auditId, { kind: 'conditional-grant' })).toEqual([
      expect.objectContaining({
        kind: 'conditional-grant',
        aggregate: 'audit',
        ruleId: 'R-AUD-7',
        timerRuleId: 'R-TIME-6',
        startedOn: '2026-06-01',
        dueOn: '2026-08-30',
        basis: 'conditional grant of 2026-06-01: 1 condition(s) to verify by 2026-08-30',
        action: 'REFUSE_EXPIRED_CONDITIONAL_GRANT',
        overdue: false,
        daysLeft: 90,
      }),
    ]);
  });

  it('when one file has its condition verified and the follow-up GRANT before the deadline, then it is certified', async () => {
    const audit = `/audits/${fulfilled.auditId}`;
    const nc = `${audit}/nonconformities/${fulfilled.nonconformityId}`;
    await post(api, staff.lead, '2026-07-01', `${nc}/respond`, {
      rootCause: '抽样计划未落实',
      correction: '已补抽',
      correctiveAction: '修订质检程序',
    });
    await post(api, staff.lead, '2026-07-02', `${nc}/accept-response`, {});
    await post(api, staff.lead, '2026-07-10', `${nc}/verify`, { evidence: '复核质检记录' });
    const granted = await post(api, staff.decider, '2026-07-15', `${audit}/decide`, {
      outcome: 'GRANT',
      reasons: [],
      scope: '智能客户服务',
    });
    certificateNumber = granted.created!.certificateNumber;
    expect(certificateNumber).toEqual(expect.any(String));
    await notify(api, staff, fulfilled.auditId, '2026-07-15');
    expect(await deadlinesOf(api, staff.decider, fulfilled.auditId, { kind: 'conditional-grant' })).toEqual(
      [],
    );
  });

  it('when the deadline 2026-08-30 arrives, then nothing fires: the conditions can still be verified that day', async () => {
    expect((await runDueOn(api, '2026-08-30')).firings).toEqual([]);
  });

  it('when the day after (2026-08-31) comes, then SYSTEM refuses the unfulfilled file, once', async () => {
    const run = await runDueOn(api, '2026-08-31');
    expect(run.firings).toEqual([
      {
        action: 'REFUSE_EXPIRED_CONDITIONAL_GRANT',
        streamId: auditStream(lapsed.auditId),
        dueOn: '2026-08-30',
        outcome: 'fired',
        events: ['CertificationDecided'],
      },
    ]);
    const refusal = (await streamEvents(api, auditStream(lapsed.auditId))).at(-1)!;
    expect(refusal.type).toBe('CertificationDecided');
    expect(refusal.data).toMatchObject({
      auditId: lapsed.auditId,
      auditType: 'INITIAL',
      outcome: 'REFUSE',
      reasons: ['CONDITIONAL_GRANT_DEADLINE_PASSED'],
      decisionDate: '2026-08-31',
      decidedAt: '2026-08-31T02:00:00.000Z',
      decisionMaker: SYSTEM,
      followsConditionalGrant: true,
      statusBefore: 'NOTIFIED',
      statusAfter: 'DECIDED',
    });
    expect(refusal.metadata).toMatchObject({ actor: SYSTEM, occurredAt: '2026-08-31T02:00:00.000Z' });
    expect((await runDueOn(api, '2026-08-31')).firings).toEqual([]);

    // A refused file: decided, no certificate (only the fulfilled file's certificate exists).
    expect(await read(api, `/audits/${lapsed.auditId}`, staff.decider)).toMatchObject({
      state: { status: 'DECIDED' },
    });
    const certificates = await read<{ items: { number: string }[] }>(api, '/certificates', staff.decider);
    expect(certificates.items.map((c) => c.number)).toEqual([certificateNumber]);

    // The conditional-grant clock is gone; the refusal's own notice is due in 5 working days (R-AUD-8):
    // Mon 2026-08-31 → Tue 09-01 (1), Wed 09-02 (2), Thu 09-03 (3), Fri 09-04 (4), Mon 09-07 (5).
    const listed = await deadlinesOf(api, staff.decider, lapsed.auditId);
    expect(listed.filter((d) => d.kind === 'conditional-grant')).toEqual([]);
    expect(listed.filter((d) => d.kind === 'decision-notice')).toEqual([
      expect.objectContaining({
        startedOn: '2026-08-31',
        dueOn: '2026-09-07',
        action: 'RECORD_DECISION_NOTICE_BREACH',
      }),
    ]);
  });
});
