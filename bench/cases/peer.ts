import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import {
  certificateDecider,
  certificateStreamName,
  fold,
  type CertificateCommand,
  type CertificateEvent,
  type CertificateState,
} from '@app/domain';
import { handleCommand, SqliteEventStore } from '@app/event-store';
import { BENCH_ACTORS, BENCH_NOW } from '../datasets/certification-files';
import { certificateHistory, schemes } from '../datasets/cache';
import type { BenchCase } from '../lib/case';
import { SkipCase } from '../lib/case';
import { delay } from '../lib/children';
import type { BenchContext } from '../lib/context';
import { datasetDir } from '../lib/paths';
import type { Profile } from '../lib/profile';
import { metric } from '../lib/report';
import { sourceHash } from '../lib/source-hash';
import { elapsedMs, median, percentile } from '../lib/stats';

type EmmettCore = typeof import('@event-driven-io/emmett');
type EmmettSqlite = typeof import('@event-driven-io/emmett-sqlite');
/** Emmett's event shape (its `Event` wants a plain record as data; the domain's data types are interfaces). */
type LooseEvent = { type: string; data: Record<string, unknown> };

const loadEmmett = async (): Promise<{ core: EmmettCore; sqlite: EmmettSqlite; version: string }> => {
  try {
    const core = await import('@event-driven-io/emmett');
    const sqlite = await import('@event-driven-io/emmett-sqlite');
    const manifest = join(
      dirname(dirname(require.resolve('@event-driven-io/emmett-sqlite'))),
      'package.json',
    );
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return { core, sqlite, version };
  } catch (error) {
    throw new SkipCase(
      `Emmett's SQLite event store cannot be loaded here (${(error as Error).message.split('\n')[0]}): ` +
        '@event-driven-io/emmett-sqlite needs the sqlite3 native addon, built from source at npm install',
    );
  }
};

/**
 * The same certificates as the command dataset, written through Emmett's SQLite event store (one append of each
 * certificate's events, decided by the same decider); cached like the other datasets.
 */
const ensureEmmettDataset = async (
  profile: Profile,
  emmett: EmmettSqlite,
  numbers: readonly string[],
): Promise<string> => {
  const key = sourceHash(
    ['bench/datasets', 'libs/domain/src'],
    ['emmett', String(profile.commandCertificates), String(profile.commandStreamLength)],
  );
  const path = join(
    datasetDir(`emmett-${profile.commandCertificates}x${profile.commandStreamLength}`, key),
    'events.sqlite',
  );
  if (existsSync(path)) return path;
  const temporary = `${path}.tmp`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(temporary + suffix, { force: true });
  const store = emmett.getSQLiteEventStore({ fileName: temporary });
  const catalogue = schemes();
  for (let index = 0; index < numbers.length; index++) {
    let state: CertificateState = certificateDecider.initialState;
    const events: LooseEvent[] = [];
    for (const step of certificateHistory(index, profile.commandStreamLength)) {
      const decided = certificateDecider.decide(
        {
          ...step.command,
          context: { actor: step.actor, now: step.now, schemes: catalogue },
        } as CertificateCommand,
        state,
      );
      state = fold(certificateDecider.evolve, state, decided);
      events.push(...(decided as unknown as LooseEvent[]));
    }
    await store.appendToStream(certificateStreamName(numbers[index]), events);
  }
  // Emmett closes its connection after each operation without waiting: let the last close finish, then fold the
  // WAL into the file so that copying the file alone copies every event.
  await delay(200);
  const db = new Database(temporary);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(temporary, path);
  return path;
};

