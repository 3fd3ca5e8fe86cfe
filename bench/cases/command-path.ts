import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { CommandBus } from '@nestjs/cqrs';
import { ManualClock, ReissueCertificateCommand, type CommandResult } from '@app/certification';
import { certificateStreamName } from '@app/domain';
import { newEventId } from '@app/event-store';
import { BENCH_ACTORS, BENCH_NOW } from '../datasets/certification-files';
import type { BenchCase } from '../lib/case';
import type { BenchContext } from '../lib/context';
import { commandPathContext } from '../lib/nest';
import { metric } from '../lib/report';
import { elapsedMs, median, percentile } from '../lib/stats';

const CONCURRENCY = 32;

interface RunFigures {
  perSecond: number;
  latencies: number[];
}

/** Runs `command(i)` for every i < count with `concurrency` in flight; throughput and per-command latencies. */
export const drive = async (
  count: number,
  concurrency: number,
  command: (index: number) => Promise<unknown>,
): Promise<RunFigures> => {
  const latencies: number[] = new Array<number>(count);
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const start = process.hrtime.bigint();
      await command(index);
      latencies[index] = elapsedMs(start);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { perSecond: count / (elapsedMs(started) / 1000), latencies };
};

/**
 * The raw baseline: the least SQLite work the same command needs, with better-sqlite3 on the same schema and
 * durability — read the stream, parse each event's data, fold (count), then in one IMMEDIATE transaction check
 * the head revision and insert the new event (its id made as ours are: the index on it grows the same way). No
 * framework, envelope, hash chain or read-back.
 */
class RawCommandPath {
  private readonly db: Database.Database;
  private readonly read: Database.Statement<[string], { stream_revision: number; data: string }>;
  private readonly head: Database.Statement<[string], { revision: number | null }>;
  private readonly insert: Database.Statement<
    [string, string, number, string, number, string, string, string]
  >;
  private readonly append: Database.Transaction<
    (stream: string, expected: number, data: string, metadata: string) => void
  >;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.read = this.db.prepare(
      'SELECT stream_revision, data FROM events WHERE stream_id = ? ORDER BY stream_revision ASC',
    );
    this.head = this.db.prepare('SELECT max(stream_revision) AS revision FROM events WHERE stream_id = ?');
    this.insert = this.db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.append = this.db.transaction((stream: string, expected: number, data: string, metadata: string) => {
      const { revision } = this.head.get(stream) ?? { revision: null };
      if (revision !== expected) throw new Error(`conflict on ${stream}: ${revision} ≠ ${expected}`);
      this.insert.run(
        newEventId(),
        stream,
        expected + 1,
        'CertificateReissued',
        1,
        data,
        metadata,
        new Date().toISOString(),
      );
    });
  }

  reissue(number: string): void {
    const stream = certificateStreamName(number);
    const rows = this.read.all(stream);
    let documentRevision = 0;
    for (const row of rows) {
      const data = JSON.parse(row.data) as { documentRevision?: number };
      documentRevision = data.documentRevision ?? documentRevision;
    }
    const last = rows[rows.length - 1].stream_revision;
    const data = JSON.stringify({
      reason: 'LOST',
      note: null,
      documentRevision: documentRevision + 1,
      approver: BENCH_ACTORS.registry,
      date: BENCH_NOW.slice(0, 10),
    });
    const metadata = JSON.stringify({
      actor: BENCH_ACTORS.registry,
      occurredAt: BENCH_NOW,
      correlationId: randomUUID(),
      causationId: null,
      schemeVersion: null,
    });
    this.append.immediate(stream, last, data, metadata);
  }

  close(): void {
    this.db.close();
  }
}

