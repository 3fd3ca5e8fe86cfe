/**
 * Issue #7, story 3 — not renewed (R-TIME-2, R-TIME-5, R-CERT-8), over HTTP with the SYSTEM timers run by hand:
 * granted 2026-06-01, both yearly surveillances decided in time, no recertification → on the expiry date nothing
 * happens, the day after SYSTEM cancels the certificate (ground EXPIRED) and the registry shows it cancelled.
 */
import { startApi, type Api } from '../../e2e/api-harness';
import { createStaff, type Staff } from '../../e2e/granted-certificate';
import {
  certificateState,
  certificateStream,
  deadlinesOf,
  grantedAndNotified,
  maintainedSurveillance,
  read,
  runDueOn,
  streamEvents,
  SYSTEM,
} from './timer-story';

describe('story: surveillances kept up, no renewal → cancelled by SYSTEM the day after expiry (R-TIME-5)', () => {
  let api: Api;
  let staff: Staff;
  let number: string;
  let stream: string;
  let expiryDate: string;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
  });

  afterAll(() => api.close());

  it('given a certificate granted on 2026-06-01', async () => {
    ({ number } = await grantedAndNotified(api, staff));
    stream = certificateStream(number);
    ({ expiryDate } = await certificateState(api, staff.registry, number));
    // R-CERT-2: 3 years from the decision: 2026-06-01 + 3 years = 2029-06-01, the last valid day.
    expect(expiryDate).toBe('2029-06-01');
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'expiry' })).toEqual([
      expect.objectContaining({
        kind: 'expiry',
        ruleId: 'R-CERT-2',
        timerRuleId: 'R-TIME-5',
        startedOn: '2026-06-01',
        dueOn: expiryDate,
        basis: `term decided on 2026-06-01, valid until ${expiryDate}`,
        action: 'CANCEL_EXPIRED_CERTIFICATE',
        overdue: false,
      }),
    ]);
  });

  it('when each yearly surveillance is decided before its due date, then SYSTEM never suspends it', async () => {
    // First surveillance due 2026-06-01 + 12 months = 2027-06-01; decided MAINTAIN on 2027-05-17.
    await maintainedSurveillance(api, staff, number, '2027-05-10', '2027-05-12', '2027-05-17');
    expect((await runDueOn(api, '2027-06-02')).firings).toEqual([]);
    // Next one due 2027-05-17 + 12 months = 2028-05-17; decided MAINTAIN on 2028-05-15.
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'surveillance' })).toEqual([
      expect.objectContaining({ dueOn: '2028-05-17', startedOn: '2027-05-17', overdue: false }),
    ]);
    await maintainedSurveillance(api, staff, number, '2028-05-08', '2028-05-10', '2028-05-15');
    expect((await runDueOn(api, '2028-05-18')).firings).toEqual([]);
    // 2028-05-15 + 12 months = 2029-05-15 falls in the expiry year 2029: no surveillance then (R-TIME-2, §6.4.2).
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'surveillance' })).toEqual([]);
    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'VALID',
      lastSurveillanceDate: '2028-05-15',
    });
  });

  it('when the expiry date arrives without a renewal, then nothing fires: it is valid through that day', async () => {
    expect((await runDueOn(api, expiryDate)).firings).toEqual([]);
    expect(await read(api, `/registry/certificates/${number}`)).toMatchObject({
      status: 'VALID',
      expiryDate,
      validToday: true,
    });
    expect(await deadlinesOf(api, staff.decider, number, { kind: 'expiry' })).toEqual([
      expect.objectContaining({ dueOn: expiryDate, overdue: false, daysLeft: 0 }),
    ]);
  });

  it('when the day after expiry (2029-06-02) comes, then SYSTEM cancels it with ground EXPIRED', async () => {
    const run = await runDueOn(api, '2029-06-02');
    expect(run.firings).toEqual([
      {
        action: 'CANCEL_EXPIRED_CERTIFICATE',
        streamId: stream,
        dueOn: '2029-06-01',
        outcome: 'fired',
        events: ['CertificateCancelled'],
      },
    ]);
    const events = await streamEvents(api, stream);
    expect(events.map((e) => e.type)).toEqual([
      'CertificateIssued',
      'SurveillanceRecorded',
      'SurveillanceRecorded',
      'CertificateCancelled',
    ]);
    const cancelled = events[3];
    expect(cancelled.data).toEqual({
      statusBefore: 'VALID',
      statusAfter: 'CANCELLED',
      ground: 'EXPIRED',
      reason: 'expired on 2029-06-01 without a renewal decision (R-TIME-5)',
      approver: SYSTEM,
      date: '2029-06-02',
    });
    expect(cancelled.metadata).toMatchObject({ actor: SYSTEM, occurredAt: '2029-06-02T02:00:00.000Z' });

    expect((await runDueOn(api, '2029-06-02')).firings).toEqual([]);
    expect(await streamEvents(api, stream)).toHaveLength(4);

    expect(await certificateState(api, staff.registry, number)).toMatchObject({
      status: 'CANCELLED',
      statusChangedOn: '2029-06-02',
    });
    const records = await read<{
      items: { date: string; before: string; after: string; approver: object }[];
    }>(api, `/certificates/${number}/records/status`, staff.registry);
    expect(
      records.items.map(({ date, before, after, approver }) => ({ date, before, after, approver })),
    ).toEqual([
      {
        date: '2026-06-01',
        before: 'NONE',
        after: 'VALID',
        approver: { id: staff.decider.id, role: 'DECISION_MAKER' },
      },
      { date: '2029-06-02', before: 'VALID', after: 'CANCELLED', approver: SYSTEM },
    ]);
    // R-REG-4 / R-REG-5: still listed, as IAF "cancelled", with the cancellation and its reason.
    expect(await read(api, `/registry/certificates/${number}`)).toMatchObject({
      status: 'CANCELLED',
      iafStatus: 'cancelled',
      statusChangedOn: '2029-06-02',
      validToday: false,
      cancellation: {
        date: '2029-06-02',
        ground: 'EXPIRED',
        reason: 'expired on 2029-06-01 without a renewal decision (R-TIME-5)',
      },
    });
    // CANCELLED is final: no clock of this certificate is left.
    expect(await deadlinesOf(api, staff.decider, number)).toEqual([]);
  });
});
