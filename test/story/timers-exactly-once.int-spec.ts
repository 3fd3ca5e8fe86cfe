/**
 * R-TIME-7 — every timer fires exactly once, even with several instances running and after restarts.
 *
 * One event store file and one read store file in a temp dir, as in a distributed deployment: a projector keeps the
 * read models up to date over its own connections, and timer workers — each with its OWN connections to both files,
 * its own clock and a store-based ReadModelObserver (a worker with PROJECTOR=off) — race over the same deadlines.
 *
 * Seeded through the deciders:
 * - 20 certificates decided 2025-03-03…2025-03-22: surveillance due 2026-03-03…2026-03-22 (decision + 12 months);
 * - 4 applications submitted 2026-04-01…04: acceptance due 2026-04-09, -10, -13, -14 (5 working days, Qingming);
 * - files whose clocks have not run out on 2026-05-08: a certificate decided 2025-09-01 (surveillance due 2026-09-01),
 *   one surveilled on 2026-02-20 (due 2027-02-20), an application accepted in time, one submitted on 2026-05-07
 *   (due 2026-05-13).
 * The workers' clocks stand at 2026-05-08: 24 deadlines have passed. On 2026-11-10 the 20 suspensions (deadline
 * 2026-05-08 + 6 months = 2026-11-08), the surveillance due 2026-09-01 and the acceptance due 2026-05-13 have too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import {
  ManualClock,
  Timers,
  TIMER_ACTOR,
  type CommandMetadata,
  type FiringOutcome,
  type TimerRun,
} from '@app/certification';
import { CommandRunner, type RunOptions } from '@app/certification/command-runner';
import { loadSchemeCatalogue } from '@app/config';
import {
  addDays,
  applicationDecider,
  applicationStreamName,
  certificateDecider,
  certificateStreamName,
  CMM_525_0002_V1,
  formatCertificateNumber,
  type Command,
  type Decider,
  type DomainEvent,
} from '@app/domain';
import {
  SqliteEventStore,
  verifyStoredStream,
  type EventStore,
  type HandleCommandResult,
  type RecordedEvent,
} from '@app/event-store';
import {
  DEADLINE_FIELDS,
  ProjectionRunner,
  projectionsFor,
  ReadModelObserver,
  SqliteReadStore,
  type DeadlinesDocument,
  type ReadModelStatus,
} from '@app/read-models';
import { actors } from '@app/testing';
import { seedApplication, seedCertificate, seedStep } from './timer-seeding';

const schemes = loadSchemeCatalogue();
const projections = projectionsFor(schemes);
const MAY_8 = '2026-05-08T02:00:00.000Z';
const NOV_10 = '2026-11-10T02:00:00.000Z';

const overdueCertificates = Array.from({ length: 20 }, (_, i) => ({
  number: formatCertificateNumber(CMM_525_0002_V1, 2025, i + 1),
  decisionDate: addDays('2025-03-03', i),
}));
const notDue = { number: formatCertificateNumber(CMM_525_0002_V1, 2025, 101), decisionDate: '2025-09-01' };
const surveilled = {
  number: formatCertificateNumber(CMM_525_0002_V1, 2025, 102),
  decisionDate: '2025-03-10',
};
const applicationId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const breachedApplications = [1, 2, 3, 4].map((n) => ({
  id: applicationId(n),
  submittedOn: `2026-04-0${n}`,
}));
const acceptedApplication = applicationId(10);
const recentApplication = applicationId(11);

const certificateStreams = overdueCertificates.map((c) => certificateStreamName(c.number));
const applicationStreams = breachedApplications.map((a) => applicationStreamName(a.id));

const seed = async (store: SqliteEventStore): Promise<void> => {
  for (const { number, decisionDate } of [...overdueCertificates, notDue, surveilled]) {
    await seedCertificate(store, number, decisionDate);
  }
  await seedStep(
    store,
    certificateDecider,
    certificateStreamName(surveilled.number),
    'RecordSurveillance',
    {
      auditId: 'audit-surveillance-1',
      auditType: 'SURVEILLANCE',
      decisionDate: '2026-02-20',
      outcome: 'MAINTAIN',
      conclusion: 'continues to conform',
      leadAuditorId: actors.leadAuditor.id,
    },
    actors.decisionMaker,
    '2026-02-20T02:00:00.000Z',
  );
  for (const { id, submittedOn } of breachedApplications) await seedApplication(store, id, submittedOn);
  await seedApplication(store, acceptedApplication, '2026-04-20');
  await seedStep(
    store,
    applicationDecider,
    applicationStreamName(acceptedApplication),
    'AcceptApplication',
    { legalEntityVerified: true, sanctions: [] },
    actors.intake,
    '2026-04-22T02:00:00.000Z',
  );
  await seedApplication(store, recentApplication, '2026-05-07');
};

/** A worker process that dies: its first `survives` commands run, then it is gone (optionally right after the
 * next one committed, before it could learn the outcome). Every later call fails without touching the store. */