/** Case 1: the in-process command path against the raw SQLite baseline, FULL durability, same run. */
export const commandPathCase: BenchCase = {
  id: 'command-path',
  number: 1,
  title: 'Command path in process vs raw SQLite',
  ownProcess: true,
  async run(context: BenchContext) {
    const { profile } = context;
    const dataset = await context.commands();
    const numbers = dataset.numbers;
    const count = Math.min(profile.commandsPerRun, numbers.length);
    const clock = new ManualClock(BENCH_NOW);
    const env = (path: string) => ({
      SQLITE_PATH: path,
      SQLITE_SYNCHRONOUS: 'FULL',
      AUTH_DB_PATH: ':memory:',
      LOG_LEVEL: 'warn',
    });

    const oursConcurrent = await commandPathContext(
      env(context.copyDatabase(dataset.eventsPath, 'ours-32')),
      clock,
    );
    const oursSequential = await commandPathContext(
      env(context.copyDatabase(dataset.eventsPath, 'ours-1')),
      clock,
    );
    const raw = new RawCommandPath(context.copyDatabase(dataset.eventsPath, 'raw'));
    const reissueVia = (bus: CommandBus) => (index: number) =>
      bus.execute<ReissueCertificateCommand, CommandResult>(
        new ReissueCertificateCommand(
          numbers[index % numbers.length],
          { reason: 'LOST' },
          { actor: BENCH_ACTORS.registry, correlationId: randomUUID() },
        ),
      );
    const concurrentBus = oursConcurrent.app.get(CommandBus);
    const sequentialBus = oursSequential.app.get(CommandBus);
    const rawRun = async (index: number) => raw.reissue(numbers[index % numbers.length]);

    const figures = {
      raw: [] as RunFigures[],
      concurrent: [] as RunFigures[],
      sequential: [] as RunFigures[],
    };
    try {
      // Warm-up: JIT, statement caches, page cache.
      const warm = Math.max(10, Math.floor(count / 10));
      await drive(warm, 1, rawRun);
      await drive(warm, CONCURRENCY, reissueVia(concurrentBus));
      await drive(warm, 1, reissueVia(sequentialBus));
      for (let run = 0; run < profile.runs; run++) {
        figures.raw.push(await drive(count, 1, rawRun));
        figures.concurrent.push(await drive(count, CONCURRENCY, reissueVia(concurrentBus)));
        figures.sequential.push(await drive(count, 1, reissueVia(sequentialBus)));
      }
    } finally {
      raw.close();
      await oursConcurrent.close();
      await oursSequential.close();
    }
    const rates = (runs: RunFigures[]) => runs.map((r) => r.perSecond);
    const p99 = (runs: RunFigures[]) =>
      percentile(
        runs.flatMap((r) => r.latencies),
        99,
      );
    const ratioRuns = figures.concurrent.map((r, i) => r.perSecond / figures.raw[i].perSecond);
    const sequentialRatioRuns = figures.sequential.map((r, i) => r.perSecond / figures.raw[i].perSecond);
    return {
      metrics: [
        metric({
          id: 'ours-vs-raw',
          label: `ours (${CONCURRENCY} in flight) ÷ raw`,
          unit: '×',
          value: median(ratioRuns),
          runs: ratioRuns,
          goal: { op: '>=', value: 0.7 },
        }),
        metric({
          id: 'ours-concurrent',
          label: `ours, ${CONCURRENCY} in flight`,
          unit: 'cmd/s',
          value: median(rates(figures.concurrent)),
          runs: rates(figures.concurrent),
        }),
        metric({
          id: 'ours-concurrent-latency',
          label: `ours, ${CONCURRENCY} in flight: latency`,
          unit: 'ms',
          value: median(figures.concurrent.flatMap((r) => r.latencies)),
          p99: p99(figures.concurrent),
        }),
        metric({
          id: 'ours-sequential',
          label: 'ours, 1 in flight',
          unit: 'cmd/s',
          value: median(rates(figures.sequential)),
          runs: rates(figures.sequential),
        }),
        metric({
          id: 'ours-sequential-vs-raw',
          label: 'ours (1 in flight) ÷ raw',
          unit: '×',
          value: median(sequentialRatioRuns),
          runs: sequentialRatioRuns,
        }),
        metric({
          id: 'raw',
          label: 'raw better-sqlite3',
          unit: 'cmd/s',
          value: median(rates(figures.raw)),
          runs: rates(figures.raw),
        }),
        metric({
          id: 'raw-latency',
          label: 'raw better-sqlite3: latency',
          unit: 'ms',
          value: median(figures.raw.flatMap((r) => r.latencies)),
          p99: p99(figures.raw),
        }),
      ],
      notes: [
        `ReissueCertificate on ${numbers.length.toLocaleString()} certificates of ~${profile.commandStreamLength} events ` +
          `(streams grow by one per run); ${count.toLocaleString()} commands per run, ${profile.runs} run(s); ` +
          'SQLite WAL, synchronous=FULL for all three.',
      ],
    };
  },
};