/** Case 8: the certificate decider through our core and through Emmett with its SQLite event store, same run. */
export const peerCase: BenchCase = {
  id: 'peer',
  number: 8,
  title: 'Peer: Emmett (SQLite) vs ours',
  async run(context: BenchContext) {
    const { profile } = context;
    const emmett = await loadEmmett();
    const dataset = await context.commands();
    const numbers = dataset.numbers;
    const emmettPath = await ensureEmmettDataset(profile, emmett.sqlite, numbers);
    const emmettCopy = join(context.scratch('emmett'), 'events.sqlite');
    copyFileSync(emmettPath, emmettCopy);
    const emmettStore = emmett.sqlite.getSQLiteEventStore({ fileName: emmettCopy });
    const ours = SqliteEventStore.open({ path: context.copyDatabase(dataset.eventsPath, 'ours-peer') });
    const handle = emmett.core.CommandHandler<CertificateState, LooseEvent>({
      evolve: (state, event) => certificateDecider.evolve(state, event as unknown as CertificateEvent),
      initialState: () => certificateDecider.initialState,
    });
    const catalogue = schemes();
    const command = (): CertificateCommand => ({
      type: 'ReissueCertificate',
      data: { reason: 'LOST' },
      context: { actor: BENCH_ACTORS.registry, now: BENCH_NOW, schemes: catalogue },
    });
    const count = Math.min(profile.peerCommandsPerRun, numbers.length);
    const sequential = async (run: number, one: (stream: string) => Promise<unknown>) => {
      const latencies: number[] = [];
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) {
        const stream = certificateStreamName(numbers[(run * count + i) % numbers.length]);
        const start = process.hrtime.bigint();
        await one(stream);
        latencies.push(elapsedMs(start));
      }
      return { perSecond: count / (elapsedMs(started) / 1000), latencies };
    };
    const viaOurs = (stream: string) => handleCommand(ours, certificateDecider, stream, command());
    // Emmett 0.38's SQLite store sometimes fails a commit with SQLITE_BUSY ("SQL statements in progress": its
    // INSERT … RETURNING statement is not reset before COMMIT). Such a command is retried (up to twice) and counted.
    let emmettFailures = 0;
    let emmettError = '';
    const viaEmmett = async (stream: string) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await handle(
            emmettStore,
            stream,
            (state) => certificateDecider.decide(command(), state) as unknown as LooseEvent[],
          );
        } catch (error) {
          emmettFailures++;
          emmettError = (error as Error).message;
          if (attempt >= 2) throw error;
        }
      }
    };
    const oursRuns: { perSecond: number; latencies: number[] }[] = [];
    const emmettRuns: { perSecond: number; latencies: number[] }[] = [];
    try {
      await sequential(profile.runs, viaOurs); // warm-up on other certificates
      await sequential(profile.runs, viaEmmett);
      for (let run = 0; run < profile.runs; run++) {
        oursRuns.push(await sequential(run, viaOurs));
        emmettRuns.push(await sequential(run, viaEmmett));
      }
    } finally {
      await ours.close();
    }
    const ratioRuns = oursRuns.map((r, i) => r.perSecond / emmettRuns[i].perSecond);
    return {
      metrics: [
        metric({
          id: 'ours-vs-emmett',
          label: 'ours ÷ Emmett',
          unit: '×',
          value: median(ratioRuns),
          runs: ratioRuns,
        }),
        metric({
          id: 'ours',
          label: 'ours (handleCommand, SQLite adapter)',
          unit: 'cmd/s',
          value: median(oursRuns.map((r) => r.perSecond)),
          runs: oursRuns.map((r) => r.perSecond),
        }),
        metric({
          id: 'emmett',
          label: `Emmett ${emmett.version} (CommandHandler, SQLite store)`,
          unit: 'cmd/s',
          value: median(emmettRuns.map((r) => r.perSecond)),
          runs: emmettRuns.map((r) => r.perSecond),
        }),
        metric({
          id: 'ours-latency',
          label: 'ours: latency',
          unit: 'ms',
          value: median(oursRuns.flatMap((r) => r.latencies)),
          p99: percentile(
            oursRuns.flatMap((r) => r.latencies),
            99,
          ),
        }),
        metric({
          id: 'emmett-latency',
          label: 'Emmett: latency',
          unit: 'ms',
          value: median(emmettRuns.flatMap((r) => r.latencies)),
          p99: percentile(
            emmettRuns.flatMap((r) => r.latencies),
            99,
          ),
        }),
      ],
      notes: [
        `The certificate decider deciding ReissueCertificate on certificates of ~${profile.commandStreamLength} events, ` +
          `one command at a time (Emmett's SQLite store opens a connection per operation and is not safe with several ` +
          `in flight on one file), ${count} per run; both WAL with SQLite's default synchronous=FULL. Ours also hashes ` +
          'the chain and reads the appended events back.',
        ...(emmettFailures > 0
          ? [`Emmett failed ${emmettFailures} attempt(s), retried (last error: ${emmettError}).`]
          : []),
      ],
    };
  },
};
