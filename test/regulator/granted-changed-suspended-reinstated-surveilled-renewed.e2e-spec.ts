/**
 * Issue #10, golden history 1 — granted → changed → suspended → reinstated → surveilled → renewed, replayed by a
 * regulator. The file is driven over HTTP on a manual clock (each step at 10:00 Beijing time, 02:00Z), then the
 * regulator endpoints answer from the events alone: the history in log order, the status timeline, and the state
 * (certificate, open audits and nonconformities, public registry entry) at several past moments.
 */
import type {
  CertificateTimeline,
  HistoryPage,
  PointInTimeState as State,
  VerificationReport,
} from '@app/certification';
import type { TestUser } from '../e2e/api-harness';
import { as, startApi, type Api } from '../e2e/api-harness';
import { createStaff, type Staff } from '../e2e/granted-certificate';
import { maintainedSurveillance, post, read } from '../story/timers/timer-story';
import {
  at,
  initialCertification,
  kindsAndTypes,
  recertification,
  recordedReads,
  regulatorGet,
  verifyNonconformity,
  type InitialCertification,
} from './regulator-story';

const SCHEME = 'CMM-525-0002@V1.0';
const OLD_ADDRESS = '福建省福州市鼓楼区五四路 100 号';
const NEW_ADDRESS = '福建省福州市台江区江滨中大道 8 号';

