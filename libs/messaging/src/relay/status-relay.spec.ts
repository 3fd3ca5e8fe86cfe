import { SqliteEventStore, serializePosition } from '@app/event-store';
import { SqliteCheckpointStore } from '@app/event-store/checkpoints';
import { RELAY_CHECKPOINT, StatusRelay } from './status-relay';
import { FakePublisher } from './testing/fake-publisher';
import {
  appendStory,
  bodyOf,
  quietLogger,
  testMapper,
  waitForState,
  waitUntil,
} from './testing/relay-fixtures';

describe('StatusRelay (in-memory store, fake broker)', () => {
  let store: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;
  let publisher: FakePublisher;
  const relays: StatusRelay[] = [];

  const relay = (batchSize = 3): StatusRelay => {
    const created = new StatusRelay({
      eventStore: store,
      checkpoints,
      publisher,
      map: testMapper,
      logger: quietLogger,
      batchSize,
      backoff: { initialMs: 10, maxMs: 50 },
    });
    relays.push(created);
    return created;
  };

  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
    checkpoints = new SqliteCheckpointStore(store);
    publisher = new FakePublisher();
  });

  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await store.close();
  });

  it('relays every certificate event in store order, skipping other streams, and checkpoints the head', async () => {
    await appendStory(store, 'CMM-2026-0001', 'Acme', ['Acme Ltd']);
    await store.append(
      'application-1',
      [
        {
          id: 'a0000000-0000-4000-8000-000000000001',
          type: 'ApplicationSubmitted',
          data: {},
          metadata: {
            actor: { id: 'u', role: 'APPLICANT' },
            occurredAt: '2026-03-01T00:00:00.000Z',
            correlationId: 'c',
            causationId: null,
            schemeVersion: null,
          },
        },
      ],
      'no_stream',
    );
    await appendStory(store, 'CMM-2026-0002', 'Beta', ['Beta Co', 'Beta Group']);
    const r = relay();
    r.start();
    await waitForState(r, 'live');
    expect(publisher.acknowledged.map((m) => [m.key, bodyOf(m).revision])).toEqual([
      ['CMM-2026-0001', 0],
      ['CMM-2026-0001', 1],
      ['CMM-2026-0002', 0],
      ['CMM-2026-0002', 1],
      ['CMM-2026-0002', 2],
    ]);
    expect(publisher.acknowledged.map((m) => bodyOf(m).holderName)).toEqual([
      'Acme',
      'Acme Ltd',
      'Beta',
      'Beta Co',
      'Beta Group',
    ]);
    const [last] = await store.readAll({
      direction: 'backwards',
      maxCount: 1,
      filter: { streamPrefixes: ['certificate-'] },
    });
    expect((await checkpoints.load(RELAY_CHECKPOINT))?.position).toEqual(last.globalPosition);
    expect(await r.status()).toMatchObject({ state: 'live', lag: 0, retries: 0, lastError: null });
  });

  it('stores the checkpoint only after the broker acknowledged the batch', async () => {
    const r = relay();
    r.start();
    await waitForState(r, 'live');
    publisher.hold();
    await appendStory(store, 'CMM-2026-0003', 'Gamma');
    await waitUntil(() => publisher.pendingSends === 1);
    expect(await checkpoints.load(RELAY_CHECKPOINT)).toBeNull();
    expect((await r.status()).lag).toBe(1);
    publisher.release();
    const head = (await store.headPosition())!;
    await waitUntil(async () => (await r.status()).checkpoint === serializePosition(head));
    expect((await checkpoints.load(RELAY_CHECKPOINT))?.position).toEqual(head);
    expect((await r.status()).lag).toBe(0);
  });

  it('retries with backoff while the broker is unreachable, then delivers everything', async () => {
    await appendStory(store, 'CMM-2026-0004', 'Delta', ['Delta 2']);
    publisher.failuresLeft = 3;
    const r = relay();
    r.start();
    await waitUntil(async () => (await r.status()).retries >= 2);
    expect(await r.status()).toMatchObject({ state: 'retrying', lastError: 'broker unreachable (fake)' });
    expect(await checkpoints.load(RELAY_CHECKPOINT)).toBeNull();
    await waitForState(r, 'live');
    expect(publisher.acknowledged).toHaveLength(2);
    expect((await r.status()).retries).toBe(0);
  });

  it('resumes from the checkpoint after a restart without repeats, knowing the holder name from the stream', async () => {
    await appendStory(store, 'CMM-2026-0005', 'Epsilon', ['Epsilon Renamed']);
    const first = relay();
    first.start();
    await waitForState(first, 'live');
    await first.stop();
    expect(publisher.acknowledged).toHaveLength(2);
    await store.append(
      'certificate-CMM-2026-0005',
      [
        {
          id: 'e5a7a5b0-0000-4000-8000-000000000005',
          type: 'CertificateSuspended',
          data: { statusBefore: 'VALID', statusAfter: 'SUSPENDED' },
          metadata: {
            actor: { id: 'u', role: 'REGISTRY_OFFICER' },
            occurredAt: '2026-03-02T00:00:00.000Z',
            correlationId: 'c',
            causationId: null,
            schemeVersion: 'V1.0',
          },
        },
      ],
      'any',
    );
    const second = relay();
    second.start();
    await waitForState(second, 'live');
    expect(publisher.acknowledged.map((m) => m.headers.ce_type)).toEqual([
      'CertificateIssued',
      'CertificateChanged',
      'CertificateSuspended',
    ]);
    expect(bodyOf(publisher.acknowledged[2]).holderName).toBe('Epsilon Renamed');
  });
});
