/**
 * Issue #7 — a deadline that passes again is a new firing, a deadline already acted on is not (R-TIME-3, R-TIME-4,
 * R-TIME-7): a certificate suspended for overdue surveillance and reinstated without the surveillance being decided
 * is suspended again the next day; a revocation procedure closed by an upheld appeal is not reopened by the timer.
 */
import { startApi, type Api } from '../../e2e/api-harness';
import { createStaff, type Staff } from '../../e2e/granted-certificate';
import {
  certificateState,
  certificateStream,
  deadlinesOf,
  grantedAndNotified,
  post,
  runDueOn,
  streamEvents,
} from './timer-story';

describe('story: deadlines passing again (R-TIME-3, R-TIME-4, R-TIME-7)', () => {
  let api: Api;
  let staff: Staff;
  let number: string;
  let stream: string;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
    ({ number } = await grantedAndNotified(api, staff));
    stream = certificateStream(number);
  });

  afterAll(() => api.close());

  const types = async () => (await streamEvents(api, stream)).map((e) => e.type);

  it('given a certificate suspended by SYSTEM the day after its surveillance due date (2027-06-01)', async () => {
    const run = await runDueOn(api, '2027-06-02');
    expect(run.firings).toEqual([expect.objectContaining({ streamId: stream, outcome: 'fired' })]);
    expect(await types()).toEqual(['CertificateIssued', 'CertificateSuspended']);
  });

  it('when it is reinstated without the surveillance decided, then the next run suspends it again (R-TIME-3)', async () => {
    await post(api, staff.decider, '2027-07-01', `/certificates/${number}/reinstate`, {
      verification: { kind: 'REVIEW', reference: 'REVIEW-2027-07' },
      reason: '整改已验证',
    });
    // The surveillance due 2027-06-01 is still not decided: the deadline is armed again at the reinstatement.
    const [surveillance] = await deadlinesOf(api, staff.decider, number, { kind: 'surveillance' });
    expect(surveillance).toMatchObject({ dueOn: '2027-06-01', action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE' });
    const run = await runDueOn(api, '2027-07-02');
    expect(run.firings).toEqual([
      {
        action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
        streamId: stream,
        dueOn: '2027-06-01',
        outcome: 'fired',
        events: ['CertificateSuspended'],
      },
    ]);
    expect(await types()).toEqual([
      'CertificateIssued',
      'CertificateSuspended',
      'CertificateReinstated',
      'CertificateSuspended',
    ]);
    // 2027-07-02 + 6 months (R-CERT-5) = 2028-01-02.
    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'SUSPENDED',
      suspension: { since: '2027-07-02', deadline: '2028-01-02' },
    });
    expect((await runDueOn(api, '2027-07-03')).firings).toEqual([]);
  });

  it('when the suspension deadline passes, SYSTEM opens the revocation once; an upheld appeal closes it for good', async () => {
    const opened = await runDueOn(api, '2028-01-03');
    expect(opened.firings).toEqual([
      expect.objectContaining({ action: 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION', outcome: 'fired' }),
    ]);
    await post(api, staff.decider, '2028-01-04', `/certificates/${number}/revocation-notice`, {
      reasons: ['暂停期限届满仍未完成整改 (§8.2.2 第5项)'],
    });
    await post(api, staff.decider, '2028-01-10', `/certificates/${number}/appeal`, {
      grounds: '整改已按期提交',
    });
    await post(api, staff.decider, '2028-01-20', `/certificates/${number}/decide-appeal`, {
      verdict: 'UPHELD',
      reason: '申诉成立',
    });
    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'SUSPENDED',
      revocation: null,
    });
    // The suspension's deadline passed long ago, but R-TIME-4 opens one procedure per suspension: nothing fires.
    const [suspension] = await deadlinesOf(api, staff.decider, number, { kind: 'suspension' });
    expect(suspension).toMatchObject({ dueOn: '2028-01-02', overdue: true, action: null });
    expect((await runDueOn(api, '2028-01-21')).firings).toEqual([]);
    expect((await types()).filter((type) => type === 'RevocationOpened')).toHaveLength(1);
  });
});