describe('golden history: granted → changed → suspended → reinstated → surveilled → renewed', () => {
  let api: Api;
  let staff: Staff;
  let regulator: TestUser;
  let file: InitialCertification;
  let number: string;
  let surveillanceId: string;
  let renewal: { applicationId: string; auditId: string };
  let registryToday: Record<string, unknown>;

  beforeAll(async () => {
    api = await startApi('2026-05-04T02:00:00.000Z');
    staff = await createStaff(api);
    regulator = await api.user('regulator', ['REGULATOR']);
  });

  afterAll(() => api.close());

  const history = (query: Record<string, string | number> = {}) =>
    regulatorGet<HistoryPage>(api, regulator, number, 'history', { pageSize: 500, ...query });
  const stateAt = (moment: string) => regulatorGet<State>(api, regulator, number, 'state', { at: moment });
  const decider = () => ({ id: staff.decider.id, role: 'DECISION_MAKER' });

  it('given the file driven over HTTP from the application (2026-05-04) to the renewal (2029-05-14)', async () => {
    file = await initialCertification(api, staff);
    number = file.number;
    // The first certificate of 2026 under the scheme's format CMM-ICS-{year}-{seq:5}.
    expect(number).toBe('CMM-ICS-2026-00001');
    await verifyNonconformity(api, staff, file, '2026-06-20');
    await post(api, staff.registry, '2026-07-15', `/certificates/${number}/change`, {
      field: 'ADDRESS',
      after: NEW_ADDRESS,
      reason: '办公地址迁移',
    });
    // The suspension is sent with its own correlation id, to find it again in the history.
    api.clock.set(at('2026-09-01'));
    await api
      .http()
      .post(`/api/v1/certificates/${number}/suspend`)
      .set(...as(staff.decider))
      .set('X-Correlation-Id', 'suspension-2026-09-01')
      .send({
        ground: 'MAJOR_CHANGE_NOT_REPORTED',
        reason: '服务中心迁址未报告',
        correctionsRequired: ['报告迁址及其对服务的影响'],
        deadline: '2026-12-31',
      })
      .expect(200);
    await post(api, staff.decider, '2026-10-15', `/certificates/${number}/reinstate`, {
      verification: { kind: 'REVIEW', reference: 'REV-2026-031' },
      reason: '整改已验证',
    });
    surveillanceId = await maintainedSurveillance(
      api,
      staff,
      number,
      '2027-05-10',
      '2027-05-12',
      '2027-05-17',
    );
    renewal = await recertification(api, staff, number, {
      appliedOn: '2029-03-01',
      auditFrom: '2029-04-09',
      auditTo: '2029-04-11',
      reviewedOn: '2029-04-16',
      decidedOn: '2029-05-14',
    });
    // What the public registry (read model) shows now, to compare with the replay below. Read before any regulator
    // read: those are appended to the log too, and the read side only settles on domain events.
    registryToday = await read(api, `/registry/certificates/${number}`);
  });

  it('history: every event of the certificate, its two applications and three audits, in log order', async () => {
    const page = await history();
    // 2 + 13 + 6 + 8 + 2 + 9 = 40 events in six streams, listed in the order of their first event.
    expect(page.streams.map((s) => [s.kind, s.events])).toEqual([
      ['application', 2], // initial application: submitted, accepted
      ['audit', 13], // initial audit, from scheduling to the nonconformity verified after the grant
      ['certificate', 6], // issued, changed, suspended, reinstated, surveillance recorded, renewed
      ['audit', 8], // surveillance audit 2027
      ['application', 2], // recertification application 2029
      ['audit', 9], // recertification audit 2029
    ]);
    expect(page.total).toBe(40);
    expect(kindsAndTypes(page.items)).toEqual([
      'application:ApplicationSubmitted', // 2026-05-04
      'application:ApplicationAccepted', // 2026-05-06
      'audit:AuditScheduled', // 2026-05-07
      'audit:AuditTeamAssigned',
      'audit:AuditStarted', // 2026-05-18
      'audit:NonconformityRaised', // 2026-05-19
      'audit:ScoresRecorded', // 2026-05-20
      'audit:AuditReportCompleted',
      'audit:NonconformityResponded', // 2026-05-22
      'audit:NonconformityResponseAccepted', // 2026-05-25
      'audit:TechnicalReviewStarted', // 2026-05-27
      'audit:TechnicalReviewCompleted',
      'audit:CertificationDecided', // 2026-06-01: GRANT …
      'certificate:CertificateIssued', // … which issues the certificate in the same request
      'audit:DecisionNoticeRecorded',
      'audit:NonconformityVerified', // 2026-06-20
      'certificate:CertificateChanged', // 2026-07-15
      'certificate:CertificateSuspended', // 2026-09-01
      'certificate:CertificateReinstated', // 2026-10-15
      'audit:AuditScheduled', // 2027-05-10, surveillance
      'audit:AuditTeamAssigned',
      'audit:AuditStarted',
      'audit:AuditReportCompleted',
      'audit:TechnicalReviewStarted', // 2027-05-12
      'audit:TechnicalReviewCompleted',
      'audit:CertificationDecided', // 2027-05-17: MAINTAIN …
      'certificate:SurveillanceRecorded', // … and its B.4 record
      'audit:DecisionNoticeRecorded',
      'application:ApplicationSubmitted', // 2029-03-01, recertification
      'application:ApplicationAccepted',
      'audit:AuditScheduled',
      'audit:AuditTeamAssigned',
      'audit:AuditStarted', // 2029-04-09
      'audit:ScoresRecorded', // 2029-04-11
      'audit:AuditReportCompleted',
      'audit:TechnicalReviewStarted', // 2029-04-16
      'audit:TechnicalReviewCompleted',
      'audit:CertificationDecided', // 2029-05-14: GRANT …
      'certificate:CertificateRenewed', // … which renews the certificate
      'audit:DecisionNoticeRecorded',
    ]);
    // Log order: positions strictly ascending; within each stream, revisions 0, 1, 2 … without a gap.
    const positions = page.items.map((item) => Number(item.position.split('/')[0]));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    for (const stream of page.streams) {
      const revisions = page.items.filter((i) => i.streamId === stream.streamId).map((i) => i.streamRevision);
      expect(revisions).toEqual([...Array(stream.events).keys()]);
    }
    // Every occurredAt is the manual clock's 10:00 Beijing time of its day, never going back.
    const times = page.items.map((item) => item.occurredAt);
    expect([...times].sort()).toEqual(times);
  });

  it('history: each entry names its actor and role, reason, approver, scheme version, correlation and causation', async () => {
    const { items } = await history();
    const suspension = items.find((item) => item.type === 'CertificateSuspended')!;
    expect(suspension).toMatchObject({
      streamId: `certificate-${number}`,
      streamRevision: 2, // issued 0, changed 1, suspended 2
      occurredAt: '2026-09-01T02:00:00.000Z',
      actor: decider(),
      reasonCode: 'MAJOR_CHANGE_NOT_REPORTED', // the ground (R-CERT-5)
      reason: '服务中心迁址未报告',
      approver: decider(), // Annex B.3 变更批准人 (R-ACT-1)
      // The envelope of a suspension carries no scheme version: the certificate's stream runs under V1.0.
      schemeVersion: SCHEME,
      schemeVersionSource: 'stream',
      correlationId: 'suspension-2026-09-01', // the request's X-Correlation-Id
      causationId: null, // a direct command, not a consequence
    });
    expect(suspension.hash).toMatch(/^[0-9a-f]{64}$/);

    // The GRANT and the issue it caused: one request (same correlation), the issue caused by the decision event.
    const decided = items.find((item) => item.type === 'CertificationDecided')!;
    const issued = items.find((item) => item.type === 'CertificateIssued')!;
    expect(decided).toMatchObject({
      reasonCode: 'GRANT',
      approver: decider(),
      schemeVersionSource: 'envelope',
    });
    expect(issued).toMatchObject({
      reasonCode: 'GRANT',
      approver: decider(),
      schemeVersion: SCHEME,
      correlationId: decided.correlationId,
      causationId: decided.eventId,
    });
    expect(issued.data).toMatchObject({ number, expiryDate: '2029-06-01', holder: { address: OLD_ADDRESS } });

    const change = items.find((item) => item.type === 'CertificateChanged')!;
    expect(change).toMatchObject({
      actor: { id: staff.registry.id, role: 'REGISTRY_OFFICER' },
      approver: { id: staff.registry.id, role: 'REGISTRY_OFFICER' },
      reason: '办公地址迁移',
      data: { field: 'ADDRESS', before: OLD_ADDRESS, after: NEW_ADDRESS },
    });
    const review = items.find((item) => item.type === 'TechnicalReviewCompleted')!;
    expect(review).toMatchObject({
      reasonCode: 'APPROVE',
      approver: { id: staff.reviewer.id, role: 'TECHNICAL_REVIEWER' },
    });
  });

  it('history: filters by time range and event type, and pages through long histories', async () => {
    const types = (page: HistoryPage) => page.items.map((item) => item.type);
    const statusChanges = await history({ types: 'CertificateSuspended,CertificateReinstated' });
    expect(statusChanges.total).toBe(2);
    expect(statusChanges.items.map((i) => [i.type, i.occurredAt.slice(0, 10)])).toEqual([
      ['CertificateSuspended', '2026-09-01'],
      ['CertificateReinstated', '2026-10-15'],
    ]);
    // The second half of 2026: the change, the suspension and the reinstatement; the verification on 06-20 is before.
    expect(
      types(await history({ from: '2026-07-01T00:00:00+08:00', to: '2026-12-31T23:59:59+08:00' })),
    ).toEqual(['CertificateChanged', 'CertificateSuspended', 'CertificateReinstated']);
    // Both ends are inclusive: from = to = the instant of the renewal decision gives its 3 events.
    expect(types(await history({ from: at('2029-05-14'), to: at('2029-05-14') }))).toEqual([
      'CertificationDecided',
      'CertificateRenewed',
      'DecisionNoticeRecorded',
    ]);
    // 40 entries in pages of 15: 15 + 15 + 10; page 3 starts at entry 31, the recertification's AuditScheduled.
    const third = await history({ pageSize: 15, page: 3 });
    expect(third).toMatchObject({ page: 3, pageSize: 15, total: 40 });
    expect(third.items).toHaveLength(10);
    expect(third.items[0]).toMatchObject({ type: 'AuditScheduled', streamId: `audit-${renewal.auditId}` });
    const all = await history();
    const paged = [1, 2, 3].map((page) => history({ pageSize: 15, page }));
    expect((await Promise.all(paged)).flatMap((p) => p.items)).toEqual(all.items);
  });

  it('timeline: valid → suspended → valid again, with the reasons that began and ended each interval', async () => {
    const timeline = await regulatorGet<CertificateTimeline>(api, regulator, number, 'timeline');
    expect(timeline.status).toBe('VALID');
    expect(timeline.intervals.map((i) => [i.status, i.fromDate, i.toDate])).toEqual([
      ['VALID', '2026-06-01', '2026-09-01'],
      // 2026-09-01 → 2026-10-15: suspended 44 days, within its deadline 2026-12-31 (R-CERT-6).
      ['SUSPENDED', '2026-09-01', '2026-10-15'],
      ['VALID', '2026-10-15', null],
    ]);
    const [granted, suspended, reinstated] = timeline.intervals;
    expect(granted.start).toMatchObject({
      eventType: 'CertificateIssued',
      reasonCode: 'GRANT',
      approver: decider(),
      // R-CERT-2: 3 years from the decision 2026-06-01.
      summary: 'valid 2026-06-01 – 2029-06-01',
    });
    expect(granted.events).toEqual([
      expect.objectContaining({
        eventType: 'CertificateChanged',
        date: '2026-07-15',
        summary: `ADDRESS: ${OLD_ADDRESS} → ${NEW_ADDRESS}`,
      }),
    ]);
    expect(suspended.start).toMatchObject({
      eventType: 'CertificateSuspended',
      reasonCode: 'MAJOR_CHANGE_NOT_REPORTED',
      reason: '服务中心迁址未报告',
      summary: 'correct by 2026-12-31',
    });
    expect(suspended.end).toEqual(reinstated.start);
    expect(reinstated.start).toMatchObject({
      eventType: 'CertificateReinstated',
      reason: '整改已验证',
      summary: 'verified by REVIEW REV-2026-031',
    });
    expect(reinstated.end).toBeNull();
    expect(reinstated.events.map((e) => [e.eventType, e.date, e.summary])).toEqual([
      ['SurveillanceRecorded', '2027-05-17', 'SURVEILLANCE decided 2027-05-17: MAINTAIN'],
      // R-CERT-9: the old expiry + 3 years.
      ['CertificateRenewed', '2029-05-14', 'expiry 2029-06-01 → 2032-06-01'],
    ]);
  });

  it('state before anything happened: no certificate, no registry entry, nothing open', async () => {
    const state = await stateAt('2026-05-01T00:00:00Z');
    expect(state).toMatchObject({
      asOf: { events: 0, lastPosition: null },
      certificate: { revision: null, state: { status: 'NONE' } },
      // What the public registry answered: "not found" (R-REG-3).
      registryEntry: null,
      applications: [],
      openAudits: [],
      openNonconformities: [],
    });
  });

  it('state during the initial audit (2026-05-21): the audit reported, its nonconformity open, no certificate yet', async () => {
    const state = await stateAt('2026-05-21T00:00:00Z');
    // Folded: 2 application events + 6 audit events (scheduled … report completed on 05-20).
    expect(state.asOf.events).toBe(8);
    expect(state.certificate).toEqual({ revision: null, state: { status: 'NONE' } });
    expect(state.registryEntry).toBeNull();
    expect(state.applications).toEqual([
      { applicationId: file.applicationId, revision: 1, kind: 'INITIAL', status: 'ACCEPTED' },
    ]);
    expect(state.openAudits).toEqual([
      {
        auditId: file.auditId,
        revision: 5,
        type: 'INITIAL',
        status: 'REPORTED',
        subject: { kind: 'APPLICATION', applicationId: file.applicationId, applicationStatus: 'ACCEPTED' },
        schemeVersion: SCHEME,
        plannedStartDate: '2026-05-18',
        plannedEndDate: '2026-05-20',
        leadAuditor: { id: staff.lead.id, role: 'AUDITOR' },
      },
    ]);
    expect(state.openNonconformities).toEqual([
      {
        auditId: file.auditId,
        nonconformityId: file.nonconformityId,
        grade: 'MINOR',
        clause: '11.3',
        // R-AUD-3 default: 90 days after 2026-05-19 = 12 (May) + 30 (June) + 31 (July) + 17 = 2026-08-17.
        dueDate: '2026-08-17',
        status: 'OPEN',
      },
    ]);
  });

  it('state on 2026-06-10: granted and published; the audit closed, its MINOR nonconformity still to verify', async () => {
    const state = await stateAt('2026-06-10T00:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 0,
      state: { status: 'VALID', decisionDate: '2026-06-01', expiryDate: '2029-06-01', documentRevision: 1 },
    });
    expect(state.registryEntry).toMatchObject({
      number,
      status: 'VALID',
      iafStatus: 'active',
      validToday: true,
      holderAddress: OLD_ADDRESS,
      statusHistory: [{ date: '2026-06-01', before: 'NONE', after: 'VALID', reason: 'GRANT' }],
    });
    // The initial audit is NOTIFIED (closed), but its nonconformity was accepted, not yet verified (06-20).
    expect(state.openAudits).toEqual([]);
    expect(state.openNonconformities).toEqual([
      expect.objectContaining({ status: 'ACCEPTED', grade: 'MINOR' }),
    ]);
  });

  it('state on 2026-08-01: the address changed on the certificate and in the registry', async () => {
    const state = await stateAt('2026-08-01T00:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 1,
      state: { status: 'VALID', holder: { address: NEW_ADDRESS }, documentRevision: 2 },
    });
    expect(state.registryEntry).toMatchObject({
      holderAddress: NEW_ADDRESS,
      changeHistory: [
        {
          date: '2026-07-15',
          kind: 'CHANGE',
          field: 'ADDRESS',
          before: OLD_ADDRESS,
          after: NEW_ADDRESS,
          reason: '办公地址迁移',
        },
      ],
    });
    expect(state.openNonconformities).toEqual([]);
  });

  it('state around the suspension: valid one millisecond before 2026-09-01 10:00, suspended from that instant', async () => {
    const before = await stateAt('2026-09-01T01:59:59.999Z');
    expect(before.certificate.state.status).toBe('VALID');
    // The same instant written in Beijing time: events with occurredAt ≤ at are folded.
    const atSuspension = await stateAt('2026-09-01T10:00:00+08:00');
    expect(atSuspension.certificate).toMatchObject({
      revision: 2,
      state: {
        status: 'SUSPENDED',
        statusChangedOn: '2026-09-01',
        suspension: { ground: 'MAJOR_CHANGE_NOT_REPORTED', deadline: '2026-12-31', since: '2026-09-01' },
      },
    });
    expect(atSuspension.registryEntry).toMatchObject({
      status: 'SUSPENDED',
      iafStatus: 'suspended',
      validToday: false, // R-CERT-5: a suspended certificate is not valid, and the registry says so
      suspension: { since: '2026-09-01', deadline: '2026-12-31', reason: '服务中心迁址未报告' },
    });
  });

  it('state on 2027-05-13: reinstated, and the surveillance audit reviewed but not yet decided', async () => {
    const state = await stateAt('2027-05-13T00:00:00Z');
    expect(state.certificate).toMatchObject({ revision: 3, state: { status: 'VALID', suspension: null } });
    expect(state.registryEntry).toMatchObject({ status: 'VALID', validToday: true });
    expect(state.openAudits).toEqual([
      expect.objectContaining({
        auditId: surveillanceId,
        type: 'SURVEILLANCE',
        status: 'REVIEWED',
        subject: { kind: 'CERTIFICATE', certificateNumber: number, certificateStatus: 'VALID' },
      }),
    ]);
  });

  it('state on 2029-06-01, the old expiry date: renewed until 2032-06-01, and the same as the registry shows now', async () => {
    const state = await stateAt('2029-06-01T00:00:00Z');
    expect(state.certificate).toMatchObject({
      revision: 5,
      state: {
        status: 'VALID',
        decisionDate: '2029-05-14',
        // R-CERT-9: 2029-06-01 + 3 years.
        expiryDate: '2032-06-01',
        // 1 at issue, 2 after the change, 3 after the renewal.
        documentRevision: 3,
        lastSurveillanceDate: null, // a new term starts (R-TIME-2)
      },
    });
    expect(state.applications.map((a) => [a.kind, a.status])).toEqual([
      ['INITIAL', 'ACCEPTED'],
      ['RECERTIFICATION', 'ACCEPTED'],
    ]);
    expect(state.openAudits).toEqual([]);
    // Folding the registry projection over the events up to now gives what the read model holds (the clock stands
    // on 2029-05-14, the renewal's day: nothing happened since).
    const now = await regulatorGet<State>(api, regulator, number, 'state');
    expect(now.registryEntry).toEqual(registryToday);
    expect(state.registryEntry).toEqual({ ...registryToday, validToday: true });
  });

  it('verification: every stream of the file verifies; its head hash is the last event’s link', async () => {
    const report = await regulatorGet<VerificationReport>(api, regulator, number, 'verification');
    const { items, streams } = await history();
    expect(report.valid).toBe(true);
    expect(report.streams.map((s) => [s.streamId, s.events, s.valid])).toEqual(
      streams.map((s) => [s.streamId, s.events, true]),
    );
    for (const stream of report.streams) {
      const last = items.filter((item) => item.streamId === stream.streamId).at(-1)!;
      expect([stream.headRevision, stream.headHash]).toEqual([last.streamRevision, last.hash]);
    }
  });

  it('only a REGULATOR may read, and each read is recorded', async () => {
    const before = (await recordedReads(api)).length;
    await regulatorGet(api, staff.registry, number, 'history', {}, 403);
    await regulatorGet(api, null, number, 'verification', {}, 401);
    await regulatorGet(api, regulator, number, 'timeline');
    const reads = await recordedReads(api);
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      data: { certificateNumber: number, endpoint: 'timeline', query: {} },
      metadata: { actor: { id: regulator.id, role: 'REGULATOR' } },
    });
  });
});
