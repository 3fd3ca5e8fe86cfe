import { randomUUID } from 'node:crypto';
import {
  isCaughtUp,
  SqliteEventStore,
  StoreUnavailableError,
  UpcasterRegistry,
  verifyStoredStream,
  verifyStream,
} from '@app/event-store';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '@app/event-store';
import { EsdbCheckpointStore, EsdbEventStore } from '@app/event-store/esdb';
import type { EsdbLogger } from '@app/event-store/esdb';
import { describeCheckpointStoreContract } from '@app/testing/checkpoint-store-contract';
import { anEvent, describeEventStoreContract, readerOf } from '@app/testing/event-store-contract';
import { startEsdbTestServer } from '../esdb-test-server';
import type { EsdbTestServer } from '../esdb-test-server';

const quiet = { subscription: { initialBackoffMs: 20, maxBackoffMs: 200 } };

describeEventStoreContract('EventStoreDB adapter, in-repo gRPC test server', async () => {
  const server = await startEsdbTestServer();
  const store = await EsdbEventStore.connect({ connectionString: server.connectionString, ...quiet });
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.stop();
    },
  };
});

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  describeEventStoreContract('EventStoreDB adapter, real server (EVENTSTORE_CONNECTION_STRING)', async () => {
    const store = await EsdbEventStore.connect({ connectionString: realServer });
    return { store, dispose: () => store.close() };
  });
  describeCheckpointStoreContract('EventStoreDB, real server', async () => {
    const store = await EsdbEventStore.connect({ connectionString: realServer });
    return { checkpoints: new EsdbCheckpointStore(store), dispose: () => store.close() };
  });
} else {
  const reason =
    'EVENTSTORE_CONNECTION_STRING is not set (e.g. esdb://admin:changeit@localhost:2113?tls=false with the ' +
    'eventstore service of docker/ running): the contract suite runs against the in-repo test server only';
  console.info(`Skipping the real-EventStoreDB contract run: ${reason}`);
  describe('EventStore contract: EventStoreDB adapter, real server', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
}

describe('EventStoreDB adapter on the test server', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const warnings: string[] = [];
  const logger: EsdbLogger = {
    log: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };

  beforeAll(async () => {
    server = await startEsdbTestServer();
    store = await EsdbEventStore.connect({ connectionString: server.connectionString, logger, ...quiet });
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  describeCheckpointStoreContract('EventStoreDB, test server', async () => ({
    checkpoints: new EsdbCheckpointStore(store),
    dispose: async () => undefined,
  }));

  it('seals the same history into the same hash chain as the SQLite adapter', async () => {
    const sqlite = SqliteEventStore.open({ path: ':memory:' });
    try {
      const streamId = `certificate-${randomUUID()}`;
      const batches: EventToAppend[][] = [
        [anEvent('ApplicationSubmitted', { scope: ['建设', 'ICS'] }), anEvent('ApplicationAccepted')],
        [{ ...anEvent('AuditPlanned', { day: 3 }), schemaVersion: 2 }],
        [anEvent('AuditCompleted', { findings: [] }), anEvent('CertificateGranted', { number: 'CMM-1' })],
      ];
      const expectations: ExpectedRevision[] = ['no_stream', 1, 'any'];
      for (const [index, batch] of batches.entries()) {
        await sqlite.append(streamId, batch, expectations[index]);
        await store.append(streamId, batch, expectations[index]);
      }
      const fromEsdb = await store.readStream(streamId, { raw: true });
      const fromSqlite = await sqlite.readStream(streamId, { raw: true });
      expect(fromEsdb).toHaveLength(5);
      expect(fromEsdb.map((event) => event.metadata)).toEqual(fromSqlite.map((event) => event.metadata));
      expect(fromEsdb.map((event) => [event.id, event.type, event.schemaVersion, event.data])).toEqual(
        fromSqlite.map((event) => [event.id, event.type, event.schemaVersion, event.data]),
      );
      const esdbVerification = verifyStream(fromEsdb, streamId);
      expect(esdbVerification).toEqual(verifyStream(fromSqlite, streamId));
      expect(esdbVerification.valid).toBe(true);
      expect(await verifyStoredStream(store, streamId)).toEqual(esdbVerification);
    } finally {
      await sqlite.close();
    }
  });

  it("never forks the chain: racing 'any' appends all land on one chain", async () => {
    const streamId = `race-any-${randomUUID()}`;
    await store.append(streamId, [anEvent('First')], 'no_stream');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) => store.append(streamId, [anEvent('Racer', { index })], 'any')),
    );
    expect(new Set(results.map((result) => result.nextExpectedRevision)).size).toBe(8);
    const verification = await verifyStoredStream(store, streamId);
    expect(verification).toMatchObject({ valid: true, eventCount: 9 });
  });

  it('upcasts on read but keeps the stored schema version for raw reads', async () => {
    const upcasters = new UpcasterRegistry().register('Renamed', 1, (data) => ({ newName: data.oldName }));
    const upcasting = await EsdbEventStore.connect({ connectionString: server.connectionString, upcasters });
    try {
      const streamId = `upcast-${randomUUID()}`;
      await upcasting.append(streamId, [anEvent('Renamed', { oldName: 'x' })], 'no_stream');
      const [read] = await upcasting.readStream(streamId);
      expect(read).toMatchObject({ schemaVersion: 2, data: { newName: 'x' } });
      const [raw] = await upcasting.readStream(streamId, { raw: true });
      expect(raw).toMatchObject({ schemaVersion: 1, data: { oldName: 'x' } });
      expect(raw.metadata).not.toHaveProperty('$schemaVersion');
      expect(upcasting.upcast(raw)).toMatchObject({ schemaVersion: 2, data: { newName: 'x' } });
    } finally {
      await upcasting.close();
    }
  });

  it('resumes a subscription dropped by the server without losing or repeating events', async () => {
    const prefix = `drop-${randomUUID()}`;
    const before = (await store.headPosition()) ?? undefined;
    const appended: string[] = [];
    const append = async (count: number, type: string): Promise<void> => {
      for (let index = 0; index < count; index++) {
        const event = anEvent(type, { index });
        appended.push(event.id);
        await store.append(`${prefix}-${index % 2}`, [event], 'any');
      }
    };
    await append(6, 'Before');
    const resubscriptionsBefore = store.resubscriptions;
    const subscription = store.subscribeToAll({ fromPosition: before, filter: { streamPrefixes: [prefix] } });
    try {
      const reader = readerOf(subscription);
      const received: RecordedEvent[] = [];
      const take = async (count: number): Promise<void> => {
        while (count > 0) {
          const message = await reader.next();
          if (isCaughtUp(message)) continue;
          received.push(message);
          count--;
        }
      };
      await take(2);
      server.dropSubscriptions(); // mid catch-up
      await append(3, 'AfterFirstDrop');
      await take(7);
      server.dropSubscriptions(); // live
      await append(3, 'AfterSecondDrop');
      await take(3);
      expect(received.map((event) => event.id)).toEqual(appended);
      expect(store.resubscriptions - resubscriptionsBefore).toBeGreaterThanOrEqual(2);
      expect(warnings.some((warning) => warning.includes('resubscribing'))).toBe(true);
    } finally {
      await subscription.close();
    }
  });

  it('signals caught-up once even across a drop', async () => {
    const prefix = `drop-caught-up-${randomUUID()}`;
    await store.append(`${prefix}-1`, [anEvent('One')], 'no_stream');
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
    try {
      const reader = readerOf(subscription);
      const first = await reader.untilCaughtUp();
      expect(first.events).toHaveLength(1);
      server.dropSubscriptions();
      await store.append(`${prefix}-1`, [anEvent('Two')], 0);
      expect(await reader.next()).toMatchObject({ type: 'Two', streamRevision: 1 });
    } finally {
      await subscription.close();
    }
  });

  it('caps a stream with setStreamMaxCount', async () => {
    const streamId = `capped-${randomUUID()}`;
    await store.append(streamId, [anEvent('A'), anEvent('B'), anEvent('C')], 'no_stream');
    await store.setStreamMaxCount(streamId, 1);
    const events = await store.readStream(streamId);
    expect(events.map((event) => [event.type, event.streamRevision])).toEqual([['C', 2]]);
    // The chain continues from the retained head.
    await store.append(streamId, [anEvent('D')], 2);
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1, raw: true });
    expect(last.metadata.prevHash).toBe(events[0].metadata.hash);
  });

  it('keeps checkpoints in capped checkpoint-<name> streams outside the default prefixes', async () => {
    const scoped = await EsdbEventStore.connect({
      connectionString: server.connectionString,
      streamPrefixes: ['app-'],
    });
    try {
      const checkpoints = new EsdbCheckpointStore(scoped);
      const name = `projection-${randomUUID()}`;
      const from = (await scoped.headPosition()) ?? undefined;
      let revision: number | null = null;
      for (let step = 1n; step <= 3n; step++) {
        revision = await checkpoints.save(name, { commit: step, prepare: step }, revision);
      }
      expect(await scoped.readStream(`checkpoint-${name}`)).toHaveLength(1);
      await scoped.append(`app-${randomUUID()}`, [anEvent('Visible')], 'no_stream');
      const all = await scoped.readAll({ fromPosition: from });
      expect(all.map((event) => event.type)).toEqual(['Visible']);
    } finally {
      await scoped.close();
    }
  });

  it('reports StoreUnavailable after close', async () => {
    const closing = await EsdbEventStore.connect({ connectionString: server.connectionString });
    await closing.close();
    await expect(closing.readAll()).rejects.toThrow(StoreUnavailableError);
    expect(() => closing.subscribeToAll()).toThrow(StoreUnavailableError);
  });
});

describe('EventStoreDB adapter without a server', () => {
  it('maps connection failures to StoreUnavailable', async () => {
    // A port that was free a moment ago: nothing listens there any more.
    const server = await startEsdbTestServer();
    const { connectionString } = server;
    await server.stop();
    const store = await EsdbEventStore.connect({ connectionString });
    try {
      await expect(store.append(`down-${randomUUID()}`, [anEvent('A')], 'any')).rejects.toThrow(
        StoreUnavailableError,
      );
      await expect(store.headPosition()).rejects.toThrow(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
