/**
 * Issue #10, golden history 3 — cancelled at expiry (R-TIME-5, R-CERT-8), replayed by a regulator. Granted
 * 2026-06-01 (expiry 2029-06-01), both yearly surveillances decided in time, no recertification: the SYSTEM timer
 * cancels the certificate on 2029-06-02. The replay shows the last valid day, the night in between (still VALID in
 * the register, but no longer valid that day), and the cancellation.
 */
import type { TestUser } from '../e2e/api-harness';
import { startApi, type Api } from '../e2e/api-harness';
import { createStaff, type Staff } from '../e2e/granted-certificate';
import { maintainedSurveillance, runDueOn, SYSTEM } from '../story/timers/timer-story';
import {
  initialCertification,
  kindsAndTypes,
  recordedReads,
  regulatorGet,
  verifyNonconformity,
  type InitialCertification,
} from './regulator-story';

interface HistoryItem {
  streamId: string;
  streamKind: string;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string };
  reasonCode: string | null;
  reason: string | null;
  approver: { id: string; role: string } | null;
  causationId: string | null;
}
interface State {
  certificate: { revision: number | null; state: Record<string, unknown> };
  registryEntry: Record<string, unknown> | null;
  openAudits: Record<string, unknown>[];
}

const CANCELLATION_REASON = 'expired on 2029-06-01 without a renewal decision (R-TIME-5)';

