/**
 * Issue #7, story 2 — renewed before expiry (R-TIME-2, R-TIME-5, R-CERT-9), over HTTP with the SYSTEM timers run
 * by hand: granted 2026-06-01, each yearly surveillance decided before its due date, recertification applied for
 * inside the window and granted before expiry → the term is extended by 3 years, nothing is cancelled at the old
 * expiry, and the clocks (expiry, surveillance) restart from the renewal.
 */
import { annexA, completeMaterials } from '@app/testing';
import { startApi, type Api } from '../../e2e/api-harness';
import { createStaff, type Staff } from '../../e2e/granted-certificate';
import {
  approve,
  certificateState,
  certificateStream,
  deadlinesOf,
  grantedAndNotified,
  maintainedSurveillance,
  notify,
  post,
  read,
  SHEET,
  runDueOn,
  streamEvents,
  submitApplication,
} from './timer-story';

describe('story: surveillances kept up, recertification granted before expiry → nothing cancelled (R-CERT-9)', () => {
  let api: Api;
  let staff: Staff;
  let number: string;
  let stream: string;
  let oldExpiry: string;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
  });

  afterAll(() => api.close());

  it('given a certificate granted on 2026-06-01', async () => {
    ({ number } = await grantedAndNotified(api, staff));
    stream = certificateStream(number);
    ({ expiryDate: oldExpiry } = await certificateState(api, staff.registry, number));
    // R-CERT-2: 2026-06-01 + 3 years = 2029-06-01.
    expect(oldExpiry).toBe('2029-06-01');
  });

  it('when each yearly surveillance is decided (MAINTAIN) before its due date, then the timers fire nothing', async () => {
    // Due 2026-06-01 + 12 months = 2027-06-01; decided 2027-05-17. The day after the old due date: nothing.
    await maintainedSurveillance(api, staff, number, '2027-05-10', '2027-05-12', '2027-05-17');
    expect((await runDueOn(api, '2027-06-02')).firings).toEqual([]);
    // Due 2027-05-17 + 12 months = 2028-05-17; decided 2028-05-15. The day after that due date: nothing.
    await maintainedSurveillance(api, staff, number, '2028-05-08', '2028-05-10', '2028-05-15');
    expect((await runDueOn(api, '2028-05-18')).firings).toEqual([]);
    // 2028-05-15 + 12 months = 2029-05-15 lies in the expiry year: the recertification replaces it (R-TIME-2).
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'surveillance' })).toEqual([]);
    expect(await certificateState(api, staff.registry, number)).toMatchObject({ status: 'VALID' });
  });

  it('when the holder applies inside the recertification window, then the renewal is granted before expiry', async () => {
    // R-CERT-9: the window opens 3 months before expiry: 2029-06-01 − 3 months = 2029-03-01.
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'recertification-window' })).toEqual([
      expect.objectContaining({
        ruleId: 'R-CERT-9',
        dueOn: '2029-03-01',
        basis: 'expiry 2029-06-01 − 3 months = 2029-03-01',
        action: null,
      }),
    ]);
    const recertification = { kind: 'RECERTIFICATION', certificateNumber: number };
    const tooEarly = await post(
      api,
      staff.intake,
      '2029-02-28',
      '/applications',
      { ...recertification, annexA: annexA(), materials: completeMaterials() },
      409,
    );
    expect(tooEarly.code).toBe('R-CERT-9');

    const applicationId = await submitApplication(api, staff.intake, '2029-03-01', recertification);
    await post(api, staff.intake, '2029-03-01', `/applications/${applicationId}/accept`, {
      legalEntityVerified: true,
    });
    const scheduled = await post(
      api,
      staff.programme,
      '2029-03-05',
      '/audits',
      {
        type: 'RECERTIFICATION',
        applicationId,
        plannedStartDate: '2029-04-09',
        plannedEndDate: '2029-04-11',
        onSiteDays: 3,
      },
      201,
    );
    const audit = `/audits/${scheduled.id}`;
    await post(api, staff.programme, '2029-03-05', `${audit}/assign-team`, {
      leadAuditorId: staff.lead.id,
      memberIds: [],
    });
    await post(api, staff.lead, '2029-04-09', `${audit}/start`, {});
    await post(api, staff.lead, '2029-04-11', `${audit}/scores`, { sheet: SHEET });
    await post(api, staff.lead, '2029-04-11', `${audit}/complete`, {
      conclusion: '符合再认证要求',
      recommendation: 'GRANT',
      lastAuditDay: '2029-04-11',
    });
    await post(api, staff.reviewer, '2029-04-16', `${audit}/technical-review/start`, {});
    await post(api, staff.reviewer, '2029-04-16', `${audit}/technical-review`, approve);
    const renewed = await post(api, staff.decider, '2029-05-14', `${audit}/decide`, {
      outcome: 'GRANT',
      reasons: [],
    });
    expect(renewed.created).toEqual({ certificateNumber: number });
    await notify(api, staff, scheduled.id, '2029-05-14');

    // R-CERT-9: the new expiry is the old expiry + 3 years: 2029-06-01 + 3 years = 2032-06-01; same number.
    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'VALID',
      decisionDate: '2029-05-14',
      expiryDate: '2032-06-01',
      documentRevision: 2,
    });
    const changes = await read<{ items: object[] }>(
      api,
      `/certificates/${number}/records/changes`,
      staff.registry,
    );
    expect(changes.items).toEqual([
      expect.objectContaining({
        date: '2029-05-14',
        kind: 'RENEWAL',
        field: 'EXPIRY_DATE',
        before: oldExpiry,
        after: '2032-06-01',
      }),
    ]);
  });

  it('when the old expiry date and the day after pass, then SYSTEM cancels nothing', async () => {
    expect((await runDueOn(api, oldExpiry)).firings).toEqual([]);
    // Old expiry + 1 day = 2029-06-02: the day R-TIME-5 would have cancelled an unrenewed certificate.
    expect((await runDueOn(api, '2029-06-02')).firings).toEqual([]);
    expect((await streamEvents(api, stream)).map((e) => e.type)).toEqual([
      'CertificateIssued',
      'SurveillanceRecorded',
      'SurveillanceRecorded',
      'CertificateRenewed',
    ]);
    expect(await read(api, `/registry/certificates/${number}`)).toMatchObject({
      status: 'VALID',
      iafStatus: 'active',
      expiryDate: '2032-06-01',
      validToday: true,
    });
  });

  it('then the worklist shows the new expiry, and a surveillance due 12 months after the renewal', async () => {
    const listed = await deadlinesOf(api, staff.decider, number);
    expect(listed.map((d) => [d.kind, d.dueOn])).toEqual([
      // R-TIME-2: the new term's first surveillance: 2029-05-14 + 12 months = 2030-05-14.
      ['surveillance', '2030-05-14'],
      // R-CERT-9: the next window opens 2032-06-01 − 3 months = 2032-03-01.
      ['recertification-window', '2032-03-01'],
      ['expiry', '2032-06-01'],
    ]);
    expect(listed[0]).toMatchObject({
      ruleId: 'R-TIME-2',
      timerRuleId: 'R-TIME-3',
      startedOn: '2029-05-14',
      basis: 'the certification decision 2029-05-14 + 12 months = 2030-05-14',
      action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
      overdue: false,
      // 2029-06-02 → 2030-05-14: 28 days to 06-30 + 184 (July–December) + 134 (to 05-14) = 346 days.
      daysLeft: 346,
    });
    expect(listed[2]).toMatchObject({
      timerRuleId: 'R-TIME-5',
      action: 'CANCEL_EXPIRED_CERTIFICATE',
      overdue: false,
    });
    // And the new surveillance is enforced: missed, it suspends the day after 2030-05-14 (R-TIME-3).
    expect((await runDueOn(api, '2030-05-14')).firings).toEqual([]);
    expect((await runDueOn(api, '2030-05-15')).firings).toEqual([
      expect.objectContaining({
        action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
        streamId: stream,
        dueOn: '2030-05-14',
        outcome: 'fired',
      }),
    ]);
  });
});
