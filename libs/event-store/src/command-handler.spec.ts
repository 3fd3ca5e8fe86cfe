import { version as uuidVersion } from 'uuid';
import { DomainError, invalidTransition } from '@app/domain';
import type { Command, Decider, DomainEvent } from '@app/domain';
import { actors, ctx } from '@app/testing';
import { handleCommand, idempotentEventId, loadAggregate } from './command-handler';
import { StreamNotFoundError, WrongExpectedVersionError } from './errors';
import type { EventStore } from './event-store.port';
import { comparePositions } from './position';
import { SqliteEventStore } from './sqlite';

// A tiny counter aggregate: independent of the real deciders.
type CounterCommand =
  | Command<'Open', { schemeVersion: string }>
  | Command<'Increment', { by: number }>
  | Command<'Touch', Record<string, never>>
  | Command<'Close', Record<string, never>>;
type CounterEvent =
  | DomainEvent<'Opened', { schemeVersion: string }>
  | DomainEvent<'Incremented', { by: number }>
  | DomainEvent<'Closed', { finalCount: number }>;
interface CounterState {
  status: 'NONE' | 'OPEN' | 'CLOSED';
  count: number;
  schemeVersion: string | null;
}

const counter: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { status: 'NONE', count: 0, schemeVersion: null },
  evolve: (state, event) => {
    switch (event.type) {
      case 'Opened':
        return { ...state, status: 'OPEN', schemeVersion: event.data.schemeVersion };
      case 'Incremented':
        return { ...state, count: state.count + event.data.by };
      case 'Closed':
        return { ...state, status: 'CLOSED' };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Open':
        return state.status === 'NONE'
          ? [{ type: 'Opened', data: command.data }]
          : invalidTransition('Open', state.status);
      case 'Increment':
        return state.status === 'OPEN'
          ? [{ type: 'Incremented', data: command.data }]
          : invalidTransition('Increment', state.status);
      case 'Touch':
        return []; // nothing to record
      case 'Close':
        return state.status === 'OPEN'
          ? [
              { type: 'Incremented', data: { by: 1 } },
              { type: 'Closed', data: { finalCount: state.count + 1 } },
            ]
          : invalidTransition('Close', state.status);
    }
  },
};

const NOW = '2026-03-01T08:00:00.000Z';
const open = (): CounterCommand => ({
  type: 'Open',
  data: { schemeVersion: 'CMM-525-0002/v1' },
  context: ctx(actors.registryOfficer, NOW),
});
const increment = (by = 1): CounterCommand => ({
  type: 'Increment',
  data: { by },
  context: ctx(actors.system, NOW),
});
const close = (): CounterCommand => ({ type: 'Close', data: {}, context: ctx(actors.registryOfficer, NOW) });
const touch = (): CounterCommand => ({ type: 'Touch', data: {}, context: ctx(actors.system, NOW) });

const isIncrementBy = (command: CounterCommand, by: number): boolean =>
  command.type === 'Increment' && command.data.by === by;

/** A store whose next `times` appends are each preceded by a concurrent writer's event on the same stream. */
const withIntruder = (store: EventStore, times: number): EventStore => {
  let remaining = times;
  return Object.assign(Object.create(store) as EventStore, {
    append: async (...args: Parameters<EventStore['append']>) => {
      if (remaining-- > 0) await handleCommand(store, counter, args[0], increment(100));
      return store.append(...args);
    },
  });
};