describe('golden history: cancelled at expiry', () => {
  let api: Api;
  let staff: Staff;
  let regulator: TestUser;
  let file: InitialCertification;
  let number: string;
  const surveillances: string[] = [];

  beforeAll(async () => {
    api = await startApi('2026-05-04T02:00:00.000Z');
    staff = await createStaff(api);
    regulator = await api.user('regulator', ['REGULATOR']);
  });

  afterAll(() => api.close());

  const stateAt = (moment: string) => regulatorGet<State>(api, regulator, number, 'state', { at: moment });

  it('given a certificate granted 2026-06-01, surveilled in 2027 and 2028, and never renewed', async () => {
    file = await initialCertification(api, staff);
    number = file.number;
    await verifyNonconformity(api, staff, file, '2026-06-20');
    // R-TIME-2: due 2026-06-01 + 12 months = 2027-06-01, decided 2027-05-17; then due 2028-05-17, decided 2028-05-15.
    surveillances.push(
      await maintainedSurveillance(api, staff, number, '2027-05-10', '2027-05-12', '2027-05-17'),
    );
    surveillances.push(
      await maintainedSurveillance(api, staff, number, '2028-05-08', '2028-05-10', '2028-05-15'),
    );
  });

  it('when the day after the expiry comes (2029-06-02), then SYSTEM cancels it (the timers, run by hand)', async () => {
    // Regulator reads come after this step: they are appended to the log, and the timers wait for the read side to
    // reach the log's head, which it reaches through domain events only.
    expect((await runDueOn(api, '2029-06-01')).firings).toEqual([]);
    expect((await runDueOn(api, '2029-06-02')).firings).toEqual([
      expect.objectContaining({
        action: 'CANCEL_EXPIRED_CERTIFICATE',
        outcome: 'fired',
        events: ['CertificateCancelled'],
      }),
    ]);
  });

  it('history: the file in order, ending with SYSTEM’s cancellation', async () => {
    const page = await regulatorGet<{ total: number; items: HistoryItem[] }>(
      api,
      regulator,
      number,
      'history',
      {
        types: 'CertificateIssued,SurveillanceRecorded,CertificateCancelled,CertificationDecided',
      },
    );
    expect(kindsAndTypes(page.items)).toEqual([
      'audit:CertificationDecided', // GRANT 2026-06-01
      'certificate:CertificateIssued',
      'audit:CertificationDecided', // MAINTAIN 2027-05-17
      'certificate:SurveillanceRecorded',
      'audit:CertificationDecided', // MAINTAIN 2028-05-15
      'certificate:SurveillanceRecorded',
      'certificate:CertificateCancelled', // 2029-06-02, by the timer
    ]);
    expect(page.items.map((i) => [i.occurredAt.slice(0, 10), i.reasonCode])).toEqual([
      ['2026-06-01', 'GRANT'],
      ['2026-06-01', 'GRANT'],
      ['2027-05-17', 'MAINTAIN'],
      ['2027-05-17', 'MAINTAIN'],
      ['2028-05-15', 'MAINTAIN'],
      ['2028-05-15', 'MAINTAIN'],
      ['2029-06-02', 'EXPIRED'],
    ]);
    // Each B.4 record was caused by its surveillance decision; the cancellation by no event but the timer.
    const decisions = page.items.filter((i) => i.type === 'CertificationDecided');
    const records = page.items.filter((i) => i.type === 'SurveillanceRecorded');
    expect(records.map((r) => r.streamId)).toEqual([`certificate-${number}`, `certificate-${number}`]);
    expect(decisions.slice(1).map((d) => d.streamId)).toEqual(surveillances.map((id) => `audit-${id}`));
    expect(page.items.at(-1)).toMatchObject({
      actor: SYSTEM,
      approver: SYSTEM, // R-ACT-1: SYSTEM is the approver of a timer's status change
      reason: CANCELLATION_REASON,
      causationId: null,
    });
    // The whole file: 2 application + 13 initial audit + 8 + 8 surveillance audit + 4 certificate events.
    const all = await regulatorGet<{ total: number; streams: unknown[] }>(api, regulator, number, 'history');
    expect(all).toMatchObject({ total: 35, streams: expect.any(Array) });
    expect(all.streams).toHaveLength(5);
  });

  it('timeline: valid for three years and a day, then cancelled (final)', async () => {
    const timeline = await regulatorGet<{
      status: string;
      intervals: {
        status: string;
        fromDate: string;
        toDate: string | null;
        start: Record<string, unknown>;
        end: Record<string, unknown> | null;
        events: { eventType: string; date: string }[];
      }[];
    }>(api, regulator, number, 'timeline');
    expect(timeline.status).toBe('CANCELLED');
    expect(timeline.intervals.map((i) => [i.status, i.fromDate, i.toDate])).toEqual([
      // The expiry date 2029-06-01 is the last valid day; SYSTEM acts the day after (R-TIME-5).
      ['VALID', '2026-06-01', '2029-06-02'],
      ['CANCELLED', '2029-06-02', null],
    ]);
    expect(timeline.intervals[0].events.map((e) => [e.eventType, e.date])).toEqual([
      ['SurveillanceRecorded', '2027-05-17'],
      ['SurveillanceRecorded', '2028-05-15'],
    ]);
    expect(timeline.intervals[0].end).toMatchObject({
      eventType: 'CertificateCancelled',
      reasonCode: 'EXPIRED', // §8.2.3(1)
      reason: CANCELLATION_REASON,
      approver: SYSTEM,
      occurredAt: '2029-06-02T02:00:00.000Z',
    });
  });

  it('state on the last valid day, 2029-06-01 23:00 Beijing: VALID and valid that day', async () => {
    const state = await stateAt('2029-06-01T23:00:00+08:00');
    expect(state.certificate.state).toMatchObject({
      status: 'VALID',
      expiryDate: '2029-06-01',
      lastSurveillanceDate: '2028-05-15',
    });
    expect(state.registryEntry).toMatchObject({ status: 'VALID', iafStatus: 'active', validToday: true });
  });

  it('state in the night after, 2029-06-02 00:30 Beijing: still VALID in the register, but not valid that day', async () => {
    // 2029-06-01T16:30Z is 00:30 on 2029-06-02 in Beijing: past the expiry date, before the timer ran at 10:00.
    const state = await stateAt('2029-06-01T16:30:00Z');
    expect(state.certificate).toMatchObject({ revision: 2, state: { status: 'VALID' } });
    expect(state.registryEntry).toMatchObject({ status: 'VALID', validToday: false, cancellation: null });
  });

  it('state once cancelled: CANCELLED, and the registry lists it with its cancellation (R-REG-4)', async () => {
    const state = await stateAt('2029-06-02T03:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 3,
      state: { status: 'CANCELLED', statusChangedOn: '2029-06-02' },
    });
    expect(state.registryEntry).toMatchObject({
      status: 'CANCELLED',
      iafStatus: 'cancelled', // R-REG-5
      validToday: false,
      cancellation: { date: '2029-06-02', ground: 'EXPIRED', reason: CANCELLATION_REASON },
    });
    expect(state.openAudits).toEqual([]);
  });

  it('state during the 2028 surveillance (2028-05-09): its audit open, the certificate VALID', async () => {
    const state = await stateAt('2028-05-09T00:00:00Z');
    expect(state.certificate.state).toMatchObject({ status: 'VALID', lastSurveillanceDate: '2027-05-17' });
    // maintainedSurveillance runs the audit day 2028-05-08 to the report: REPORTED until the review on 05-10.
    expect(state.openAudits).toEqual([
      expect.objectContaining({ auditId: surveillances[1], type: 'SURVEILLANCE', status: 'REPORTED' }),
    ]);
  });

  it('only a REGULATOR may read, and each read is recorded', async () => {
    const before = (await recordedReads(api)).length;
    await regulatorGet(api, staff.programme, number, 'state', {}, 403);
    await regulatorGet(api, null, number, 'export', {}, 401);
    await regulatorGet(api, regulator, number, 'verification');
    const reads = await recordedReads(api);
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      data: { certificateNumber: number, endpoint: 'verification' },
      metadata: { actor: { id: regulator.id, role: 'REGULATOR' }, occurredAt: '2029-06-02T02:00:00.000Z' },
    });
  });
});
