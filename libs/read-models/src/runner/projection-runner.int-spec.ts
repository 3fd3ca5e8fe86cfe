import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  comparePositions,
  positionFromSequence,
  sequenceOf,
  serializePosition,
  SqliteEventStore,
  StoreUnavailableError,
} from '@app/event-store';
import type { EventStore, EventWithoutMetadata, Position } from '@app/event-store';
import type Database from 'better-sqlite3';
import { SqliteReadStore } from '../embedded';
import { tableNameOf } from '../embedded/schema';
import type { Projection } from '../projection';
import type { BatchWrite, ReadStore } from '../read-store.port';
import { DocumentBuffer } from './document-buffer';
import { prepareProjection } from './prepared-projection';
import { ProjectionRunner } from './projection-runner';
import {
  allDocuments,
  counted,
  counterProjection,
  event,
  expectedCounters,
  kindProjection,
  positionAfter,
  recordingLogger,
  seedLog,
} from './testing/runner-fixtures';
import type { CounterDoc } from './testing/runner-fixtures';

describe('ProjectionRunner (SQLite event store + embedded read store)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'projection-runner-'));
  let n = 0;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let runners: ProjectionRunner[];

  beforeEach(() => {
    n += 1;
    eventStore = SqliteEventStore.open({
      path: join(directory, `events-${n}.sqlite`),
      synchronous: 'NORMAL',
      pollIntervalMs: 20,
    });
    readStore = SqliteReadStore.open({ path: join(directory, `read-${n}.sqlite`) });
    runners = [];
  });
  afterEach(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await readStore.close();
    await eventStore.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const runner = (
    projections = [counterProjection()],
    options: ConstructorParameters<typeof ProjectionRunner>[3] = {},
    store: ReadStore = readStore,
  ): ProjectionRunner => {
    const created = new ProjectionRunner(eventStore, store, projections, {
      logger: recordingLogger(),
      ...options,
    });
    runners.push(created);
    return created;
  };
  const head = async (): Promise<Position> => (await eventStore.headPosition())!;
  const expectCountersMatchLog = async (generation?: string): Promise<void> => {
    const expected = [...(await expectedCounters(eventStore)).values()].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    expect(await allDocuments<CounterDoc>(readStore, 'counter', generation)).toEqual(expected);
  };

  it('catches up from the start of the log, activates the build, then follows live events', async () => {
    const streams = await seedLog(eventStore, { streams: 6, perStream: 40 });
    const projections = runner([counterProjection(), kindProjection()], { batchSize: 50 });
    await projections.start();
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    await expectCountersMatchLog();
    expect(await readStore.activeGeneration('counter')).toBe('v1');
    const kinds = await allDocuments<CounterDoc>(readStore, 'kinds');
    expect(kinds.reduce((total, kind) => total + kind.count, 0)).toBe(6 * 40);
    // A document fed by several streams remembers each of them.
    expect(Object.keys(kinds[0]._sources ?? {}).length).toBeGreaterThan(1);

    const appended = await eventStore.append(streams[0], [counted(5), counted(7)], 'any');
    await eventStore.append(streams[1], [event('Removed', {})], 'any');
    expect(await projections.waitFor(appended.position, 5000)).toBe(true);
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    expect(await readStore.get('counter', streams[1])).toBeNull();
    await expectCountersMatchLog();
    const status = await projections.status();
    expect(status.map((entry) => [entry.name, entry.state, entry.lag, entry.activeGeneration])).toEqual([
      ['counter', 'live', 0, 'v1'],
      ['kinds', 'live', 0, 'v1'],
    ]);
    expect(status[0].checkpoint).toBe(status[0].headPosition);
  });

  it('with a flush size of one, commits each readAll page, advancing the checkpoint also past unhandled events', async () => {
    for (let index = 0; index < 25; index++)
      await eventStore.append(`application-${index}`, [counted(index)], 'any');
    await eventStore.append('audit-1', [event('Ignored', {}), event('Ignored', {})], 'any');
    await eventStore.append('other-1', [counted(1)], 'any');
    const commits: BatchWrite[] = [];
    const spy: ReadStore = Object.assign(Object.create(readStore) as ReadStore, {
      commit: (batch: BatchWrite) => {
        commits.push(batch);
        return readStore.commit(batch);
      },
    });
    const projections = runner([counterProjection()], { batchSize: 10, flushSize: 1 }, spy);
    await projections.start();
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    expect(commits.map((batch) => [batch.writes.length, sequenceOf(batch.checkpoint)])).toEqual([
      [10, 10],
      [10, 20],
      // The short last batch moves the checkpoint to the head: past the audit and `other-` events.
      [5, 28],
    ]);
    expect((await projections.status())[0].lag).toBe(0);
  });

  it('reads only the event types its projections handle', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 10 });
    await eventStore.append('application-0', [event('Ignored', {})], 'any');
    const asked: (string[] | undefined)[] = [];
    const readAll = eventStore.readAll.bind(eventStore);
    jest.spyOn(eventStore, 'readAll').mockImplementation((options) => {
      asked.push(options?.filter?.eventTypes);
      return readAll(options);
    });
    const results = await runner([counterProjection(), kindProjection()], { batchSize: 10 }).rebuild();
    expect(results.map((result) => result.outcome)).toEqual(['activated', 'activated']);
    expect(asked.length).toBeGreaterThan(3);
    // The rebuild's scan for both; each projection's last few events after it, for its own types.
    expect([...(asked[0] ?? [])].sort()).toEqual(['Counted', 'Removed']);
    expect(new Set(asked.map((types) => [...(types ?? [])].sort().join()))).toEqual(
      new Set(['Counted,Removed', 'Counted']),
    );
    expect((await readStore.checkpoint('counter', 'v1.r1'))?.position).toEqual(await head());
    await expectCountersMatchLog();
  });

  it('folds the events without their metadata, catching up, live and rebuilding', async () => {
    const streams = await seedLog(eventStore, { streams: 2, perStream: 5 });
    const seen: boolean[] = [];
    const projection = counterProjection();
    const watching = {
      ...projection,
      evolve: (document: CounterDoc | null, recorded: EventWithoutMetadata) => {
        seen.push('metadata' in recorded);
        return projection.evolve(document, recorded);
      },
    };
    const projections = runner([watching]);
    await projections.start();
    const live = await eventStore.append(streams[0], [counted(3)], 'any');
    expect(await projections.waitFor(live.position, 5000)).toBe(true);
    await projections.rebuild();
    await expectCountersMatchLog();
    // 10 events caught up, 1 live, 11 rebuilt; none of them decoded with its metadata.
    expect(seen).toEqual(Array<boolean>(22).fill(false));
  });

  it('re-delivering events changes nothing', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 12 });
    const projections = runner();
    await projections.start();
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    await projections.stop();
    const before = await allDocuments<CounterDoc>(readStore, 'counter');

    const everything = await eventStore.readAll({ filter: { streamPrefixes: ['application-'] } });
    const prepared = prepareProjection(counterProjection());
    // Once from the store, once within a buffer that already folded them.
    const again = new DocumentBuffer(readStore, prepared, 'v1');
    await again.apply(everything);
    await again.flush(await head());
    const within = new DocumentBuffer(readStore, prepared, 'v1');
    await within.apply(everything.slice(0, 20));
    await within.apply(everything.slice(5, 20).reverse());
    await within.flush(await head());
    expect(await allDocuments<CounterDoc>(readStore, 'counter')).toEqual(before);
    await expectCountersMatchLog();
  });

  it('restarting from an older checkpoint leaves the same documents', async () => {
    await seedLog(eventStore, { streams: 4, perStream: 20 });
    const first = runner([counterProjection()], { batchSize: 7 });
    await first.start();
    expect(await first.waitFor(await head(), 5000)).toBe(true);
    await first.stop();
    const before = await allDocuments<CounterDoc>(readStore, 'counter');

    await readStore.commit({
      projection: 'counter',
      generation: 'v1',
      writes: [],
      checkpoint: positionFromSequence(3),
    });
    const second = runner([counterProjection()], { batchSize: 7 });
    await second.start();
    expect(await second.waitFor(await head(), 5000)).toBe(true);
    expect(await allDocuments<CounterDoc>(readStore, 'counter')).toEqual(before);
    await expectCountersMatchLog();
  });

  it('a failing event stops only its projection, is reported, and stays failed after a restart', async () => {
    const streams = await seedLog(eventStore, { streams: 3, perStream: 5 });
    const poison = await eventStore.append(streams[1], [counted(13, 'k1', { poison: true })], 'any');
    await eventStore.append(streams[2], [counted(99)], 'any');
    const poisoned = counterProjection({
      evolve: (document, recorded) => {
        if (recorded.data.poison) throw new Error('cannot count poison');
        return counterProjection().evolve(document, recorded);
      },
    });
    const logger = recordingLogger();
    const projections = runner([poisoned, kindProjection()], { batchSize: 4, logger });
    await projections.start();
    expect(await projections.waitFor(await head(), 5000, ['kinds'])).toBe(true);
    expect(await projections.waitFor(await head(), 2000)).toBe(false);

    const [counter, kinds] = await projections.status();
    expect(kinds.state).toBe('live');
    expect(counter.state).toBe('failed');
    const poisonEvent = (await eventStore.readStream(streams[1])).at(-1)!;
    expect(counter.failure).toEqual({
      position: `${poison.position.commit}/${poison.position.prepare}`,
      eventId: poisonEvent.id,
      eventType: 'Counted',
      message: 'cannot count poison',
    });
    // Not skipped: the checkpoint stays before the poison event, and the failure is logged as an error.
    expect(
      comparePositions((await readStore.checkpoint('counter', 'v1'))!.position!, poison.position),
    ).toBeLessThan(0);
    expect(logger.errors.join('\n')).toMatch(/counter.*cannot count poison/);
    await projections.stop();

    const restarted = runner([poisoned, kindProjection()], { batchSize: 4 });
    await restarted.start();
    expect(await restarted.waitFor(await head(), 500, ['counter'])).toBe(false);
    expect((await restarted.status())[0]).toMatchObject({
      state: 'failed',
      failure: { eventId: poisonEvent.id },
    });
    await restarted.stop();

    // Fixed code under a new version builds a new generation and serves it.
    const fixed = runner([counterProjection({ version: 2 }), kindProjection()], { batchSize: 4 });
    await fixed.start();
    expect(await fixed.waitFor(await head(), 5000)).toBe(true);
    expect(await readStore.generations('counter')).toEqual(['v2']);
    await expectCountersMatchLog();
  });

  it('a store that is unavailable for a while is no failure: the projection tries again from its checkpoint', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 10 });
    let outage = true;
    const attempts: string[] = [];
    const flaky: ReadStore = Object.assign(Object.create(readStore) as ReadStore, {
      commit: (batch: BatchWrite) => {
        attempts.push(serializePosition(batch.checkpoint));
        return outage
          ? Promise.reject(new StoreUnavailableError('read store unavailable: connection refused'))
          : readStore.commit(batch);
      },
    });
    const logger = recordingLogger();
    const projections = runner(
      [counterProjection()],
      { logger, retryBackoff: { initialMs: 10, maxMs: 40 } },
      flaky,
    );
    await projections.start();
    while (attempts.length < 4) await new Promise((wait) => setTimeout(wait, 5));
    const [during] = await projections.status();
    expect(during).toMatchObject({ state: 'retrying', failure: null });
    expect(logger.logs.join('\n')).toMatch(
      /counter: a store is unavailable \(read store unavailable.*trying again in 10 ms/,
    );
    // Each try starts again from the stored checkpoint: the same commit, nothing skipped.
    expect(new Set(attempts).size).toBe(1);
    outage = false;
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    while ((await projections.status())[0].state !== 'live') await new Promise((wait) => setTimeout(wait, 5));
    expect((await projections.status())[0].failure).toBeNull();
    await expectCountersMatchLog();
    expect(logger.errors).toEqual([]);
    // And live: a later outage, then events appended meanwhile, are projected once it is over.
    outage = true;
    await eventStore.append('application-late', [counted(7)], 'any');
    await new Promise((wait) => setTimeout(wait, 50));
    expect((await projections.status())[0].state).toBe('retrying');
    outage = false;
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    await expectCountersMatchLog();
  });

  it('a code version bump builds the new generation while the old one serves, then switches', async () => {
    await seedLog(eventStore, { streams: 4, perStream: 30 });
    const first = runner([counterProjection()], { batchSize: 20 });
    await first.start();
    expect(await first.waitFor(await head(), 5000)).toBe(true);
    await first.stop();

    const seen: (string | null)[] = [];
    const watching: ReadStore = Object.assign(Object.create(readStore) as ReadStore, {
      commit: async (batch: BatchWrite) => {
        await readStore.commit(batch);
        seen.push(await readStore.activeGeneration('counter'));
      },
    });
    const bumped = runner([counterProjection({ version: 2 })], { batchSize: 20, flushSize: 1 }, watching);
    await bumped.start();
    expect(await bumped.waitFor(await head(), 5000)).toBe(true);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.slice(0, -1).every((generation) => generation === 'v1')).toBe(true);
    expect(await readStore.activeGeneration('counter')).toBe('v2');
    expect(await readStore.generations('counter')).toEqual(['v2']);
    await expectCountersMatchLog();
  });

  it('rebuild fills a new generation while readers keep the old one, and switches when caught up', async () => {
    const streams = await seedLog(eventStore, { streams: 5, perStream: 40 });
    const projections = runner([counterProjection()], { batchSize: 25 });
    await projections.start();
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    const before = await allDocuments<CounterDoc>(readStore, 'counter');

    const duringRebuild: Promise<[string | null, number, string]>[] = [];
    const progress: [number, number][] = [];
    const states: Promise<string>[] = [];
    const [result] = await projections.rebuild('counter', (done, total) => {
      progress.push([done, total]);
      duringRebuild.push(
        Promise.all([
          readStore.activeGeneration('counter'),
          readStore.find('counter', {}).then((page) => page.total),
          readStore.get<CounterDoc>('counter', streams[0]).then((document) => JSON.stringify(document)),
        ]),
      );
      states.push(projections.status().then((status) => status[0].state));
    });
    expect(result).toMatchObject({ outcome: 'activated', generation: 'v1.r1', failure: null });
    const total = sequenceOf(await head());
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual([total, total]);
    for (const [active, count, first] of (await Promise.all(duringRebuild)).slice(0, -1)) {
      expect([active, count]).toEqual(['v1', before.length]);
      expect(first).toBe(JSON.stringify(before.find((document) => document.id === streams[0])));
    }
    expect((await Promise.all(states)).slice(0, 3)).toEqual(['rebuilding', 'rebuilding', 'rebuilding']);
    expect(await readStore.activeGeneration('counter')).toBe('v1.r1');
    expect(await readStore.generations('counter')).toEqual(['v1.r1']);
    await expectCountersMatchLog();

    // Live following continues on the new generation.
    const appended = await eventStore.append(streams[3], [counted(1000)], 'any');
    expect(await projections.waitFor(appended.position, 5000)).toBe(true);
    await expectCountersMatchLog('v1.r1');
    expect((await projections.status())[0]).toMatchObject({
      state: 'live',
      activeGeneration: 'v1.r1',
      lag: 0,
    });

    const [second] = await projections.rebuild('counter');
    expect(second.generation).toBe('v1.r2');
    await expectCountersMatchLog();
  });

  it('a rebuild run by another process (the CLI beside the API) leaves the live runner following the new generation', async () => {
    const streams = await seedLog(eventStore, { streams: 4, perStream: 20 });
    const logger = recordingLogger();
    const live = runner([counterProjection()], { logger });
    await live.start();
    expect(await live.waitFor(await head(), 5000)).toBe(true);

    // The other process: its own connections to the same files.
    const otherEvents = SqliteEventStore.open({ path: join(directory, `events-${n}.sqlite`) });
    const otherReads = SqliteReadStore.open({ path: join(directory, `read-${n}.sqlite`) });
    try {
      const cli = new ProjectionRunner(otherEvents, otherReads, [counterProjection()], {
        logger: recordingLogger(),
      });
      expect((await cli.rebuild('counter'))[0]).toMatchObject({ outcome: 'activated', generation: 'v1.r1' });
    } finally {
      await otherReads.close();
      await otherEvents.close();
    }
    expect(await readStore.generations('counter')).toEqual(['v1.r1']);

    // The live runner's generation is gone: its next commit is refused, and it goes on with the active one.
    const appended = await eventStore.append(streams[1], [counted(1000)], 'any');
    expect(await live.waitFor(appended.position, 5000)).toBe(true);
    await expectCountersMatchLog('v1.r1');
    expect((await live.status())[0]).toMatchObject({
      state: 'live',
      activeGeneration: 'v1.r1',
      generation: 'v1.r1',
      failure: null,
      lag: 0,
    });
    expect(logger.errors).toEqual([]);
    expect(logger.logs).toContainEqual(
      expect.stringMatching(/v1 was dropped by another process.*\(v1\.r1\)/),
    );
  });

  /** The secondary indexes of a generation's table in the embedded store. */
  const indexesOf = (generation: string): string[] => {
    // Only visible through the driver, which the adapter keeps private.
    const db = (readStore as unknown as { db: Database.Database }).db;
    const rows = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
      .all(tableNameOf('counter', generation)) as { name: string }[];
    return rows.map((row) => row.name);
  };

  it('a rebuild fills its generation without maintaining indexes, and builds them before readers switch', async () => {
    await seedLog(eventStore, { streams: 5, perStream: 40 });
    const activated: { generation: string; indexes: number }[] = [];
    const watching: ReadStore = Object.assign(Object.create(readStore) as ReadStore, {
      activate: async (projection: string, generation: string) => {
        activated.push({ generation, indexes: indexesOf(generation).length });
        await readStore.activate(projection, generation);
      },
    });
    const projections = runner([counterProjection()], { batchSize: 25 }, watching);
    await projections.start();
    expect(await projections.waitFor(await head(), 5000)).toBe(true);

    const during: { serving: number; filling: string[] }[] = [];
    const [result] = await projections.rebuild('counter', () => {
      during.push({ serving: indexesOf('v1').length, filling: indexesOf('v1.r1') });
    });
    expect(result).toMatchObject({ outcome: 'activated', generation: 'v1.r1' });
    expect(during.length).toBeGreaterThan(3);
    expect(during).toEqual(during.map(() => ({ serving: 1, filling: [] })));
    expect(activated).toEqual([
      { generation: 'v1', indexes: 1 },
      { generation: 'v1.r1', indexes: 1 },
    ]);
    await expectCountersMatchLog();
  });

  it('a rebuild reports where its time went: the log read once, and per read model its folds, commits and finish', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 4 });
    // A clock that moves only where this test says: 1,000 per read of the log, 100 per commit, and per event
    // folded 1 for the counters and 10 for the kinds.
    let clock = 0;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
    const reading: EventStore = Object.assign(Object.create(eventStore) as EventStore, {
      headPosition: () => eventStore.headPosition(),
      readAll: async (options: Parameters<EventStore['readAll']>[0]) => {
        clock += 1000;
        return eventStore.readAll(options);
      },
    });
    const committing: ReadStore = Object.assign(Object.create(readStore) as ReadStore, {
      commit: async (batch: BatchWrite) => {
        clock += 100;
        await readStore.commit(batch);
      },
    });
    const ticking = (projection: Projection<CounterDoc>, step: number): Projection<CounterDoc> => ({
      ...projection,
      evolve: (document, recorded) => {
        clock += step;
        return projection.evolve(document, recorded);
      },
    });
    const projections = new ProjectionRunner(
      reading,
      committing,
      [ticking(counterProjection(), 1), ticking(kindProjection(), 10)],
      { logger: recordingLogger(), batchSize: 5 },
    );
    runners.push(projections);
    try {
      const results = await projections.rebuild();
      // 12 Counted events in the streams read, 5 a read: 3 reads; each model commits once, at the end of the log.
      expect(results.map(({ projection, time }) => ({ projection, ...time, finishMs: undefined }))).toEqual([
        { projection: 'counter', readMs: 3000, foldMs: 12, writeMs: 100, finishMs: undefined },
        { projection: 'kinds', readMs: 3000, foldMs: 120, writeMs: 100, finishMs: undefined },
      ]);
      // Each finish reads the log once more, for the events appended while it was read.
      for (const { time } of results) expect(time.finishMs).toBeGreaterThanOrEqual(1000);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('a code version bump builds its generation without maintaining indexes, and builds them before the switch', async () => {
    await seedLog(eventStore, { streams: 4, perStream: 30 });
    const first = runner([counterProjection()], { batchSize: 20 });
    await first.start();
    expect(await first.waitFor(await head(), 5000)).toBe(true);
    await first.stop();

    const during: { active: string | null; serving: number; filling: string[] }[] = [];
    const activated: { generation: string; indexes: number }[] = [];
    const watching: ReadStore = Object.assign(Object.create(readStore) as ReadStore, {
      commit: async (batch: BatchWrite) => {
        await readStore.commit(batch);
        const active = await readStore.activeGeneration('counter');
        if (active === 'v1')
          during.push({ active, serving: indexesOf('v1').length, filling: indexesOf('v2') });
      },
      activate: async (projection: string, generation: string) => {
        activated.push({ generation, indexes: indexesOf(generation).length });
        await readStore.activate(projection, generation);
      },
    });
    const bumped = runner([counterProjection({ version: 2 })], { batchSize: 20, flushSize: 1 }, watching);
    await bumped.start();
    expect(await bumped.waitFor(await head(), 5000)).toBe(true);
    expect(during.length).toBeGreaterThan(3);
    expect(during).toEqual(during.map(() => ({ active: 'v1', serving: 1, filling: [] })));
    expect(activated).toEqual([{ generation: 'v2', indexes: 1 }]);
  });

  it('rebuilding a failed projection clears the failure once the code no longer fails', async () => {
    const streams = await seedLog(eventStore, { streams: 2, perStream: 3 });
    await eventStore.append(streams[0], [counted(1, 'k1', { poison: true })], 'any');
    let broken = true;
    const flaky = counterProjection({
      evolve: (document, recorded) => {
        if (broken && recorded.data.poison) throw new Error('poison');
        return counterProjection().evolve(document, recorded);
      },
    });
    const projections = runner([flaky]);
    await projections.start();
    expect(await projections.waitFor(await head(), 1000)).toBe(false);
    const [failed] = await projections.rebuild('counter');
    expect(failed).toMatchObject({ outcome: 'failed', generation: 'v1.r1', failure: { message: 'poison' } });
    expect((await projections.status())[0].state).toBe('failed');

    broken = false;
    const [rebuilt] = await projections.rebuild('counter');
    expect(rebuilt).toMatchObject({ outcome: 'activated', generation: 'v1.r2' });
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    // Readers have everything at once; the worker turns live when its subscription reports caught up.
    for (let tries = 0; (await projections.status())[0].state !== 'live' && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await projections.status())[0]).toMatchObject({ state: 'live', failure: null });
    await expectCountersMatchLog();
  });

  it('reports lag while stopped and waitFor resolves false on timeout, true once caught up', async () => {
    await seedLog(eventStore, { streams: 2, perStream: 5 });
    const projections = runner();
    await projections.start();
    expect(await projections.waitFor(await head(), 5000)).toBe(true);
    await projections.stop();
    await eventStore.append('application-late', [counted(1), counted(2), counted(3)], 'any');
    expect((await projections.status())[0]).toMatchObject({ state: 'stopped', lag: 3 });

    const future = positionAfter(await head(), 1);
    const restarted = runner();
    await restarted.start();
    const started = Date.now();
    expect(await restarted.waitFor(future, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const waiting = restarted.waitFor(future, 5000);
    await eventStore.append('application-late', [counted(4)], 'any');
    expect(await waiting).toBe(true);
    expect((await restarted.status())[0].lag).toBe(0);
  });
});
