import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  isCaughtUp,
  StreamNotFoundError,
  verifyStoredStream,
  WrongExpectedVersionError,
  ZERO_HASH,
} from '@app/event-store';
import type {
  EventStore,
  EventToAppend,
  EventWithoutMetadata,
  ExpectedRevision,
  Position,
  RecordedEvent,
  Subscription,
  SubscriptionMessage,
} from '@app/event-store';
import { describeStreamReferencesContract } from './event-store-contract-references';

/**
 * The behaviour every EventStore adapter must have (EventStoreDB semantics). Nothing here is adapter-specific:
 * streams get unique names and reads start from the head position taken at the start of each test, so the
 * suite also runs against a shared, non-empty store. Import by path: `@app/testing/event-store-contract`.
 */
export interface EventStoreContractFixture {
  store: EventStore;
  dispose(): Promise<void>;
}

export const describeEventStoreContract = (
  name: string,
  factory: () => Promise<EventStoreContractFixture>,
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreContractFixture;
    let store: EventStore;
    const run = randomUUID().slice(0, 8);
    const streamName = (label: string): string => `contract${run}-${label}-${randomUUID()}`;

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    /** Appends `count` events and returns them with the result. */
    const seed = async (streamId: string, count: number, expected: ExpectedRevision = 'any') => {
      const events = Array.from({ length: count }, (_, index) => anEvent('Seeded', { index }));
      const result = await store.append(streamId, events, expected);
      return { events, result };
    };
    const headBefore = async (): Promise<Position | undefined> => (await store.headPosition()) ?? undefined;

    describe('append with expected revision', () => {
      it("'no_stream' creates the stream with revisions from 0", async () => {
        const streamId = streamName('no-stream');
        const result = await store.append(streamId, [anEvent('A'), anEvent('B'), anEvent('C')], 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(streamId);
        expect(read.map((event) => [event.type, event.streamRevision])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
        ]);
        expect(comparePositions(result.position, read[2].globalPosition)).toBe(0);
      });

      it("'no_stream' fails with WrongExpectedVersion when the stream exists", async () => {
        const streamId = streamName('no-stream-exists');
        await seed(streamId, 1);
        await expectWrongExpectedVersion(store.append(streamId, [anEvent('X')], 'no_stream'), {
          streamId,
          expected: 'no_stream',
          actual: 0,
        });
      });

      it("'stream_exists' appends to an existing stream", async () => {
        const streamId = streamName('exists');
        await seed(streamId, 2);
        const result = await store.append(streamId, [anEvent('X')], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(2);
      });

      it("'stream_exists' fails when the stream does not exist", async () => {
        const streamId = streamName('exists-missing');
        await expectWrongExpectedVersion(store.append(streamId, [anEvent('X')], 'stream_exists'), {
          streamId,
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        expect(await store.streamExists(streamId)).toBe(false);
      });

      it('an exact revision succeeds when it is the last revision', async () => {
        const streamId = streamName('exact');
        await seed(streamId, 2);
        const result = await store.append(streamId, [anEvent('X'), anEvent('Y')], 1);
        expect(result.nextExpectedRevision).toBe(3);
      });

      it('an exact revision fails when stale, reporting the actual revision', async () => {
        const streamId = streamName('exact-stale');
        await seed(streamId, 3);
        await expectWrongExpectedVersion(store.append(streamId, [anEvent('X')], 1), {
          streamId,
          expected: 1,
          actual: 2,
        });
      });

      it('an exact revision fails when the stream does not exist', async () => {
        const streamId = streamName('exact-missing');
        await expectWrongExpectedVersion(store.append(streamId, [anEvent('X')], 0), {
          streamId,
          expected: 0,
          actual: 'no_stream',
        });
      });

      it("'any' appends to a new and to an existing stream", async () => {
        const streamId = streamName('any');
        expect((await store.append(streamId, [anEvent('A')], 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append(streamId, [anEvent('B')], 'any')).nextExpectedRevision).toBe(1);
      });

      it('positions increase from one append to the next', async () => {
        const first = await seed(streamName('pos-a'), 1);
        const second = await seed(streamName('pos-b'), 1);
        expect(comparePositions(first.result.position, second.result.position)).toBeLessThan(0);
      });
    });

    describe('atomicity', () => {
      it('a rejected append writes none of its events', async () => {
        const streamId = streamName('atomic');
        await seed(streamId, 1);
        await expect(store.append(streamId, [anEvent('X'), anEvent('Y'), anEvent('Z')], 5)).rejects.toThrow(
          WrongExpectedVersionError,
        );
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('an append with an event that cannot be stored writes nothing', async () => {
        const streamId = streamName('atomic-invalid');
        const bad = { ...anEvent('Bad'), data: { amount: 1n } as object };
        await expect(store.append(streamId, [anEvent('Good'), bad], 'any')).rejects.toThrow();
        expect(await store.streamExists(streamId)).toBe(false);
      });

      it('the events of one append are contiguous in the global log', async () => {
        const prefix = streamName('contiguous');
        const from = await headBefore();
        await Promise.all(
          ['a', 'b', 'c'].map((suffix) =>
            store.append(
              `${prefix}-${suffix}`,
              [anEvent('One'), anEvent('Two'), anEvent('Three')],
              'no_stream',
            ),
          ),
        );
        const all = await store.readAll({ fromPosition: from, filter: { streamPrefixes: [prefix] } });
        expect(all).toHaveLength(9);
        for (let batch = 0; batch < 3; batch++) {
          const slice = all.slice(batch * 3, batch * 3 + 3);
          expect(new Set(slice.map((event) => event.streamId)).size).toBe(1);
          expect(slice.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
        }
      });
    });

    describe('readStream', () => {
      let streamId: string;
      beforeAll(async () => {
        streamId = streamName('read');
        await seed(streamId, 5, 'no_stream');
      });
      const revisions = (events: RecordedEvent[]) => events.map((event) => event.streamRevision);

      it('reads forwards by default', async () => {
        expect(revisions(await store.readStream(streamId))).toEqual([0, 1, 2, 3, 4]);
      });
      it('reads forwards from a revision (inclusive) with a max count', async () => {
        expect(revisions(await store.readStream(streamId, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(streamId, { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
      });
      it('reads backwards from the end, from a revision and with a max count', async () => {
        expect(revisions(await store.readStream(streamId, { direction: 'backwards' }))).toEqual([
          4, 3, 2, 1, 0,
        ]);
        expect(
          revisions(await store.readStream(streamId, { direction: 'backwards', fromRevision: 2 })),
        ).toEqual([2, 1, 0]);
        expect(revisions(await store.readStream(streamId, { direction: 'backwards', maxCount: 2 }))).toEqual([
          4, 3,
        ]);
      });
      it('returns nothing when reading past the end of an existing stream', async () => {
        expect(await store.readStream(streamId, { fromRevision: 10 })).toEqual([]);
      });
      it('throws StreamNotFound for a stream without events', async () => {
        const missing = streamName('missing');
        const error = await store.readStream(missing).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StreamNotFoundError);
        expect(error).toMatchObject({ code: 'STREAM_NOT_FOUND', streamId: missing });
      });
    });

    describe('readAll', () => {
      it('returns events in global order after an exclusive position', async () => {
        const prefix = streamName('all-order');
        const from = await headBefore();
        await store.append(`${prefix}-a`, [anEvent('A0')], 'no_stream');
        await store.append(`${prefix}-b`, [anEvent('B0')], 'no_stream');
        await store.append(`${prefix}-a`, [anEvent('A1')], 0);
        const all = await store.readAll({ fromPosition: from, filter: { streamPrefixes: [prefix] } });
        expect(all.map((event) => event.type)).toEqual(['A0', 'B0', 'A1']);
        expect(comparePositions(all[0].globalPosition, all[1].globalPosition)).toBeLessThan(0);
        expect(comparePositions(all[1].globalPosition, all[2].globalPosition)).toBeLessThan(0);
        const after = await store.readAll({
          fromPosition: all[0].globalPosition,
          filter: { streamPrefixes: [prefix] },
        });
        expect(after.map((event) => event.type)).toEqual(['B0', 'A1']);
        const limited = await store.readAll({
          fromPosition: from,
          maxCount: 2,
          filter: { streamPrefixes: [prefix] },
        });
        expect(limited.map((event) => event.type)).toEqual(['A0', 'B0']);
      });

      it('reads backwards, before an exclusive position', async () => {
        const prefix = streamName('all-back');
        await seed(`${prefix}-a`, 3);
        const backwards = await store.readAll({
          direction: 'backwards',
          maxCount: 3,
          filter: { streamPrefixes: [prefix] },
        });
        expect(backwards.map((event) => event.data)).toEqual([{ index: 2 }, { index: 1 }, { index: 0 }]);
        const before = await store.readAll({
          direction: 'backwards',
          fromPosition: backwards[0].globalPosition,
          filter: { streamPrefixes: [prefix] },
        });
        expect(before.map((event) => event.data)).toEqual([{ index: 1 }, { index: 0 }]);
      });

      it('filters by stream prefixes and by event types', async () => {
        const prefix = streamName('all-filter');
        const from = await headBefore();
        await store.append(`${prefix}-x-1`, [anEvent('Kept'), anEvent('Dropped')], 'no_stream');
        await store.append(`${prefix}-y-1`, [anEvent('Kept')], 'no_stream');
        await store.append(`${prefix}-z-1`, [anEvent('Kept')], 'no_stream');
        const byPrefix = await store.readAll({
          fromPosition: from,
          filter: { streamPrefixes: [`${prefix}-x`, `${prefix}-y`] },
        });
        expect(byPrefix.map((event) => event.streamId)).toEqual([
          `${prefix}-x-1`,
          `${prefix}-x-1`,
          `${prefix}-y-1`,
        ]);
        const byBoth = await store.readAll({
          fromPosition: from,
          filter: { streamPrefixes: [prefix], eventTypes: ['Kept'] },
        });
        expect(byBoth.map((event) => event.streamId)).toEqual([
          `${prefix}-x-1`,
          `${prefix}-y-1`,
          `${prefix}-z-1`,
        ]);
        const byType = await store.readAll({ fromPosition: from, filter: { eventTypes: ['Dropped'] } });
        expect(byType.map((event) => event.streamId)).toEqual([`${prefix}-x-1`]);
      });

      it('excludes $ streams unless a filter asks for them', async () => {
        const system = `$${streamName('helper')}`;
        const normal = streamName('visible');
        const from = await headBefore();
        await store.append(system, [anEvent('Helper')], 'any');
        await store.append(normal, [anEvent('Visible')], 'any');
        const all = await store.readAll({ fromPosition: from });
        expect(all.map((event) => event.streamId)).toContain(normal);
        expect(all.map((event) => event.streamId)).not.toContain(system);
        const asked = await store.readAll({ fromPosition: from, filter: { streamPrefixes: [system] } });
        expect(asked.map((event) => event.streamId)).toEqual([system]);
        expect(await store.readStream(system)).toHaveLength(1);
      });

      it('without metadata: the same events in the same order, none of them carrying metadata', async () => {
        const prefix = streamName('all-bare');
        const from = await headBefore();
        await seed(`${prefix}-a`, 2);
        await store.append(`${prefix}-b`, [anEvent('Kept'), anEvent('Dropped')], 'no_stream');
        await seed(`${prefix}-a`, 1);
        for (const options of [
          { fromPosition: from, filter: { streamPrefixes: [prefix] } },
          { fromPosition: from, maxCount: 2, filter: { streamPrefixes: [prefix] } },
          { fromPosition: from, filter: { streamPrefixes: [prefix], eventTypes: ['Kept', 'Seeded'] } },
          { direction: 'backwards' as const, maxCount: 3, filter: { streamPrefixes: [prefix] } },
        ]) {
          const bare = await store.readAll({ ...options, metadata: false });
          expect(bare).toStrictEqual((await store.readAll(options)).map(withoutMetadata));
          expect(bare.length).toBeGreaterThan(0);
          for (const event of bare) expect(event).not.toHaveProperty('metadata');
        }
      });

      it('returns nothing after the head position', async () => {
        await seed(streamName('head'), 1);
        const head = await store.headPosition();
        expect(head).not.toBeNull();
        expect(await store.readAll({ fromPosition: head ?? undefined })).toEqual([]);
      });
    });

    describe('streamExists and headPosition', () => {
      it('streamExists is false before the first append and true after', async () => {
        const streamId = streamName('exists-check');
        expect(await store.streamExists(streamId)).toBe(false);
        await seed(streamId, 1);
        expect(await store.streamExists(streamId)).toBe(true);
      });
      it('headPosition reaches the position of the last append', async () => {
        const { result } = await seed(streamName('head-pos'), 2);
        const head = await store.headPosition();
        expect(head).not.toBeNull();
        expect(comparePositions(head as Position, result.position)).toBeGreaterThanOrEqual(0);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, signals caughtUp, then delivers live appends', async () => {
        const prefix = streamName('sub');
        const from = await headBefore();
        await seed(`${prefix}-1`, 2, 'no_stream');
        const subscription = store.subscribeToAll({
          fromPosition: from,
          filter: { streamPrefixes: [prefix] },
        });
        try {
          const reader = readerOf(subscription);
          const caughtUp = await reader.untilCaughtUp();
          expect(caughtUp.events.map((event) => event.streamRevision)).toEqual([0, 1]);
          expect(caughtUp.position).not.toBeNull();
          expect(
            comparePositions(caughtUp.position as Position, caughtUp.events[1].globalPosition),
          ).toBeGreaterThanOrEqual(0);
          await store.append(`${prefix}-1`, [anEvent('Live')], 1);
          const live = await reader.next();
          expect(live).toMatchObject({ type: 'Live', streamId: `${prefix}-1`, streamRevision: 2 });
        } finally {
          await subscription.close();
        }
      });

      it('without metadata: catch-up and live events carry none, and are otherwise those read with it', async () => {
        const prefix = streamName('sub-bare');
        const from = await headBefore();
        await seed(`${prefix}-1`, 2, 'no_stream');
        const subscription = store.subscribeToAll({
          fromPosition: from,
          filter: { streamPrefixes: [prefix] },
          metadata: false,
        });
        try {
          const reader = readerOf(subscription);
          const { events: caughtUp } = await reader.untilCaughtUp();
          await store.append(`${prefix}-1`, [anEvent('Live')], 1);
          const live = await reader.next();
          const read = await store.readAll({ fromPosition: from, filter: { streamPrefixes: [prefix] } });
          expect([...caughtUp, live]).toStrictEqual(read.map(withoutMetadata));
          expect(live).not.toHaveProperty('metadata');
        } finally {
          await subscription.close();
        }
      });

      it('starts after an exclusive position and applies the event type filter', async () => {
        const prefix = streamName('sub-from');
        const { result } = await seed(`${prefix}-1`, 1);
        await store.append(`${prefix}-1`, [anEvent('Skipped'), anEvent('Wanted')], 0);
        const subscription = store.subscribeToAll({
          fromPosition: result.position,
          filter: { streamPrefixes: [prefix], eventTypes: ['Wanted'] },
        });
        try {
          const caughtUp = await readerOf(subscription).untilCaughtUp();
          expect(caughtUp.events.map((event) => [event.type, event.streamRevision])).toEqual([['Wanted', 2]]);
        } finally {
          await subscription.close();
        }
      });

      it('once caught up, says how far it got again when the log moves on only by events its filter skips', async () => {
        const prefix = streamName('sub-skips');
        const from = await headBefore();
        await store.append(`${prefix}-1`, [anEvent('Wanted')], 'no_stream');
        const subscription = store.subscribeToAll({
          fromPosition: from,
          filter: { streamPrefixes: [prefix], eventTypes: ['Wanted'] },
        });
        try {
          const reader = readerOf(subscription);
          expect((await reader.untilCaughtUp()).events.map((event) => event.type)).toEqual(['Wanted']);
          const skipped = await store.append(`${prefix}-1`, [anEvent('Skipped'), anEvent('Skipped')], 0);
          const next = await reader.next();
          expect(isCaughtUp(next)).toBe(true);
          const { position } = next as { position: Position | null };
          expect(comparePositions(position as Position, skipped.position)).toBeGreaterThanOrEqual(0);
          await store.append(`${prefix}-1`, [anEvent('Wanted')], 2);
          let message = await reader.next();
          while (isCaughtUp(message)) message = await reader.next();
          expect(message).toMatchObject({ type: 'Wanted', streamRevision: 3 });
        } finally {
          await subscription.close();
        }
      });

      it('loses and duplicates nothing between catch-up and live', async () => {
        const prefix = streamName('sub-nodup');
        const from = await headBefore();
        for (let index = 0; index < 10; index++)
          await store.append(`${prefix}-${index % 3}`, [anEvent('Before')], 'any');
        const subscription = store.subscribeToAll({
          fromPosition: from,
          filter: { streamPrefixes: [prefix] },
        });
        try {
          const reader = readerOf(subscription);
          const first = await reader.next();
          // Appends racing with catch-up (one event has been read, nine are pending) and after it.
          const writes = (async () => {
            for (let index = 0; index < 10; index++) {
              await store.append(`${prefix}-${index % 3}`, [anEvent('During')], 'any');
            }
          })();
          const received: RecordedEvent[] = [first as RecordedEvent];
          while (received.length < 20) {
            const message = await reader.next();
            if (!isCaughtUp(message)) received.push(message);
          }
          await writes;
          expect(new Set(received.map((event) => event.id)).size).toBe(20);
          const sorted = [...received].sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
          expect(received.map((event) => event.id)).toEqual(sorted.map((event) => event.id));
          expect(received.filter((event) => event.type === 'During')).toHaveLength(10);
        } finally {
          await subscription.close();
        }
      });

      it('close() ends the iteration of a waiting consumer', async () => {
        const subscription = store.subscribeToAll({
          fromPosition: await headBefore(),
          filter: { streamPrefixes: [streamName('sub-close')] },
        });
        const consumed: SubscriptionMessage[] = [];
        const consumer = (async () => {
          for await (const message of subscription) consumed.push(message);
          return 'ended';
        })();
        await waitUntil(() => consumed.length > 0);
        await subscription.close();
        await expect(withTimeout(consumer, 5000)).resolves.toBe('ended');
        expect(consumed.filter(isCaughtUp)).toHaveLength(1);
      });

      it('breaking out of for-await closes the subscription', async () => {
        const prefix = streamName('sub-break');
        await seed(`${prefix}-1`, 3);
        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
        let seen = 0;
        for await (const message of subscription) {
          if (!isCaughtUp(message)) seen++;
          if (seen === 2) break;
        }
        expect(seen).toBe(2);
        const iterator = subscription[Symbol.asyncIterator]();
        await expect(withTimeout(iterator.next(), 5000)).resolves.toMatchObject({ done: true });
      });
    });

    describe('concurrency', () => {
      it('of 10 parallel appends with the same expected revision exactly one wins', async () => {
        const streamId = streamName('race');
        await seed(streamId, 1);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(streamId, [anEvent('Racer')], 0)),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter(
          (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
        );
        expect(rejected).toHaveLength(9);
        for (const outcome of rejected) expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it("of 10 parallel creations with 'no_stream' exactly one wins", async () => {
        const streamId = streamName('race-create');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(streamId, [anEvent('Creator')], 'no_stream')),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('parallel appends to different streams all succeed, each whole and readable once acknowledged', async () => {
        const prefix = streamName('parallel');
        const from = await headBefore();
        const appended = await Promise.all(
          Array.from({ length: 20 }, async (_, index) => {
            const streamId = `${prefix}-${index}`;
            const events = [anEvent('First', { index }), anEvent('Second', { index })];
            const result = await store.append(streamId, events, 'no_stream');
            // Acknowledged means stored: readable at once, at the position the append reported.
            const read = await store.readStream(streamId);
            expect(read.map((event) => event.id)).toEqual(events.map((event) => event.id));
            expect(comparePositions(read[1].globalPosition, result.position)).toBe(0);
            return result;
          }),
        );
        expect(appended.every((result) => result.nextExpectedRevision === 1)).toBe(true);
        const all = await store.readAll({ fromPosition: from, filter: { streamPrefixes: [prefix] } });
        expect(all).toHaveLength(40);
        for (let index = 0; index < all.length; index += 2) {
          expect(all[index].streamId).toBe(all[index + 1].streamId);
          expect([all[index].streamRevision, all[index + 1].streamRevision]).toEqual([0, 1]);
        }
        expect(new Set(appended.map((result) => `${result.position.commit}`)).size).toBe(20);
      });

      it('an append failing among parallel appends fails alone: the others are stored, it is not', async () => {
        const prefix = streamName('parallel-mixed');
        const stale = `${prefix}-stale`;
        await seed(stale, 2);
        const outcomes = await Promise.allSettled([
          store.append(`${prefix}-a`, [anEvent('A')], 'no_stream'),
          store.append(stale, [anEvent('Stale'), anEvent('Stale')], 0),
          store.append(`${prefix}-b`, [anEvent('B')], 'no_stream'),
          store.append(stale, [anEvent('Fresh')], 1),
          store.append(`${prefix}-c`, [anEvent('C')], 'no_stream'),
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual([
          'fulfilled',
          'rejected',
          'fulfilled',
          'fulfilled',
          'fulfilled',
        ]);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.readStream(stale)).map((event) => event.type)).toEqual([
          'Seeded',
          'Seeded',
          'Fresh',
        ]);
        for (const suffix of ['a', 'b', 'c'])
          expect(await store.readStream(`${prefix}-${suffix}`)).toHaveLength(1);
        expect((await verifyStoredStream(store, stale)).valid).toBe(true);
      });

      it('of 10 parallel multi-event appends racing on one stream the winner is stored whole, the others not at all', async () => {
        const streamId = streamName('race-batch');
        await seed(streamId, 1);
        const batches = Array.from({ length: 10 }, (_, racer) =>
          [0, 1, 2].map((index) => anEvent('Racer', { racer, index })),
        );
        const outcomes = await Promise.allSettled(batches.map((events) => store.append(streamId, events, 0)));
        const winner = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const read = await store.readStream(streamId);
        expect(read.slice(1).map((event) => event.id)).toEqual(batches[winner].map((event) => event.id));
        expect((await verifyStoredStream(store, streamId)).valid).toBe(true);
      });
    });

    describe('events in the append result', () => {
      it('when an adapter returns them, they are what a read of the stream returns — for a replay, the originals', async () => {
        const streamId = streamName('returned');
        await seed(streamId, 1);
        const events = [anEvent('A', { n: 1 }), anEvent('B', { nested: { list: [1, 'two', null, true] } })];
        const result = await store.append(streamId, events, 0);
        const replay = await store.append(streamId, events, 0);
        const read = await store.readStream(streamId, { fromRevision: 1 });
        expect(read).toHaveLength(2);
        // Optional in the port (EventStoreDB's append answers without them): absent reads as the stream.
        expect(result.events ?? read).toEqual(read);
        expect(replay.events ?? read).toEqual(read);
      });
    });

    describe('idempotent re-append', () => {
      it('the same ids with the same expected revision are a no-op returning the original result', async () => {
        const streamId = streamName('idem');
        await seed(streamId, 1);
        const events = [anEvent('A'), anEvent('B')];
        const original = await store.append(streamId, events, 0);
        const replay = await store.append(streamId, events, 0);
        expect(replay.nextExpectedRevision).toBe(original.nextExpectedRevision);
        expect(comparePositions(replay.position, original.position)).toBe(0);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it("a replayed creation with 'no_stream' and a replay with 'any' are no-ops", async () => {
        const streamId = streamName('idem-create');
        const events = [anEvent('A'), anEvent('B')];
        const original = await store.append(streamId, events, 'no_stream');
        expect(await store.append(streamId, events, 'no_stream')).toEqual(original);
        expect(await store.append(streamId, events, 'any')).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('a replay is still a no-op after later appends to the stream', async () => {
        const streamId = streamName('idem-later');
        const events = [anEvent('A')];
        const original = await store.append(streamId, events, 'no_stream');
        await store.append(streamId, [anEvent('Later')], 0);
        expect(await store.append(streamId, events, 'no_stream')).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('a partial overlap with stored ids is a WrongExpectedVersion', async () => {
        const streamId = streamName('idem-partial');
        const [a, b] = [anEvent('A'), anEvent('B')];
        await store.append(streamId, [a, b], 'no_stream');
        await expect(store.append(streamId, [a, anEvent('New')], 'no_stream')).rejects.toThrow(
          WrongExpectedVersionError,
        );
        await expect(store.append(streamId, [b, anEvent('New')], 0)).rejects.toThrow(
          WrongExpectedVersionError,
        );
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('the same id at another position is a WrongExpectedVersion', async () => {
        const streamId = streamName('idem-position');
        const a = anEvent('A');
        await store.append(streamId, [a], 'no_stream');
        await store.append(streamId, [anEvent('B')], 0);
        await expect(store.append(streamId, [a], 1)).rejects.toThrow(WrongExpectedVersionError);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('envelope', () => {
      it('round-trips every field of the envelope', async () => {
        const streamId = streamName('envelope');
        const event: EventToAppend = {
          id: randomUUID(),
          type: 'CertificateSuspended',
          schemaVersion: 2,
          data: {
            number: 'CMM-ICS-2026-00001',
            reason: '暂停 — suspension',
            nested: { list: [1, 'two', null, true] },
          },
          metadata: {
            actor: { id: 'user-registry', role: 'REGISTRY_OFFICER' },
            occurredAt: '2026-03-01T08:00:00.000Z',
            correlationId: randomUUID(),
            causationId: randomUUID(),
            schemeVersion: 'CMM-525-0002/v1',
          },
        };
        const result = await store.append(streamId, [event], 'no_stream');
        const [read] = await store.readStream(streamId);
        expect(read).toMatchObject({
          id: event.id,
          type: event.type,
          schemaVersion: 2,
          data: event.data,
          streamId,
          streamRevision: 0,
          metadata: { ...event.metadata, prevHash: ZERO_HASH },
        });
        expect(read.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(comparePositions(read.globalPosition, result.position)).toBe(0);
        expect(Number.isNaN(Date.parse(read.recordedAt))).toBe(false);
        const [fromAll] = await store.readAll({ filter: { streamPrefixes: [streamId] } });
        expect(fromAll).toEqual(read);
      });

      it('defaults schemaVersion to 1 and a missing causation to null', async () => {
        const streamId = streamName('envelope-defaults');
        await store.append(streamId, [anEvent('Plain')], 'no_stream');
        const [read] = await store.readStream(streamId);
        expect(read.schemaVersion).toBe(1);
        expect(read.metadata.causationId).toBeNull();
      });
    });

    describeStreamReferencesContract(() => store, anEvent);

    describe('hash chain', () => {
      it('links every event to the previous one and verifies after many appends', async () => {
        const streamId = streamName('chain');
        let expected: ExpectedRevision = 'no_stream';
        for (let batch = 0; batch < 10; batch++) {
          const size = (batch % 3) + 1;
          const result = await store.append(
            streamId,
            Array.from({ length: size }, (_, index) => anEvent('Chained', { batch, index })),
            expected,
          );
          expected = result.nextExpectedRevision;
        }
        const events = await store.readStream(streamId, { raw: true });
        expect(events).toHaveLength(19);
        expect(events[0].metadata.prevHash).toBe(ZERO_HASH);
        for (let index = 1; index < events.length; index++) {
          expect(events[index].metadata.prevHash).toBe(events[index - 1].metadata.hash);
        }
        expect(await verifyStoredStream(store, streamId)).toEqual({
          streamId,
          valid: true,
          headHash: events[18].metadata.hash,
          eventCount: 19,
        });
      });
    });
  });
};

/** A minimal valid event; tests vary type and data. */
export const anEvent = (type: string, data: object = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: {
    actor: { id: 'contract-tester', role: 'SYSTEM' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    schemeVersion: null,
  },
});

const expectWrongExpectedVersion = async (
  promise: Promise<unknown>,
  details: { streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' },
): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', ...details });
};

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

const waitUntil = async (condition: () => boolean, ms = 5000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** The event as a read asking for `metadata: false` should return it. */
const withoutMetadata = ({ metadata: _metadata, ...event }: RecordedEvent): EventWithoutMetadata => event;

/** Pulls messages one at a time, failing the test instead of hanging. */
export const readerOf = <E extends EventWithoutMetadata = RecordedEvent>(subscription: Subscription<E>) => {
  const iterator = subscription[Symbol.asyncIterator]();
  const next = async (ms = 5000): Promise<SubscriptionMessage<E>> => {
    const result = await withTimeout(iterator.next(), ms);
    if (result.done) throw new Error('subscription ended');
    return result.value;
  };
  return {
    next,
    /** Everything up to the caughtUp signal. */
    untilCaughtUp: async (): Promise<{ events: E[]; position: Position | null }> => {
      const events: E[] = [];
      for (;;) {
        const message = await next();
        if (isCaughtUp(message)) return { events, position: message.position };
        events.push(message);
      }
    },
  };
};