describe('handleCommand', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('creates a missing stream from the initial state and fills the envelope from the command context', async () => {
    const result = await handleCommand(store, counter, 'counter-1', open(), {
      correlationId: 'corr-1',
      causationId: 'cause-1',
    });
    expect(result).toMatchObject({ streamId: 'counter-1', nextExpectedRevision: 0 });
    expect(result.state).toEqual({ status: 'OPEN', count: 0, schemeVersion: 'CMM-525-0002/v1' });
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      type: 'Opened',
      streamRevision: 0,
      data: { schemeVersion: 'CMM-525-0002/v1' },
      metadata: {
        actor: actors.registryOfficer,
        occurredAt: NOW,
        correlationId: 'corr-1',
        causationId: 'cause-1',
        schemeVersion: 'CMM-525-0002/v1',
      },
    });
    expect(
      comparePositions(result.position ?? { commit: 0n, prepare: 0n }, result.events[0].globalPosition),
    ).toBe(0);
    expect(await store.readStream('counter-1')).toEqual(result.events);
  });

  it('folds the stored stream before deciding and appends after the revision read', async () => {
    await handleCommand(store, counter, 'counter-1', open());
    await handleCommand(store, counter, 'counter-1', increment(2));
    const result = await handleCommand(store, counter, 'counter-1', close());
    expect(result.events.map((event) => [event.type, event.streamRevision])).toEqual([
      ['Incremented', 2],
      ['Closed', 3],
    ]);
    expect(result.events[1].data).toEqual({ finalCount: 3 });
    expect(result.state).toEqual({ status: 'CLOSED', count: 3, schemeVersion: 'CMM-525-0002/v1' });
    expect(result.nextExpectedRevision).toBe(3);
  });

  it('reads the stream once when the store returns the appended events, and reads them back when it does not', async () => {
    await handleCommand(store, counter, 'counter-1', open());
    const reads = jest.spyOn(store, 'readStream');
    const returned = await handleCommand(store, counter, 'counter-1', close());
    expect(reads).toHaveBeenCalledTimes(1);
    // A store whose append answers without the events (as EventStoreDB's does).
    const withoutEvents = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        const { events: _events, ...result } = await store.append(...args);
        return result;
      },
    });
    await handleCommand(store, counter, 'counter-2', open());
    reads.mockClear();
    const readBack = await handleCommand(withoutEvents, counter, 'counter-2', close());
    expect(reads).toHaveBeenCalledTimes(2);
    expect(readBack.events).toEqual(await store.readStream('counter-2', { fromRevision: 1 }));
    expect(returned.events).toEqual(await store.readStream('counter-1', { fromRevision: 1 }));
    expect(readBack.state).toEqual(returned.state);
  });

  it('defaults: a fresh correlation id, no causation, scheme version from the state option or null', async () => {
    await handleCommand(store, counter, 'counter-1', open());
    const withoutOption = await handleCommand(store, counter, 'counter-1', increment());
    expect(withoutOption.events[0].metadata).toMatchObject({ causationId: null, schemeVersion: null });
    expect(withoutOption.events[0].metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const withOption = await handleCommand(store, counter, 'counter-1', increment(), {
      schemeVersion: (state) => state.schemeVersion,
    });
    expect(withOption.events[0].metadata.schemeVersion).toBe('CMM-525-0002/v1');
    expect(withOption.events[0].metadata.correlationId).not.toBe(
      withoutOption.events[0].metadata.correlationId,
    );
  });

  it('gives new events time-ordered ids (UUID version 7): each id sorts after the ids made before it', async () => {
    await handleCommand(store, counter, 'counter-1', open());
    for (let i = 0; i < 20; i++) await handleCommand(store, counter, 'counter-1', increment());
    await handleCommand(store, counter, 'counter-1', close());
    const ids = (await store.readStream('counter-1')).map((event) => event.id);
    expect(ids).toHaveLength(23);
    expect(ids.map((id) => uuidVersion(id))).toEqual(ids.map(() => 7));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('appends nothing when the decider decides no events', async () => {
    const missing = await handleCommand(store, counter, 'counter-1', touch());
    expect(missing).toEqual({
      streamId: 'counter-1',
      events: [],
      nextExpectedRevision: -1,
      position: null,
      state: counter.initialState,
    });
    expect(await store.streamExists('counter-1')).toBe(false);
    await handleCommand(store, counter, 'counter-1', open());
    expect(await handleCommand(store, counter, 'counter-1', touch())).toMatchObject({
      events: [],
      nextExpectedRevision: 0,
    });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('with mustExist, refuses a stream that does not exist before deciding, and acts on one that does', async () => {
    const error = await handleCommand(store, counter, 'counter-1', open(), { mustExist: true }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(await store.streamExists('counter-1')).toBe(false);
    await handleCommand(store, counter, 'counter-1', open());
    expect(await handleCommand(store, counter, 'counter-1', increment(), { mustExist: true })).toMatchObject({
      nextExpectedRevision: 1,
    });
  });

  it('lets DomainErrors from decide propagate unchanged and appends nothing', async () => {
    const error = await handleCommand(store, counter, 'counter-1', increment()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { command: 'Increment', state: 'NONE' },
    });
    expect(await store.streamExists('counter-1')).toBe(false);
  });

  describe('optimistic concurrency', () => {
    it('with an expectedRevision (If-Match) that is current, appends', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      const result = await handleCommand(store, counter, 'counter-1', increment(), { expectedRevision: 0 });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('with a stale expectedRevision, throws WrongExpectedVersion without deciding or retrying', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      await handleCommand(store, counter, 'counter-1', increment());
      const decide = jest.spyOn(counter, 'decide');
      try {
        await expect(
          handleCommand(store, counter, 'counter-1', increment(), { expectedRevision: 0 }),
        ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', expected: 0, actual: 1 });
        expect(decide).not.toHaveBeenCalled();
      } finally {
        decide.mockRestore();
      }
    });

    it('with an expectedRevision, a conflict at append time is rethrown, not retried', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      await expect(
        handleCommand(withIntruder(store, 1), counter, 'counter-1', increment(), { expectedRevision: 0 }),
      ).rejects.toThrow(WrongExpectedVersionError);
      expect(await store.readStream('counter-1')).toHaveLength(2); // Opened + the intruder's event only
    });

    it('without an expectedRevision, re-reads and retries after a conflict', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      const decide = jest.spyOn(counter, 'decide');
      try {
        const result = await handleCommand(withIntruder(store, 2), counter, 'counter-1', increment(5));
        // Three attempts of ours (by 5); the intruder's two commands (by 100) also go through decide.
        expect(decide.mock.calls.filter(([command]) => isIncrementBy(command, 5))).toHaveLength(3);
        expect(result.nextExpectedRevision).toBe(3);
        expect(result.state.count).toBe(205);
      } finally {
        decide.mockRestore();
      }
    });

    it('gives up after `retries` retries', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      const decide = jest.spyOn(counter, 'decide');
      try {
        await expect(
          handleCommand(withIntruder(store, 10), counter, 'counter-1', increment(), { retries: 2 }),
        ).rejects.toThrow(WrongExpectedVersionError);
        // 3 attempts of ours, 3 intruder commands.
        expect(decide.mock.calls.filter(([command]) => isIncrementBy(command, 1))).toHaveLength(3);
      } finally {
        decide.mockRestore();
      }
    });
  });

  describe('idempotency key', () => {
    it('derives event ids deterministically from (key, stream, index)', async () => {
      const result = await handleCommand(store, counter, 'counter-1', open(), { idempotencyKey: 'key-1' });
      expect(result.events[0].id).toBe(idempotentEventId('key-1', 'counter-1', 0));
      expect(idempotentEventId('key-1', 'counter-1', 0)).not.toBe(idempotentEventId('key-2', 'counter-1', 0));
      expect(idempotentEventId('key-1', 'counter-1', 0)).not.toBe(idempotentEventId('key-1', 'counter-2', 0));
      expect(idempotentEventId('key-1', 'counter-1', 0)).not.toBe(idempotentEventId('key-1', 'counter-1', 1));
    });

    it('a retried request returns the original result and appends nothing, even after later commands', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      const original = await handleCommand(store, counter, 'counter-1', close(), {
        idempotencyKey: 'close-1',
      });
      await handleCommand(store, counter, 'counter-2', open());
      // Deciding again would be refused (already closed): the replay must not decide.
      const replay = await handleCommand(store, counter, 'counter-1', close(), {
        idempotencyKey: 'close-1',
        expectedRevision: 0,
      });
      expect(replay).toEqual(original);
      expect(await store.readStream('counter-1')).toHaveLength(3);
    });

    it('two concurrent requests with the same key append once and both get the same events', async () => {
      const [a, b] = await Promise.all([
        handleCommand(store, counter, 'counter-1', open(), { idempotencyKey: 'open-1' }),
        handleCommand(store, counter, 'counter-1', open(), { idempotencyKey: 'open-1' }),
      ]);
      expect(b.events).toEqual(a.events);
      expect(b.state).toEqual(a.state);
      expect(await store.readStream('counter-1')).toHaveLength(1);
    });

    it('a different key is a different request', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      await handleCommand(store, counter, 'counter-1', increment(), { idempotencyKey: 'inc-1' });
      await handleCommand(store, counter, 'counter-1', increment(), { idempotencyKey: 'inc-2' });
      expect((await loadAggregate(store, counter, 'counter-1')).state.count).toBe(2);
    });
  });

  describe('loadAggregate', () => {
    it('returns the initial state and no revision for a missing stream', async () => {
      expect(await loadAggregate(store, counter, 'counter-404')).toEqual({
        state: counter.initialState,
        revision: null,
        events: [],
      });
    });

    it('folds the stream and returns its last revision', async () => {
      await handleCommand(store, counter, 'counter-1', open());
      await handleCommand(store, counter, 'counter-1', increment(4));
      const loaded = await loadAggregate(store, counter, 'counter-1');
      expect(loaded.state).toEqual({ status: 'OPEN', count: 4, schemeVersion: 'CMM-525-0002/v1' });
      expect(loaded.revision).toBe(1);
    });
  });
});
