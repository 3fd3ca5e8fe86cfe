import { SqliteEventStore, serializePosition } from '@app/event-store';
import { SqliteCheckpointStore, type CheckpointStore } from '@app/event-store/checkpoints';
import { RELAY_CHECKPOINT, StatusRelay, type StatusMessageMapper } from './status-relay';
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
  let checkpoints: CheckpointStore;
  let publisher: FakePublisher;
  const relays: StatusRelay[] = [];

  const relay = (batchSize = 3, map: StatusMessageMapper = testMapper): StatusRelay => {
    const created = new StatusRelay({
      eventStore: store,
      checkpoints,
      publisher,
      map,
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
    // Catch-up sends full batches (the application event is read past, not sent), then the rest.
    expect(publisher.batches.map((batch) => batch.length)).toEqual([3, 2]);
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

  /** The test mapper, counting the events the relay has read. */
  const countingMapper = (): { map: StatusMessageMapper; read: () => number } => {
    let read = 0;
    return {
      map: (event, facts) => {
        read += 1;
        return testMapper(event, facts);
      },
      read: () => read,
    };
  };

  it('sends the events appended during an in-flight send together in the next send, in log order', async () => {
    const counting = countingMapper();
    const r = relay(100, counting.map);
    r.start();
    await waitForState(r, 'live');
    publisher.hold();
    await appendStory(store, 'CMM-2026-0006', 'Zeta');
    await waitUntil(() => publisher.pendingSends === 1);
    await appendStory(store, 'CMM-2026-0007', 'Eta', ['Eta 2']);
    await appendStory(store, 'CMM-2026-0006', 'Zeta again');
    await waitUntil(() => counting.read() === 4);
    expect(publisher.pendingSends).toBe(1);
    publisher.release();
    const head = (await store.headPosition())!;
    await waitUntil(async () => (await r.status()).lag === 0);
    expect(publisher.batches.map((batch) => batch.map((m) => [m.key, bodyOf(m).holderName]))).toEqual([
      [['CMM-2026-0006', 'Zeta']],
      [
        ['CMM-2026-0007', 'Eta'],
        ['CMM-2026-0007', 'Eta 2'],
        ['CMM-2026-0006', 'Zeta again'],
      ],
    ]);
    expect((await checkpoints.load(RELAY_CHECKPOINT))?.position.commit).toBeGreaterThanOrEqual(head.commit);
  });

  it('does not advance the checkpoint past a batch the broker failed mid-way; sends it again, in order', async () => {
    const saved: bigint[] = [];
    const stored = checkpoints;
    checkpoints = {
      load: (name) => stored.load(name),
      save: (name, position, expected) => {
        saved.push(position.commit);
        return stored.save(name, position, expected);
      },
    };
    const counting = countingMapper();
    const r = relay(100, counting.map);
    r.start();
    await waitForState(r, 'live');
    publisher.hold();
    await appendStory(store, 'CMM-2026-0008', 'Theta');
    await waitUntil(() => publisher.pendingSends === 1);
    publisher.partialFailure = 2;
    await appendStory(store, 'CMM-2026-0009', 'Iota', ['Iota 2', 'Iota 3']);
    await waitUntil(() => counting.read() === 4);
    publisher.release();
    await waitUntil(async () => {
      const status = await r.status();
      return status.state === 'live' && status.lag === 0 && publisher.acknowledged.length === 4;
    });
    const events = await store.readAll({ filter: { streamPrefixes: ['certificate-'] } });
    const ids = events.map((event) => event.id);
    // The first two of the failed batch reached the broker, then all of it again from the checkpoint.
    expect(publisher.delivered.map((m) => m.headers.ce_id)).toEqual([
      ids[0],
      ids[1],
      ids[2],
      ...ids.slice(1),
    ]);
    expect(publisher.acknowledged.map((m) => m.headers.ce_id)).toEqual(ids);
    // Stored after the first send, then only once the resent batch was acknowledged.
    expect(saved[0]).toBe(events[0].globalPosition.commit);
    expect(saved.slice(1).every((commit) => commit >= events[3].globalPosition.commit)).toBe(true);
  });
});