class DyingRunner extends CommandRunner {
  private calls = 0;

  constructor(
    base: CommandRunner,
    private readonly survives: number,
    private readonly diesAfterCommit: boolean,
  ) {
    super(base.store, base.clock, base.schemes);
  }

  override async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    meta: CommandMetadata,
    options?: RunOptions,
  ): Promise<HandleCommandResult<S>> {
    this.calls += 1;
    if (this.calls <= this.survives) return super.run(decider, streamId, command, meta, options);
    if (this.calls === this.survives + 1 && this.diesAfterCommit) {
      await super.run(decider, streamId, command, meta, options);
    }
    throw new Error(`worker killed after ${this.survives} firing(s)`);
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failing interleaving can be replayed. */
const randomFrom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * Workers are separate processes: each read and append reaches the store after a little latency (0–2 ms), so two
 * workers do load the same stream before either appends. Counts the appends that reach the store.
 */
const withLatency = (store: EventStore, random: () => number, appends: { count: number }): EventStore => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
  return {
    append: async (...args) => {
      await pause();
      appends.count += 1;
      return store.append(...args);
    },
    readStream: async (...args) => {
      await pause();
      return store.readStream(...args);
    },
    streamExists: async (streamId) => {
      await pause();
      return store.streamExists(streamId);
    },
    readAll: (options) => store.readAll(options),
    upcast: (event) => store.upcast(event),
    findStreamReferences: (streamIds) => store.findStreamReferences(streamIds),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
};

/** A read model nobody projects any more (restored from a backup): all it can say is that it is behind. */
const behind: ReadModelStatus = { status: async () => [], waitFor: async () => false };

/** The outcomes of a run by healthy workers: fired, or found fired (or moved on) by another. */
const SETTLED: string[] = ['fired', 'already-fired', 'refused'];

const tally = (runs: TimerRun[]): Partial<Record<FiringOutcome, number>> => {
  const counts: Partial<Record<FiringOutcome, number>> = {};
  for (const firing of runs.flatMap((run) => run.firings)) {
    counts[firing.outcome] = (counts[firing.outcome] ?? 0) + 1;
  }
  return counts;
};

describe('R-TIME-7 timers fire exactly once with several workers on one store', () => {
  let dir: string;
  let eventsPath: string;
  let readPath: string;
  let store: SqliteEventStore;
  let projectorReads: SqliteReadStore;
  let projector: ProjectionRunner;
  const closers: (() => Promise<void>)[] = [];
  const appends = { count: 0 };
  let workers = 0;

  /** A timer worker with its own connections to both files and its own clock. */
  const worker = (
    at: string,
    options: { dies?: { survives: number; afterCommit: boolean }; readPath?: string; status?: 'behind' } = {},
  ) => {
    const connection = SqliteEventStore.open({ path: eventsPath });
    const events = withLatency(connection, randomFrom(++workers), appends);
    const reads = SqliteReadStore.open({ path: options.readPath ?? readPath });
    const clock = new ManualClock(at);
    const real = new CommandRunner(events, clock, schemes);
    const runner = options.dies
      ? new DyingRunner(real, options.dies.survives, options.dies.afterCommit)
      : real;
    const status =
      options.status === 'behind' ? behind : new ReadModelObserver(events, reads, projections, 10);
    const timers = new Timers(runner, reads, status, events, clock, schemes);
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await connection.close();
      await reads.close();
    };
    closers.push(close);
    return { timers, clock, close };
  };

  /** What the read model shows as passed with a timer action still to take, independently of the Timers' query. */
  const passedDeadlines = async (today: string) => {
    const { items } = await projectorReads.find<DeadlinesDocument>('deadlines', { pageSize: 1000 });
    return items.flatMap((doc) =>
      Object.values(DEADLINE_FIELDS)
        .map((field) => doc[field])
        .filter((deadline) => deadline?.action && deadline.dueOn < today)
        .map((deadline) => ({ streamId: doc.id, action: deadline!.action })),
    );
  };

  const timerEvents = async (streamId: string): Promise<RecordedEvent[]> =>
    (await store.readStream(streamId)).filter((event) => event.metadata.actor.role === 'SYSTEM');

  const projected = async () => {
    const head = await store.headPosition();
    expect(await projector.waitFor(head!, 10_000)).toBe(true);
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dir = mkdtempSync(join(tmpdir(), 'timers-once-'));
    eventsPath = join(dir, 'events.sqlite');
    readPath = join(dir, 'read.sqlite');
    store = SqliteEventStore.open({ path: eventsPath, pollIntervalMs: 20 });
    await seed(store);
    projectorReads = SqliteReadStore.open({ path: readPath });
    projector = new ProjectionRunner(store, projectorReads, projections);
    await projector.start();
    await projected();
    // A backup of the read models as they stood before any timer ran.
    const db = new Database(readPath, { readonly: true });
    db.exec(`VACUUM INTO '${join(dir, 'read-backup.sqlite')}'`);
    db.close();
  });

  afterAll(async () => {
    for (const close of closers) await close();
    await projector?.stop();
    await projectorReads?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
  });

  it('two workers racing, a third one dying mid-batch and restarted: each deadline fired once', async () => {
    const due = await passedDeadlines('2026-05-08');
    expect(due).toHaveLength(24);
    expect(due.filter((d) => d.action === 'SUSPEND_FOR_OVERDUE_SURVEILLANCE')).toHaveLength(20);
    expect(due.filter((d) => d.action === 'RECORD_ACCEPTANCE_BREACH')).toHaveLength(4);

    // A worker dies after 5 firings: the rest of its batch never happens.
    const dying = worker(MAY_8, { dies: { survives: 5, afterCommit: false } });
    const crashed = await dying.timers.runDue();
    expect(tally([crashed])).toEqual({ fired: 5, failed: 19 });
    expect(crashed.firings.filter((f) => f.outcome === 'failed').map((f) => f.reason)).toEqual(
      Array(19).fill('worker killed after 5 firing(s)'),
    );
    await dying.close();

    // Its restart runs alongside two more workers, then the two keep running on their interval.
    const restarted = worker(MAY_8);
    const a = worker(MAY_8);
    const b = worker(MAY_8);
    const appendsBefore = appends.count;
    const runs = await Promise.all([a.timers.runDue(), b.timers.runDue(), restarted.timers.runDue()]);
    for (let round = 0; round < 3; round++) {
      await projected();
      runs.push(...(await Promise.all([a.timers.runDue(), b.timers.runDue()])));
    }

    const outcomes = tally(runs);
    expect(Object.keys(outcomes).filter((outcome) => !SETTLED.includes(outcome))).toEqual([]);
    expect((outcomes.fired ?? 0) + 5).toBe(due.length);
    expect(runs.every((run) => run.readModelCurrent)).toBe(true);
    // The race was real: workers decided on the same state and appended the same firing, and the store kept one.
    expect(appends.count - appendsBefore).toBeGreaterThan(outcomes.fired ?? 0);

    for (const streamId of certificateStreams) {
      const fired = await timerEvents(streamId);
      expect(fired.map((e) => e.type)).toEqual(['CertificateSuspended']);
      expect(fired[0].metadata.actor).toEqual(TIMER_ACTOR);
      expect(fired[0].data).toMatchObject({ ground: 'SURVEILLANCE_OVERDUE', deadline: '2026-11-08' });
      expect(await verifyStoredStream(store, streamId)).toMatchObject({ valid: true });
    }
    for (const streamId of applicationStreams) {
      const fired = await timerEvents(streamId);
      expect(fired.map((e) => e.type)).toEqual(['AcceptanceSlaBreached']);
      expect(fired[0].data).toMatchObject({ recordedOn: '2026-05-08' });
    }
    for (const streamId of [
      certificateStreamName(notDue.number),
      certificateStreamName(surveilled.number),
      applicationStreamName(acceptedApplication),
      applicationStreamName(recentApplication),
    ]) {
      expect(await timerEvents(streamId)).toEqual([]);
    }
    const log = await store.readAll();
    expect(log.filter((e) => e.metadata.actor.role === 'SYSTEM')).toHaveLength(due.length);
  });

  it('a replay after a projection rebuild, and one from a stale backup of the read model, fire nothing again', async () => {
    const head = await store.headPosition();
    const { version } = projections.find((projection) => projection.name === 'deadlines')!;
    expect(await projector.rebuild('deadlines')).toMatchObject([
      { projection: 'deadlines', generation: `v${version}.r1`, outcome: 'activated', failure: null },
    ]);
    expect(await passedDeadlines('2026-05-08')).toEqual([]);

    const a = worker(MAY_8);
    const b = worker(MAY_8);
    // The backup still lists all 24 deadlines as passed with their actions.
    const stale = worker(MAY_8, { readPath: join(dir, 'read-backup.sqlite'), status: 'behind' });
    const [afterRebuildA, afterRebuildB, replay] = await Promise.all([
      a.timers.runDue(),
      b.timers.runDue(),
      stale.timers.runDue(),
    ]);
    expect(afterRebuildA.firings).toEqual([]);
    expect(afterRebuildB.firings).toEqual([]);
    expect(replay.readModelCurrent).toBe(false);
    expect(tally([replay])).toEqual({ 'already-fired': 24 });
    // The replayed firings return the original events: same types as fired the first time.
    expect(new Set(replay.firings.flatMap((f) => f.events))).toEqual(
      new Set(['CertificateSuspended', 'AcceptanceSlaBreached']),
    );
    expect(await store.headPosition()).toEqual(head);
  });

  it('the next batch (suspensions expired): a worker dying right after a commit, restarted, fires nothing twice', async () => {
    const due = await passedDeadlines('2026-11-10');
    expect(due).toHaveLength(22);
    expect(due.filter((d) => d.action === 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION')).toHaveLength(20);

    // Dies after 3 firings, just after the 4th one's events were committed.
    const dying = worker(NOV_10, { dies: { survives: 3, afterCommit: true } });
    const crashed = await dying.timers.runDue();
    expect(tally([crashed])).toEqual({ fired: 3, failed: 19 });
    const committed = crashed.firings[3];
    expect(committed.outcome).toBe('failed');
    await dying.close();

    const restarted = worker(NOV_10);
    const a = worker(NOV_10);
    const b = worker(NOV_10);
    const runs = await Promise.all([restarted.timers.runDue(), a.timers.runDue(), b.timers.runDue()]);
    await projected();
    runs.push(...(await Promise.all([a.timers.runDue(), b.timers.runDue()])));

    const outcomes = tally(runs);
    expect(Object.keys(outcomes).filter((outcome) => !SETTLED.includes(outcome))).toEqual([]);
    // Every deadline fired once: 3 reported by the dying worker, 1 committed by it unreported, the rest now.
    expect((outcomes.fired ?? 0) + 3 + 1).toBe(due.length);
    const later = runs.flatMap((run) => run.firings).filter((f) => f.streamId === committed.streamId);
    expect(later.map((f) => f.outcome)).not.toContain('fired');

    for (const streamId of certificateStreams) {
      expect((await timerEvents(streamId)).map((e) => [e.type, e.data.ground])).toEqual([
        ['CertificateSuspended', 'SURVEILLANCE_OVERDUE'],
        ['RevocationOpened', 'SUSPENSION_EXPIRED'],
      ]);
    }
    expect((await timerEvents(certificateStreamName(notDue.number))).map((e) => e.type)).toEqual([
      'CertificateSuspended',
    ]);
    expect((await timerEvents(applicationStreamName(recentApplication))).map((e) => e.type)).toEqual([
      'AcceptanceSlaBreached',
    ]);
    expect(await timerEvents(certificateStreamName(surveilled.number))).toEqual([]);
    const log = await store.readAll();
    expect(log.filter((e) => e.metadata.actor.role === 'SYSTEM')).toHaveLength(24 + due.length);
  });
});
