/**
 * Issue #10, golden history 2 — granted → suspended → revoked after an appeal (R-CERT-5, R-CERT-7), replayed by a
 * regulator. The revocation procedure (investigation, notice, appeal, verdict) is internal: the state shows it, the
 * public registry entry of the same moment does not (R-REG-2) until the revocation is final (R-REG-4).
 */
import type { TestUser } from '../e2e/api-harness';
import { as, startApi, type Api } from '../e2e/api-harness';
import { createStaff, type Staff } from '../e2e/granted-certificate';
import {
  kindsAndTypes,
  recordedReads,
  regulatorGet,
  revokedAfterAppeal,
  type InitialCertification,
} from './regulator-story';

interface HistoryItem {
  streamKind: string;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string };
  reasonCode: string | null;
  reason: string | null;
  approver: { id: string; role: string } | null;
}
interface HistoryPage {
  total: number;
  items: HistoryItem[];
}
interface State {
  certificate: { revision: number | null; state: Record<string, unknown> };
  registryEntry: Record<string, unknown> | null;
  openAudits: unknown[];
  openNonconformities: unknown[];
}

const UNKNOWN = 'CMM-ICS-2026-99999';

const REVOCATION_STEPS = [
  'RevocationOpened',
  'RevocationNoticeIssued',
  'RevocationAppealLodged',
  'RevocationAppealDecided',
  'CertificateRevoked',
];

