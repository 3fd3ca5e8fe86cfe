import { certificateDecider, certificateStreamName, fold, type CertificateEvent } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { annexA, completeMaterials } from '@app/testing';
import { as, startApi, type Api } from './api-harness';
import { createStaff, grantedCertificate, reviewedAudit, type Staff } from './granted-certificate';

type Answer = {
  status: number;
  body: { revision?: number; code?: string; events?: { id: string; type: string }[] };
};

describe('concurrency and idempotency over HTTP', () => {
  let api: Api;
  let staff: Staff;
  let store: EventStore;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
    store = api.app.get<EventStore>(EVENT_STORE);
  });

  afterAll(() => api.close());

  const change = (number: string, after: string, headers: Record<string, string> = {}) =>
    api
      .http()
      .post(`/api/v1/certificates/${number}/change`)
      .set(...as(staff.registry))
      .set(headers)
      .send({ field: 'SCOPE', after, reason: 'scope extended' });

  it('two requests with the same If-Match: exactly one succeeds, the other gets 412', async () => {
    const number = await grantedCertificate(api, staff);
    const { headers } = await api
      .http()
      .get(`/api/v1/certificates/${number}`)
      .set(...as(staff.registry))
      .expect(200);
    const [a, b] = await Promise.all([
      change(number, 'scope A', { 'If-Match': headers.etag as string }),
      change(number, 'scope B', { 'If-Match': headers.etag as string }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect([a, b].find((r) => r.status === 412)!.body).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const winner = [a, b].find((r) => r.status === 200)!;
    expect(winner.headers.etag).toBe(`"${(winner.body as { revision: number }).revision}"`);
  });

  it('50 parallel conflicting commands leave a stream whose fold equals the accepted responses', async () => {
    const number = await grantedCertificate(api, staff);
    const streamId = certificateStreamName(number);
    const before = await store.readStream(streamId);
    const answers: Answer[] = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? change(number, `scope ${i}`)
          : api
              .http()
              .post(`/api/v1/certificates/${number}/reissue`)
              .set(...as(staff.registry))
              .send({ reason: 'LOST', note: `request ${i}` }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 200);
    // Conflicts beyond the bounded retries are answered, never lost or half-applied.
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer).toMatchObject({ status: 409, body: { code: 'CONCURRENCY_CONFLICT' } });
    }
    expect(accepted.length).toBeGreaterThan(0);

    const after = await store.readStream(streamId);
    const appended = after.slice(before.length);
    // The new events are exactly the accepted responses' events, each at the revision its response reported.
    const byRevision = [...accepted].sort((x, y) => x.body.revision! - y.body.revision!);
    expect(appended.map((e) => e.id)).toEqual(byRevision.flatMap((a) => a.body.events!.map((e) => e.id)));
    expect(byRevision.map((a) => a.body.revision)).toEqual(appended.map((e) => e.streamRevision));
    const state = fold(
      certificateDecider.evolve,
      certificateDecider.initialState,
      after.map((e) => ({ type: e.type, data: e.data }) as unknown as CertificateEvent),
    );
    expect(state).toMatchObject({ documentRevision: 1 + accepted.length });
  });

  it('a repeated Idempotency-Key yields one effect and the same response', async () => {
    const submit = () =>
      api
        .http()
        .post('/api/v1/applications')
        .set(...as(staff.intake))
        .set('Idempotency-Key', 'submit-zhifu-2026-001')
        .send({ kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() });
    const [first, concurrent] = await Promise.all([submit(), submit()]);
    const again = await submit();
    expect(first.status).toBe(201);
    for (const answer of [concurrent, again]) {
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual(first.body);
    }
    const events = await store.readStream(`application-${(first.body as { id: string }).id}`);
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted']);
  });

  it('a repeated Idempotency-Key on a grant issues one certificate with one number', async () => {
    const auditId = await reviewedAudit(api, staff);
    const decide = () =>
      api
        .http()
        .post(`/api/v1/audits/${auditId}/decide`)
        .set(...as(staff.decider))
        .set('Idempotency-Key', `grant-${auditId}`)
        .send({ outcome: 'GRANT', reasons: [], scope: '智能客户服务' });
    const first = await decide();
    const again = await decide();
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const number = (first.body as { created: { certificateNumber: string } }).created.certificateNumber;
    const certificate = await store.readStream(certificateStreamName(number));
    expect(certificate.map((e) => e.type)).toEqual(['CertificateIssued']);
  });

  it('certificate numbers stay unique and sequential when grants run concurrently', async () => {
    const audits: string[] = [];
    for (let i = 0; i < 5; i++) audits.push(await reviewedAudit(api, staff));
    const answers = await Promise.all(
      audits.map((auditId) =>
        api
          .http()
          .post(`/api/v1/audits/${auditId}/decide`)
          .set(...as(staff.decider))
          .send({ outcome: 'GRANT', reasons: [], scope: '智能客户服务' }),
      ),
    );
    const numbers = answers.map(
      (a) => (a.body as { created: { certificateNumber: string } }).created.certificateNumber,
    );
    const sequences = numbers.map((n) => Number(n.slice(-5))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    // Consecutive: no gaps, no duplicates, whatever the interleaving.
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0] + i));
  });
});
