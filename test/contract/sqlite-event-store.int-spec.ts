import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyStoredStream } from '@app/event-store';
import { anEvent, describeEventStoreContract } from '@app/testing/event-store-contract';

describeEventStoreContract('SQLite in memory', async () => {
  const store = SqliteEventStore.open({ path: ':memory:', pollIntervalMs: 50 });
  return { store, dispose: () => store.close() };
});

describe('SQLite on a file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  describeEventStoreContract('SQLite file, synchronous NORMAL', async () => {
    const store = SqliteEventStore.open({ path: join(directory, 'contract.sqlite'), synchronous: 'NORMAL' });
    return { store, dispose: () => store.close() };
  });

  it('keeps appended events across close and reopen', async () => {
    const path = join(directory, 'durable.sqlite');
    const first = SqliteEventStore.open({ path });
    const appended = await first.append('durable-1', [anEvent('Kept'), anEvent('AlsoKept')], 'no_stream');
    await first.close();

    const reopened = SqliteEventStore.open({ path });
    try {
      const events = await reopened.readStream('durable-1');
      expect(events.map((event) => event.type)).toEqual(['Kept', 'AlsoKept']);
      expect(await reopened.headPosition()).toEqual(appended.position);
      expect((await verifyStoredStream(reopened, 'durable-1')).valid).toBe(true);
      await reopened.append('durable-1', [anEvent('Next')], appended.nextExpectedRevision);
      expect((await verifyStoredStream(reopened, 'durable-1')).eventCount).toBe(3);
    } finally {
      await reopened.close();
    }
  });

  it('a subscription sees appends made through another connection to the same file', async () => {
    const path = join(directory, 'shared.sqlite');
    const writer = SqliteEventStore.open({ path });
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 20 });
    const subscription = reader.subscribeToAll();
    try {
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ caughtUp: true, position: null });
      await writer.append('shared-1', [anEvent('FromWriter')], 'no_stream');
      expect((await iterator.next()).value).toMatchObject({ type: 'FromWriter', streamId: 'shared-1' });
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
    }
  });
});