describe('golden history: granted → suspended → revoked after appeal', () => {
  let api: Api;
  let staff: Staff;
  let regulator: TestUser;
  let file: InitialCertification;
  let number: string;

  beforeAll(async () => {
    api = await startApi('2026-05-04T02:00:00.000Z');
    staff = await createStaff(api);
    regulator = await api.user('regulator', ['REGULATOR']);
  });

  afterAll(() => api.close());

  const history = (query: Record<string, string | number> = {}) =>
    regulatorGet<HistoryPage>(api, regulator, number, 'history', query);
  const stateAt = (moment: string) => regulatorGet<State>(api, regulator, number, 'state', { at: moment });
  const decider = () => ({ id: staff.decider.id, role: 'DECISION_MAKER' });

  it('given a certificate granted 2026-06-01, suspended 2026-08-03 and revoked 2026-10-21 after a rejected appeal', async () => {
    file = await revokedAfterAppeal(api, staff);
    number = file.number;
  });

  it('history: the certificate’s stream tells the whole procedure, in order, each step with its reason', async () => {
    const page = await history({
      types: ['CertificateIssued', 'CertificateSuspended', ...REVOCATION_STEPS].join(','),
    });
    expect(kindsAndTypes(page.items)).toEqual([
      'certificate:CertificateIssued',
      'certificate:CertificateSuspended',
      'certificate:RevocationOpened', // investigation recorded (调查)
      'certificate:RevocationNoticeIssued', // notice with reasons (通知)
      'certificate:RevocationAppealLodged', // appeal within the window (申诉)
      'certificate:RevocationAppealDecided', // rejected
      'certificate:CertificateRevoked', // final (决定)
    ]);
    expect(page.items.map((i) => [i.occurredAt.slice(0, 10), i.reasonCode, i.reason])).toEqual([
      ['2026-06-01', 'GRANT', null],
      ['2026-08-03', 'GENERAL_VIOLATION', '未经备案将客服业务外包'],
      ['2026-09-01', 'SERIOUS_VIOLATION', '外包期间泄露客户个人信息'], // the ground, and the findings as text
      ['2026-09-03', null, '严重违法违规：泄露客户个人信息'], // the notice's reasons
      ['2026-09-20', null, '泄露由外包方造成'], // the appeal's grounds
      ['2026-10-20', 'REJECTED', '外包未备案，责任在认证对象'], // the verdict and its reason
      ['2026-10-21', 'SERIOUS_VIOLATION', '申诉已驳回'],
    ]);
    expect(
      page.items.every((i) => i.actor.id === staff.decider.id && i.approver?.id === staff.decider.id),
    ).toBe(true);

    // The whole file: 2 application events, 13 of the initial audit, 7 of the certificate.
    const all = await history();
    expect(all.total).toBe(22);
    // Pages of 5 cover the 22 entries in 5 pages: the last holds 2, the appeal's verdict and the revocation.
    const last = await history({ pageSize: 5, page: 5 });
    expect(last.items.map((i) => i.type)).toEqual(['RevocationAppealDecided', 'CertificateRevoked']);
    // Everything the revocation procedure did after the suspension, by time range.
    const procedure = await history({ from: '2026-09-01T00:00:00Z', to: '2026-10-31T00:00:00Z' });
    expect(procedure.items.map((i) => i.type)).toEqual(REVOCATION_STEPS);

    // Bad queries: every problem named (400 VALIDATION_FAILED).
    const problems = async (query: Record<string, string>) =>
      (
        await regulatorGet<{ code: string; details: { field: string }[] }>(
          api,
          regulator,
          number,
          'history',
          query,
          400,
        )
      ).details.map((d) => d.field);
    expect(await problems({ from: '2026-12-31T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toEqual(['to']);
    expect(await problems({ from: '2026-07-01' })).toEqual(['from']); // a date is not an instant
    expect(await problems({ types: 'certificate suspended' })).toEqual(['types']);
    expect(await problems({ pageSize: '501' })).toEqual(['pageSize']);
  });

  it('timeline: valid, suspended while the procedure ran, then revoked for good', async () => {
    const timeline = await regulatorGet<{
      status: string;
      intervals: {
        status: string;
        fromDate: string;
        toDate: string | null;
        start: Record<string, unknown>;
        end: Record<string, unknown> | null;
        events: { eventType: string; date: string; reasonCode: string | null; summary: string | null }[];
      }[];
    }>(api, regulator, number, 'timeline');
    expect(timeline.status).toBe('REVOKED');
    expect(timeline.intervals.map((i) => [i.status, i.fromDate, i.toDate])).toEqual([
      ['VALID', '2026-06-01', '2026-08-03'],
      ['SUSPENDED', '2026-08-03', '2026-10-21'],
      ['REVOKED', '2026-10-21', null], // final: nothing can end it
    ]);
    const suspended = timeline.intervals[1];
    expect(suspended.start).toMatchObject({
      reasonCode: 'GENERAL_VIOLATION',
      // R-CERT-5: at most 6 months; 2026-08-03 + 6 months = 2027-02-03, the deadline 2027-02-01 is within.
      summary: 'correct by 2027-02-01',
      approver: decider(),
    });
    expect(suspended.events.map((e) => [e.eventType, e.date, e.reasonCode, e.summary])).toEqual([
      ['RevocationOpened', '2026-09-01', 'SERIOUS_VIOLATION', null],
      // R-CERT-7: the appeal window is 30 days from the notice: 2026-09-03 + 30 days = 2026-10-03.
      ['RevocationNoticeIssued', '2026-09-03', null, 'appeal window until 2026-10-03'],
      ['RevocationAppealLodged', '2026-09-20', null, null], // 17 days into the window
      ['RevocationAppealDecided', '2026-10-20', 'REJECTED', null],
    ]);
    expect(timeline.intervals[2].start).toMatchObject({
      eventType: 'CertificateRevoked',
      reasonCode: 'SERIOUS_VIOLATION',
      reason: '申诉已驳回',
    });
  });

  it('state on 2026-08-10: suspended, and the registry says so (R-CERT-5)', async () => {
    const state = await stateAt('2026-08-10T00:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 1,
      state: {
        status: 'SUSPENDED',
        revocation: null,
        suspension: { ground: 'GENERAL_VIOLATION', deadline: '2027-02-01' },
      },
    });
    expect(state.registryEntry).toMatchObject({
      status: 'SUSPENDED',
      iafStatus: 'suspended',
      validToday: false,
    });
  });

  it('state on 2026-09-25: the appeal lodged — internal to the file, not in the registry (R-REG-2)', async () => {
    const state = await stateAt('2026-09-25T00:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 4,
      state: {
        status: 'SUSPENDED',
        revocation: {
          stage: 'APPEAL_LODGED',
          ground: 'SERIOUS_VIOLATION',
          findings: '外包期间泄露客户个人信息',
          openedOn: '2026-09-01',
          noticeDate: '2026-09-03',
          appealWindowEndsAt: '2026-10-03',
          appeal: { grounds: '泄露由外包方造成', lodgedOn: '2026-09-20', verdict: null },
        },
      },
    });
    // The public saw a suspended certificate, with no word of the procedure.
    expect(state.registryEntry).toMatchObject({ status: 'SUSPENDED', revocation: null });
    expect(JSON.stringify(state.registryEntry)).not.toContain('外包期间泄露客户个人信息');
  });

  it('state on the verdict day (2026-10-20 12:00 Beijing): the appeal rejected, the revocation not yet final', async () => {
    const state = await stateAt('2026-10-20T12:00:00+08:00');
    expect(state.certificate.state).toMatchObject({
      status: 'SUSPENDED',
      revocation: { stage: 'APPEAL_REJECTED', appeal: { verdict: 'REJECTED' } },
    });
  });

  it('state on 2026-10-22: revoked; the registry shows it withdrawn, with the revocation and its history (R-REG-4)', async () => {
    const state = await stateAt('2026-10-22T00:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 6,
      state: { status: 'REVOKED', statusChangedOn: '2026-10-21', suspension: null, revocation: null },
    });
    expect(state.registryEntry).toMatchObject({
      status: 'REVOKED',
      iafStatus: 'withdrawn', // R-REG-5
      validToday: false,
      suspension: null,
      revocation: {
        date: '2026-10-21',
        ground: 'SERIOUS_VIOLATION',
        reasons: ['严重违法违规：泄露客户个人信息'],
      },
      statusHistory: [
        { date: '2026-06-01', before: 'NONE', after: 'VALID', reason: 'GRANT' },
        { date: '2026-08-03', before: 'VALID', after: 'SUSPENDED', reason: '未经备案将客服业务外包' },
        { date: '2026-10-21', before: 'SUSPENDED', after: 'REVOKED', reason: '申诉已驳回' },
      ],
    });
    // Approver identities stay internal (R-REG-2).
    expect(JSON.stringify(state.registryEntry)).not.toContain(staff.decider.id);
    expect(state.openAudits).toEqual([]);
    expect(state.openNonconformities).toEqual([]);
  });

  it('verification: all three streams verify', async () => {
    const report = await regulatorGet<{ valid: boolean; streams: { streamId: string; valid: boolean }[] }>(
      api,
      regulator,
      number,
      'verification',
    );
    expect(report.valid).toBe(true);
    expect(report.streams.map((s) => s.streamId)).toEqual([
      `application-${file.applicationId}`,
      `audit-${file.auditId}`,
      `certificate-${number}`,
    ]);
  });

  it('replay: the state at a moment and the verification of the events it was folded from, in one answer', async () => {
    const moment = '2026-10-22T00:00:00Z';
    const replay = await regulatorGet<{ state: unknown; verification: { valid: boolean } }>(
      api,
      regulator,
      number,
      'replay',
      { at: moment },
    );
    expect(replay.state).toEqual(await stateAt(moment));
    expect(replay.verification).toEqual(await regulatorGet(api, regulator, number, 'verification'));
    expect(replay.verification.valid).toBe(true);
    expect(replay.state).toMatchObject({ certificate: { state: { status: 'REVOKED' } } });
  });

  it('only a REGULATOR may read: other roles get 403, anonymous callers 401, an unknown number 404', async () => {
    const endpoints = ['history', 'state', 'replay', 'timeline', 'verification', 'export'];
    for (const endpoint of endpoints) {
      const forbidden = await regulatorGet<{ code: string }>(api, staff.decider, number, endpoint, {}, 403);
      expect(forbidden.code).toBe('FORBIDDEN_ROLE');
      const anonymous = await regulatorGet<{ code: string }>(api, null, number, endpoint, {}, 401);
      expect(anonymous.code).toBe('UNAUTHENTICATED');
      const unknown = await regulatorGet<{ code: string }>(api, regulator, UNKNOWN, endpoint, {}, 404);
      expect(unknown.code).toBe('NOT_FOUND');
    }
    await api
      .http()
      .get('/api/v1/regulator/signing-key')
      .set(...as(staff.registry))
      .expect(403);
    await api.http().get('/api/v1/regulator/signing-key').expect(401);
  });

  it('every regulator read is recorded: who, when, which certificate, what was asked', async () => {
    const before = (await recordedReads(api)).length;
    api.clock.set('2026-11-02T01:00:00.000Z');
    await stateAt('2027-01-01T00:00:00Z');
    await regulatorGet(api, staff.decider, number, 'timeline', {}, 403);
    const reads = await recordedReads(api);
    // One more: the refused call never reached the endpoint.
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      streamId: `regulator-reads-${number}`,
      type: 'RegulatorRead',
      data: { certificateNumber: number, endpoint: 'state', query: { at: '2027-01-01T00:00:00Z' } },
      metadata: { actor: { id: regulator.id, role: 'REGULATOR' }, occurredAt: '2026-11-02T01:00:00.000Z' },
    });
    // Everything read in this file so far, the 404s included (a look-up of an unknown number is a read too).
    const endpoints = new Set(reads.map((r) => r.data.endpoint));
    expect([...endpoints].sort()).toEqual([
      'export',
      'history',
      'replay',
      'state',
      'timeline',
      'verification',
    ]);
    expect(reads.some((r) => r.data.certificateNumber === UNKNOWN)).toBe(true);
    expect(reads.every((r) => r.metadata.actor.id === regulator.id)).toBe(true);
  });
});
