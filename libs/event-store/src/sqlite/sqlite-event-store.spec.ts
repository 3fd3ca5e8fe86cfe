import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateEventIdError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { positionFromSequence } from '../position';
import { computeEventHash, verifyStoredStream } from '../hash-chain';
import type { EventToAppend, RecordedMetadata } from '../event-store.port';
import { SqliteEventStore, type GroupCommit } from './sqlite-event-store';

const event = (type: string, data: object = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: {
    actor: { id: 'user-registry', role: 'REGISTRY_OFFICER' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    schemeVersion: 'CMM-525-0002/v1',
  },
});

describe('SqliteEventStore (SQLite specifics)', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  describe('tampering in the database file is detected by verifyStoredStream', () => {
    const streamId = 'certificate-CMM-ICS-2026-00001';
    let path: string;

    /** Writes a 6-event stream (plus noise in another stream), then tampers with SQL on a separate connection. */
    const tamperAndVerify = async (tamper: (db: Database.Database) => void) => {
      path = join(directory, `${randomUUID()}.sqlite`);
      const writer = SqliteEventStore.open({ path });
      for (let revision = 0; revision < 6; revision++) {
        await writer.append(
          streamId,
          [event('Counted', { revision })],
          revision === 0 ? 'no_stream' : revision - 1,
        );
        await writer.append(`other-${revision}`, [event('Noise')], 'no_stream');
      }
      expect((await verifyStoredStream(writer, streamId)).valid).toBe(true);
      await writer.close();
      const db = new Database(path);
      tamper(db);
      db.close();
      const reader = SqliteEventStore.open({ path });
      try {
        return await verifyStoredStream(reader, streamId);
      } finally {
        await reader.close();
      }
    };

    it("changing a stored row's data breaks the chain at that revision", async () => {
      const result = await tamperAndVerify((db) =>
        db
          .prepare(`UPDATE events SET data = '{"revision":300}' WHERE stream_id = ? AND stream_revision = 3`)
          .run(streamId),
      );
      expect(result).toMatchObject({
        valid: false,
        eventCount: 6,
        firstBrokenLink: { revision: 3, reason: 'HASH_MISMATCH' },
      });
    });

    it("changing a stored row's metadata breaks the chain at that revision", async () => {
      const result = await tamperAndVerify((db) =>
        db
          .prepare(
            `UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else')
              WHERE stream_id = ? AND stream_revision = 2`,
          )
          .run(streamId),
      );
      expect(result.firstBrokenLink).toMatchObject({ revision: 2, reason: 'HASH_MISMATCH' });
    });

    it('rewriting a row with a recomputed hash is caught by the next link', async () => {
      const result = await tamperAndVerify((db) => {
        const row = db
          .prepare(
            'SELECT type, schema_version, metadata FROM events WHERE stream_id = ? AND stream_revision = 4',
          )
          .get(streamId) as { type: string; schema_version: number; metadata: string };
        const { hash: _old, ...metadata } = JSON.parse(row.metadata) as RecordedMetadata;
        const data = { revision: 400 };
        const hash = computeEventHash({
          streamId,
          revision: 4,
          type: row.type,
          schemaVersion: row.schema_version,
          data,
          metadata,
        });
        db.prepare(
          'UPDATE events SET data = ?, metadata = ? WHERE stream_id = ? AND stream_revision = 4',
        ).run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), streamId);
      });
      expect(result.firstBrokenLink).toMatchObject({ revision: 5, reason: 'PREV_HASH_MISMATCH' });
    });

    it('swapping the order of two rows (their revisions) breaks the chain at the first of them', async () => {
      const result = await tamperAndVerify((db) =>
        db.transaction(() => {
          const swap = db.prepare(
            'UPDATE events SET stream_revision = ? WHERE stream_id = ? AND stream_revision = ?',
          );
          swap.run(-1, streamId, 2);
          swap.run(2, streamId, 3);
          swap.run(3, streamId, -1);
        })(),
      );
      expect(result.firstBrokenLink).toMatchObject({ revision: 2, reason: 'PREV_HASH_MISMATCH' });
    });

    it('swapping the global positions of two rows is reported as OUT_OF_ORDER', async () => {
      const result = await tamperAndVerify((db) =>
        db.transaction(() => {
          const position = (revision: number) =>
            (
              db
                .prepare(
                  'SELECT global_position AS p FROM events WHERE stream_id = ? AND stream_revision = ?',
                )
                .get(streamId, revision) as { p: number }
            ).p;
          const [p1, p2] = [position(1), position(2)];
          const move = db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?');
          move.run(-1, p1);
          move.run(p1, p2);
          move.run(p2, -1);
        })(),
      );
      expect(result.firstBrokenLink).toMatchObject({ revision: 2, reason: 'OUT_OF_ORDER' });
    });

    it('deleting a row is reported as a REVISION_GAP at the missing revision', async () => {
      const result = await tamperAndVerify((db) =>
        db.prepare('DELETE FROM events WHERE stream_id = ? AND stream_revision = 1').run(streamId),
      );
      expect(result).toMatchObject({
        valid: false,
        eventCount: 5,
        firstBrokenLink: { revision: 1, reason: 'REVISION_GAP' },
      });
    });
  });

  it('a subscription on another connection to the same file sees a commit at once, not at its next poll', async () => {
    const path = join(directory, 'two-connections.sqlite');
    const writer = SqliteEventStore.open({ path });
    // A poll far beyond the test's timeout: only the commit signal can wake this subscription.
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 60_000 });
    const subscription = reader.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      expect((await iterator.next()).value).toEqual({ caughtUp: true, position: null });
      await writer.append('signalled-1', [event('Signalled')], 'no_stream');
      expect((await iterator.next()).value).toMatchObject({ streamId: 'signalled-1', type: 'Signalled' });
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
    }
  });

  it('a live subscription reports progress past events its filter skips, so consumers can checkpoint them', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['wanted-'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      await store.append('wanted-1', [event('Wanted')], 'no_stream');
      expect((await iterator.next()).value).toMatchObject({ type: 'Wanted' });
      // End of catch-up (nothing skipped yet): said once, at the wanted event's position.
      expect((await iterator.next()).value).toEqual({ caughtUp: true, position: expect.anything() });
      // Live: only a skipped stream moves on — the subscription says how far it got.
      const skipped = await store.append('other-1', [event('Other'), event('Other')], 'no_stream');
      expect((await iterator.next()).value).toEqual({ caughtUp: true, position: skipped.position });
      // A wanted event afterwards comes as usual.
      await store.append('wanted-1', [event('Wanted')], 0);
      expect((await iterator.next()).value).toMatchObject({ type: 'Wanted', streamRevision: 1 });
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it('rolls back every event of an append when an insert fails half-way', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      store.database.exec(
        `CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.type = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      );
      await expect(
        store.append('atomic-1', [event('Ok'), event('Ok'), event('Boom')], 'no_stream'),
      ).rejects.toMatchObject({
        code: 'SQLITE_CONSTRAINT_TRIGGER',
        message: 'boom',
      });
      expect(await store.streamExists('atomic-1')).toBe(false);
      expect(await store.headPosition()).toBeNull();
    } finally {
      await store.close();
    }
  });

  describe('group commit', () => {
    /** Appends to a new stream now and in each of the next `turns - 1` turns of the event loop; all answered. */
    /** Appends one event in each of `turns` successive turns of the event loop; the sizes of the groups committed. */
    const groupsOfAppendsEachTurn = async (turns: number): Promise<number[]> => {
      const store = SqliteEventStore.open({ path: ':memory:' });
      try {
        const groups: number[] = [];
        store.onGroupCommit((commit) => groups.push(commit.appends));
        const appendEachTurn = async (left: number): Promise<void> => {
          const appended = store.append(`turn-${left}`, [event('Ok')], 'no_stream');
          if (left === 1) return void (await appended);
          const later = new Promise((resolve) => setImmediate(resolve)).then(() => appendEachTurn(left - 1));
          await Promise.all([appended, later]);
        };
        await appendEachTurn(turns);
        return groups;
      } finally {
        await store.close();
      }
    };

    it('commits parallel appends together: one failing insert rolls back that append only', async () => {
      const store = SqliteEventStore.open({ path: ':memory:' });
      try {
        store.database.exec(
          `CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.type = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
        );
        const outcomes = await Promise.allSettled([
          store.append('group-1', [event('Ok')], 'no_stream'),
          store.append('group-2', [event('Ok'), event('Boom')], 'no_stream'),
          store.append('group-3', [event('Ok'), event('Ok')], 'no_stream'),
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
          code: 'SQLITE_CONSTRAINT_TRIGGER',
        });
        expect(await store.streamExists('group-2')).toBe(false);
        expect(await store.readStream('group-3')).toHaveLength(2);
        expect((await verifyStoredStream(store, 'group-3')).valid).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('tells its group-commit observers each group: its appends, its time, whether it committed', async () => {
      const store = SqliteEventStore.open({ path: ':memory:' });
      try {
        const commits: GroupCommit[] = [];
        const stop = store.onGroupCommit((commit) => commits.push(commit));
        store.onGroupCommit(() => {
          throw new Error('a failing observer');
        });
        await Promise.all([
          store.append('observed-1', [event('Ok')], 'no_stream'),
          store.append('observed-2', [event('Ok'), event('Ok')], 'no_stream'),
          store.append('observed-1', [event('Ok')], 5), // rejected alone, in the same group
        ]).catch(() => undefined);
        store.database.exec(
          `CREATE TRIGGER doom BEFORE INSERT ON events WHEN NEW.type = 'Doom' BEGIN SELECT RAISE(ROLLBACK, 'doom'); END`,
        );
        await store.append('observed-3', [event('Doom')], 'no_stream').catch(() => undefined);
        stop();
        await store.append('observed-4', [event('Ok')], 'no_stream');
        expect(commits.map(({ appends, committed }) => ({ appends, committed }))).toEqual([
          { appends: 3, committed: true },
          { appends: 1, committed: false },
        ]);
        expect(commits.every((commit) => commit.seconds > 0 && commit.seconds < 60)).toBe(true);
        expect(await store.readStream('observed-2')).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    it('waits for the turns of the event loop that bring more appends, then commits them as one group', async () => {
      // Given an append, then one more in each of the next two turns (requests read while the first was handled),
      // When they are answered
      const groups = await groupsOfAppendsEachTurn(3);
      // Then one transaction held all three
      expect(groups).toEqual([3]);
    });

    it('commits after at most five turns of the event loop even when every turn brings another append', async () => {
      const groups = await groupsOfAppendsEachTurn(12);
      // The first group closes at its fifth turn (the append before it and one per turn waited), and so on.
      expect(groups[0]).toBe(5);
      expect(groups.reduce((sum, appends) => sum + appends, 0)).toBe(12);
      expect(groups.length).toBeGreaterThan(2);
    });

    it('when SQLite rolls the whole transaction back, every append of the group is rejected and none stored', async () => {
      const store = SqliteEventStore.open({ path: ':memory:' });
      try {
        store.database.exec(
          `CREATE TRIGGER doom BEFORE INSERT ON events WHEN NEW.type = 'Doom' BEGIN SELECT RAISE(ROLLBACK, 'doom'); END`,
        );
        const outcomes = await Promise.allSettled([
          store.append('doomed-1', [event('Ok')], 'no_stream'),
          store.append('doomed-2', [event('Doom')], 'no_stream'),
          store.append('doomed-3', [event('Ok')], 'no_stream'),
        ]);
        expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
        expect(await store.headPosition()).toBeNull();
        // The store keeps working after the failed group.
        await store.append('after-1', [event('Ok')], 'no_stream');
        expect(await store.readStream('after-1')).toHaveLength(1);
      } finally {
        await store.close();
      }
    });

    it('appends in one stream queued back to back are checked in call order within the group', async () => {
      const store = SqliteEventStore.open({ path: ':memory:' });
      try {
        const outcomes = await Promise.allSettled([
          store.append('ordered', [event('First')], 'no_stream'),
          store.append('ordered', [event('Second')], 0),
          store.append('ordered', [event('Stale')], 0),
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
        expect((await store.readStream('ordered')).map((e) => e.type)).toEqual(['First', 'Second']);
      } finally {
        await store.close();
      }
    });

    it('appends accepted before close() are written and acknowledged before the file is closed', async () => {
      const path = join(directory, `${randomUUID()}.sqlite`);
      const store = SqliteEventStore.open({ path });
      const pending = Array.from({ length: 300 }, (_, index) =>
        store.append(`closing-${index}`, [event('Kept')], 'no_stream'),
      );
      await store.close();
      const results = await Promise.allSettled(pending);
      expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
      await expect(store.append('late', [event('Late')], 'no_stream')).rejects.toThrow(StoreUnavailableError);
      const reopened = SqliteEventStore.open({ path });
      try {
        expect(reopened.database.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).toEqual({
          n: 300,
        });
      } finally {
        await reopened.close();
      }
    });
  });

  it('refuses an event id already used in another stream', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      const shared = event('Shared');
      await store.append('stream-a', [shared], 'no_stream');
      await expect(store.append('stream-b', [shared], 'any')).rejects.toThrow(DuplicateEventIdError);
      expect(await store.streamExists('stream-b')).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('an append whose later event reuses a stored id stores none of its events', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      const [a, b] = [event('A'), event('B')];
      await store.append('stream-a', [a], 'no_stream');
      await store.append('stream-b', [b], 'no_stream');
      // The revision check passes and the first event is new; the second's id is stored: in this stream, in another.
      await expect(store.append('stream-a', [event('New'), a], 0)).rejects.toThrow(WrongExpectedVersionError);
      await expect(store.append('stream-a', [event('New'), b], 'any')).rejects.toThrow(DuplicateEventIdError);
      expect((await store.readStream('stream-a')).map((stored) => stored.id)).toEqual([a.id]);
      expect(await store.headPosition()).toEqual(positionFromSequence(2));
    } finally {
      await store.close();
    }
  });

  it('returns the events it appended, and for a replay the original ones, as a read of the stream returns them', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      await store.append('stream-a', [event('First')], 'no_stream');
      const events = [event('A'), event('B')];
      const appended = await store.append('stream-a', events, 0);
      const replayed = await store.append('stream-a', events, 0);
      const read = await store.readStream('stream-a', { fromRevision: 1 });
      expect(appended.events).toEqual(read);
      expect(replayed.events).toEqual(read);
      expect(appended.events?.map((recorded) => recorded.id)).toEqual(events.map((e) => e.id));
    } finally {
      await store.close();
    }
  });

  it("a replay whose revision check passes ('any', 'stream_exists') returns the original result", async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      const events = [event('A'), event('B')];
      await store.append('stream-a', [event('First')], 'no_stream');
      const original = await store.append('stream-a', events, 0);
      expect(await store.append('stream-a', events, 'stream_exists')).toEqual(original);
      expect(await store.append('stream-a', events, 'any')).toEqual(original);
      expect(await store.readStream('stream-a')).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it('validates appends before touching the database', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      const valid = event('Valid');
      await expect(store.append('s', [], 'any')).rejects.toThrow(RangeError);
      await expect(store.append('s', [{ ...valid, id: 'not-a-uuid' }], 'any')).rejects.toThrow(TypeError);
      await expect(store.append('s', [valid, valid], 'any')).rejects.toThrow(/twice/);
      await expect(store.append('s', [{ ...valid, schemaVersion: 0 }], 'any')).rejects.toThrow(TypeError);
      await expect(store.append('s', [{ ...valid, data: [] }], 'any')).rejects.toThrow(TypeError);
      await expect(store.append('s', [valid], -1)).rejects.toThrow(TypeError);
      await expect(store.append('', [valid], 'any')).rejects.toThrow(TypeError);
      expect(await store.headPosition()).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('applies WAL, the configured synchronous mode and the busy timeout', async () => {
    const store = SqliteEventStore.open({
      path: join(directory, 'pragmas.sqlite'),
      synchronous: 'NORMAL',
      busyTimeoutMs: 1234,
    });
    try {
      expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.database.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(store.database.pragma('busy_timeout', { simple: true })).toBe(1234);
    } finally {
      await store.close();
    }
    const durable = SqliteEventStore.open({ path: join(directory, 'pragmas-default.sqlite') });
    expect(durable.database.pragma('synchronous', { simple: true })).toBe(2); // FULL by default
    await durable.close();
  });

  it('stamps recordedAt from the injected clock', async () => {
    const store = SqliteEventStore.open({
      path: ':memory:',
      clock: () => new Date('2030-05-05T05:05:05.000Z'),
    });
    try {
      await store.append('clocked', [event('Tick')], 'no_stream');
      expect((await store.readStream('clocked'))[0].recordedAt).toBe('2030-05-05T05:05:05.000Z');
    } finally {
      await store.close();
    }
  });

  it('throws StoreUnavailable after close and when the file cannot be opened, and ends subscriptions', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ caughtUp: true, position: null });
    await store.close();
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
    await expect(store.append('s', [event('Late')], 'any')).rejects.toThrow(StoreUnavailableError);
    await expect(store.readStream('s')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.headPosition()).rejects.toThrow(StoreUnavailableError);
    expect(() => store.subscribeToAll()).toThrow(StoreUnavailableError);
    expect(() =>
      SqliteEventStore.open({ path: join(directory, 'missing-dir', 'x', 'events.sqlite') }),
    ).toThrow(StoreUnavailableError);
  });

  it('maps a write lock held too long by another connection to StoreUnavailable', async () => {
    const path = join(directory, 'locked.sqlite');
    const store = SqliteEventStore.open({ path, busyTimeoutMs: 10 });
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(store.append('locked-1', [event('Blocked')], 'any')).rejects.toThrow(
        StoreUnavailableError,
      );
      other.exec('ROLLBACK');
      await expect(store.append('locked-1', [event('Unblocked')], 'any')).resolves.toMatchObject({
        nextExpectedRevision: 0,
      });
    } finally {
      other.close();
      await store.close();
    }
  });
});
