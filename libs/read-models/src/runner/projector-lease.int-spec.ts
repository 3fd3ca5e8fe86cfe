import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { SqliteReadStore } from '../embedded';
import type { ReadStore } from '../read-store.port';
import { ProjectionRunner } from './projection-runner';
import { LeaseLostError, PROJECTOR_LEASE, ProjectorLease } from './projector-lease';
import { ReadModelObserver } from './read-model-status';
import {
  allDocuments,
  counterProjection,
  expectedCounters,
  recordingLogger,
  seedLog,
} from './testing/runner-fixtures';
import type { CounterDoc } from './testing/runner-fixtures';

const TTL_MS = 600;

const eventually = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Two processes' projectors on one event store and one read store file, each with connections of its own: one
 * runs the projections, the other stands by and takes over.
 */
describe('ProjectorLease (one active projector per read store)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'projector-lease-'));
  let n = 0;
  let eventStore: SqliteEventStore;
  let readStorePath: string;
  const opened: { close(): Promise<void> }[] = [];
  const leases: ProjectorLease[] = [];

  beforeEach(() => {
    n += 1;
    eventStore = SqliteEventStore.open({
      path: join(directory, `events-${n}.sqlite`),
      synchronous: 'NORMAL',
      pollIntervalMs: 20,
    });
    readStorePath = join(directory, `read-${n}.sqlite`);
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.stop()));
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await eventStore.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** A process's projector: its own read-store connection, the counter projection. */
  const projector = (holder?: string, now?: () => number) => {
    const readStore = SqliteReadStore.open({ path: readStorePath });
    opened.push(readStore);
    const logger = recordingLogger();
    const projections = [counterProjection()];
    let fenced: ReadStore | undefined;
    const lease = new ProjectorLease(
      readStore,
      new ReadModelObserver(eventStore, readStore, projections, 20),
      (store) => {
        fenced = store;
        return new ProjectionRunner(eventStore, store, projections, { logger });
      },
      { ttlMs: TTL_MS, holder, logger, now },
    );
    leases.push(lease);
    return { lease, readStore, logger, fenced: fenced! };
  };

  const projected = async (readStore: SqliteReadStore): Promise<CounterDoc[]> =>
    allDocuments<CounterDoc>(readStore, 'counter');
  const expected = async (): Promise<CounterDoc[]> =>
    [...(await expectedCounters(eventStore)).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const states = async (lease: ProjectorLease): Promise<string[]> => [
    ...new Set((await lease.status()).map((status) => status.state)),
  ];

  it('runs the projections in the first process only; the second stands by and says so', async () => {
    await seedLog(eventStore, { streams: 4, perStream: 5 });
    const first = projector('first');
    const second = projector('second');
    await first.lease.start();
    await second.lease.start();
    expect([first.lease.isActive, second.lease.isActive]).toEqual([true, false]);
    await eventually(async () => (await states(first.lease)).join() === 'live');
    expect(await states(second.lease)).toEqual(['standby']);
    expect(second.logger.logs).toContain('Lease projector held by first: this process stands by');
    expect(await projected(second.readStore)).toEqual(await expected());
  });

  it('hands over at once on a clean stop: the other process takes the lease and follows the log from there', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 4 });
    const first = projector('first');
    const second = projector('second');
    await first.lease.start();
    await second.lease.start();
    await eventually(async () => (await states(first.lease)).join() === 'live');
    await first.lease.stop();
    await eventually(() => second.lease.isActive, TTL_MS);
    await seedLog(eventStore, { streams: 2, perStream: 3 });
    await eventually(async () => (await states(second.lease)).join() === 'live');
    await eventually(
      async () => JSON.stringify(await projected(first.readStore)) === JSON.stringify(await expected()),
    );
    expect(first.logger.errors).toEqual([]);
  });

  it('takes over from a process that died holding the lease once its lease has expired', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 4 });
    const { readStore } = projector('observer');
    // A holder that will never renew: a process killed with its lease taken.
    const takenAt = Date.now();
    await readStore.takeLease(PROJECTOR_LEASE, 'killed', new Date(takenAt + TTL_MS), new Date(takenAt));
    const survivor = projector('survivor');
    await survivor.lease.start();
    expect(survivor.lease.isActive).toBe(false);
    expect(await states(survivor.lease)).toEqual(['standby']);
    await eventually(() => survivor.lease.isActive, 3 * TTL_MS);
    expect(Date.now() - takenAt).toBeGreaterThanOrEqual(TTL_MS);
    await eventually(
      async () => JSON.stringify(await projected(readStore)) === JSON.stringify(await expected()),
    );
  });

  it('takes over at once from a holder of this host whose process no longer runs (killed, then started again)', async () => {
    await seedLog(eventStore, { streams: 2, perStream: 3 });
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    const { readStore } = projector('observer');
    const now = Date.now();
    const takeAs = (holder: string) =>
      readStore.takeLease(PROJECTOR_LEASE, holder, new Date(now + 60_000), new Date(now));
    await takeAs(`${hostname()}/${ended}/killed00`);
    const restarted = projector();
    await restarted.lease.start();
    expect(restarted.lease.isActive).toBe(true);
    expect(restarted.logger.logs).toContain(
      `Lease projector: ${hostname()}/${ended}/killed00 no longer runs on this host`,
    );
    await eventually(
      async () => JSON.stringify(await projected(readStore)) === JSON.stringify(await expected()),
    );
  });

  it('waits for the lease of a holder on another host, or of a process of this host that still runs', async () => {
    const { readStore } = projector('observer');
    const now = Date.now();
    await readStore.takeLease(
      PROJECTOR_LEASE,
      `another-host/${process.pid + 1}/a1b2c3d4`,
      new Date(now + 60_000),
      new Date(now),
    );
    const waiting = projector();
    await waiting.lease.start();
    expect(waiting.lease.isActive).toBe(false);
    await readStore.releaseLease(PROJECTOR_LEASE, `another-host/${process.pid + 1}/a1b2c3d4`);
    await readStore.takeLease(
      PROJECTOR_LEASE,
      `${hostname()}/${process.ppid}/runs0000`,
      new Date(now + 60_000),
      new Date(now),
    );
    const alsoWaiting = projector();
    await alsoWaiting.lease.start();
    expect(alsoWaiting.lease.isActive).toBe(false);
  });

  it('refuses its writes once a third of the lease is not left by its own clock, and resumes when it renews', async () => {
    let skew = 0;
    const holder = projector('paused', () => Date.now() + skew);
    await holder.lease.start();
    await eventually(async () => (await states(holder.lease)).join() === 'live');
    // As if the process had been paused past the point it may write to (and had not renewed meanwhile).
    skew = TTL_MS;
    await expect(holder.fenced.activate('counter', 'v1')).rejects.toBeInstanceOf(LeaseLostError);
    // Reads go on.
    expect(await holder.fenced.activeGeneration('counter')).toBe('v1');
    // No one took the lease meanwhile: the next renewal (by the same clock) lets it write again.
    await eventually(() =>
      holder.fenced.activate('counter', 'v1').then(
        () => true,
        () => false,
      ),
    );
    await seedLog(eventStore, { streams: 2, perStream: 2 });
    await eventually(
      async () => JSON.stringify(await projected(holder.readStore)) === JSON.stringify(await expected()),
    );
    expect(holder.lease.isActive).toBe(true);
    expect(holder.logger.errors).toEqual([]);
  });

  it('stops a projection whose write was refused for the lease without recording a failure, and runs it again', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 3 });
    const readStore = SqliteReadStore.open({ path: readStorePath });
    opened.push(readStore);
    let refusing = true;
    const refusingCommits: ReadStore = new Proxy(readStore, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (key === 'commit' && refusing) return () => Promise.reject(new LeaseLostError('this process'));
        return value.bind(target);
      },
    });
    const logger = recordingLogger();
    const runner = new ProjectionRunner(eventStore, refusingCommits, [counterProjection()], { logger });
    await runner.start();
    await eventually(async () => (await runner.status())[0].state === 'stopped');
    expect(logger.errors).toEqual([]);
    expect(
      logger.logs.some((line) => line.startsWith('Projection counter: stopped, the projector lease')),
    ).toBe(true);
    expect((await runner.status())[0].failure).toBeNull();
    refusing = false;
    await runner.start();
    await eventually(async () => (await runner.status())[0].state === 'live');
    expect(await projected(readStore)).toEqual(await expected());
    await runner.stop();
  });

  it('stops its projections when another process holds the lease (its own ran out unrenewed)', async () => {
    const first = projector('first');
    await first.lease.start();
    await eventually(async () => (await states(first.lease)).join() === 'live');
    // Another process took it after first's lease expired (first had not renewed: paused, cut off from the store).
    const now = Date.now() + 10 * TTL_MS;
    await first.readStore.releaseLease(PROJECTOR_LEASE, 'first');
    await first.readStore.takeLease(PROJECTOR_LEASE, 'other', new Date(now), new Date(Date.now()));
    await eventually(() => !first.lease.isActive, TTL_MS);
    expect(await states(first.lease)).toEqual(['standby']);
    expect(first.logger.logs).toContain('Lease projector: first stops the projections');
    expect(first.logger.logs).toContain('Lease projector held by other: this process stands by');
  });
});
