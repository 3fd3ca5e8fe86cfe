import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  certificateDecider,
  certificateStreamName,
  type CertificateCommand,
  type CertificateEvent,
  type CertificateState,
} from '@app/domain';
import { handleCommand, SqliteEventStore } from '@app/event-store';
import { BENCH_ACTORS, BENCH_NOW } from '../datasets/certification-files';
import { schemes } from '../datasets/cache';
import { ensureEmmettDataset } from '../datasets/emmett';
import type { BenchCase } from '../lib/case';
import type { BenchContext } from '../lib/context';
import { commitRaceRetry, loadEmmett, type LooseEvent } from '../lib/emmett';
import { metric } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { drive } from './command-path';

/** Commands in flight for our concurrent figure (as in case 1): our SQLite store commits them in groups. */
const CONCURRENCY = 32;

type RunFigures = Awaited<ReturnType<typeof drive>>;

const rates = (runs: RunFigures[]) => runs.map((r) => r.perSecond);
const ratios = (ours: RunFigures[], emmett: RunFigures[]) =>
  ours.map((r, i) => r.perSecond / emmett[i].perSecond);
const latency = (id: string, label: string, runs: RunFigures[]) => {
  const all = runs.flatMap((r) => r.latencies);
  return metric({ id, label, unit: 'ms', value: median(all), p99: percentile(all, 99) });
};

/**
 * Case 8: the certificate decider through our core and through Emmett with its SQLite event store, same run.
 * Emmett's store supports one command at a time (it keeps one connection per store, opened and closed by each
 * operation, so a second operation in flight finds it closed), so Emmett runs sequentially; ours runs
 * sequentially (like for like) and with 32 in flight (what our store is built for), each ratio reported.
 */
export const peerCase: BenchCase = {
  id: 'peer',
  number: 8,
  title: 'Peer: Emmett (SQLite) vs ours',
  ownProcess: true,
  async run(context: BenchContext) {
    const { profile } = context;
    const emmett = await loadEmmett();
    const dataset = await context.commands();
    const numbers = dataset.numbers;
    const emmettCopy = join(context.scratch('emmett'), 'events.sqlite');
    copyFileSync(await ensureEmmettDataset(profile, emmett, numbers), emmettCopy);
    const emmettStore = emmett.sqlite.getSQLiteEventStore({ fileName: emmettCopy });
    const oursSequential = SqliteEventStore.open({
      path: context.copyDatabase(dataset.eventsPath, 'ours-peer-1'),
    });
    const oursConcurrent = SqliteEventStore.open({
      path: context.copyDatabase(dataset.eventsPath, `ours-peer-${CONCURRENCY}`),
    });
    let emmettRetries = 0;
    const handle = emmett.core.CommandHandler<CertificateState, LooseEvent>({
      evolve: (state, event) => certificateDecider.evolve(state, event as unknown as CertificateEvent),
      initialState: () => certificateDecider.initialState,
      retry: commitRaceRetry(() => emmettRetries++),
    });
    const catalogue = schemes();
    const command = (): CertificateCommand => ({
      type: 'ReissueCertificate',
      data: { reason: 'LOST' },
      context: { actor: BENCH_ACTORS.registry, now: BENCH_NOW, schemes: catalogue },
    });
    const count = Math.min(profile.peerCommandsPerRun, numbers.length);
    /** `count` reissues on the certificates of run `run` (the same ones on each side), `inFlight` at a time. */
    const measure = (run: number, inFlight: number, one: (stream: string) => Promise<unknown>) =>
      drive(count, inFlight, (i) => one(certificateStreamName(numbers[(run * count + i) % numbers.length])));
    const viaOurs = (store: SqliteEventStore) => (stream: string) =>
      handleCommand(store, certificateDecider, stream, command());
    const viaEmmett = (stream: string) =>
      handle(
        emmettStore,
        stream,
        (state) => certificateDecider.decide(command(), state) as unknown as LooseEvent[],
      );

    const figures = { ours: [] as RunFigures[], concurrent: [] as RunFigures[], emmett: [] as RunFigures[] };
    try {
      // Warm-up on other certificates: JIT, statement caches, page cache.
      await measure(profile.runs, 1, viaOurs(oursSequential));
      await measure(profile.runs, CONCURRENCY, viaOurs(oursConcurrent));
      await measure(profile.runs, 1, viaEmmett);
      emmettRetries = 0;
      for (let run = 0; run < profile.runs; run++) {
        figures.ours.push(await measure(run, 1, viaOurs(oursSequential)));
        figures.concurrent.push(await measure(run, CONCURRENCY, viaOurs(oursConcurrent)));
        figures.emmett.push(await measure(run, 1, viaEmmett));
      }
    } finally {
      await oursSequential.close();
      await oursConcurrent.close();
    }
    const sequentialRatios = ratios(figures.ours, figures.emmett);
    const concurrentRatios = ratios(figures.concurrent, figures.emmett);
    return {
      metrics: [
        metric({
          id: 'ours-vs-emmett',
          label: 'ours ÷ Emmett, both 1 in flight',
          unit: '×',
          value: median(sequentialRatios),
          runs: sequentialRatios,
        }),
        metric({
          id: 'ours-concurrent-vs-emmett',
          label: `ours ${CONCURRENCY} in flight ÷ Emmett 1 (its limit)`,
          unit: '×',
          value: median(concurrentRatios),
          runs: concurrentRatios,
        }),
        metric({
          id: 'ours',
          label: 'ours (handleCommand, SQLite), 1 in flight',
          unit: 'cmd/s',
          value: median(rates(figures.ours)),
          runs: rates(figures.ours),
        }),
        metric({
          id: 'ours-concurrent',
          label: `ours (handleCommand, SQLite), ${CONCURRENCY} in flight`,
          unit: 'cmd/s',
          value: median(rates(figures.concurrent)),
          runs: rates(figures.concurrent),
        }),
        metric({
          id: 'emmett',
          label: `Emmett ${emmett.version} (CommandHandler, SQLite), 1 in flight`,
          unit: 'cmd/s',
          value: median(rates(figures.emmett)),
          runs: rates(figures.emmett),
        }),
        latency('ours-latency', 'ours, 1 in flight: latency', figures.ours),
        latency('ours-concurrent-latency', `ours, ${CONCURRENCY} in flight: latency`, figures.concurrent),
        latency('emmett-latency', 'Emmett, 1 in flight: latency', figures.emmett),
      ],
      notes: [
        `The certificate decider deciding ReissueCertificate on certificates of ~${profile.commandStreamLength} ` +
          `events, ${count} per run and side, ${profile.runs} run(s); both stores WAL with synchronous=FULL. Ours ` +
          'also hashes the chain and returns the appended events as stored.',
        `Emmett runs 1 command at a time, the only way its SQLite store works: it shares one connection per store ` +
          'that each operation opens and closes, so with several in flight the others find it closed ' +
          '(SQLITE_MISUSE), and one store per command fails on the file lock (SQLITE_BUSY, then ' +
          '"cannot rollback - no transaction is active"). Ours is measured at 1 (like for like) and at ' +
          `${CONCURRENCY} in flight (group commit).`,
        `Emmett's store starts each connection with an un-awaited PRAGMA journal_mode, which now and then is still ` +
          'in progress at COMMIT ("SQLITE_BUSY: cannot commit transaction - SQL statements in progress"; Emmett ' +
          `rolls back and logs the error): such a command is retried at once through Emmett's own retry option ` +
          `and its time counted: ${emmettRetries} retried of ${figures.emmett.length * count} measured.`,
      ],
    };
  },
};
