import { join } from 'node:path';
import { ManualClock, RegulatorService } from '@app/certification';
import { certificateDecider, certificateStreamName, fold, type CertificateEvent } from '@app/domain';
import { SqliteEventStore, verifyStream } from '@app/event-store';
import { BENCH_NOW, CertificationFiles, FIRST_START } from '../datasets/certification-files';
import { schemes } from '../datasets/cache';
import { DomainCore } from '../datasets/domain-core';
import type { BenchCase } from '../lib/case';
import type { BenchContext } from '../lib/context';
import { metric } from '../lib/report';
import { elapsedMs, median, percentile } from '../lib/stats';

interface Timings {
  /** RegulatorService.replay: the state and the verification from one read of the file. */
  replay: number[];
  /** The same answers by two calls, each reading the file (stateAt, then verify). */
  stateAt: number[];
  verify: number[];
  separately: number[];
  core: number[];
}

/** Untimed runs of each path before its timed ones: the JIT's optimising tiers settle in the first few. */
const WARM_UPS = 5;

/** Times `count` runs of `run` after WARM_UPS untimed ones. */
const timed = async (count: number, run: () => Promise<void>): Promise<number[]> => {
  for (let i = 0; i < WARM_UPS; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(elapsedMs(start));
  }
  return times;
};

/**
 * Replays and verifies certificate `number` `count` times with the regulators' service: `replay` (the file's streams
 * found and read once from the event store, every chain recomputed, the state folded at an instant from the same
 * events), the same answers by the two separate calls (`stateAt`, `verify`), and the bare core (readStream raw +
 * fold + verifyStream of the certificate's own stream) for reference. Each path runs in a loop of its own, so that
 * none is timed while collecting the garbage of another.
 */
const measure = async (store: SqliteEventStore, number: string, count: number): Promise<Timings> => {
  const service = new RegulatorService(store, new ManualClock(BENCH_NOW));
  const replay = await timed(count, async () => {
    const replayed = await service.replay(number, BENCH_NOW);
    if (!replayed.verification.valid || !replayed.state)
      throw new Error(
        `the chain of ${number} does not verify: ${JSON.stringify(replayed.verification.streams)}`,
      );
  });
  const stateAt = await timed(count, async () => {
    if (!(await service.stateAt(number, BENCH_NOW))) throw new Error(`no state of ${number}`);
  });
  const verify = await timed(count, async () => {
    if (!(await service.verify(number)).valid)
      throw new Error(`the separate verification of ${number} fails`);
  });
  const core = await timed(count, async () => {
    const events = await store.readStream(certificateStreamName(number), { raw: true });
    fold(
      certificateDecider.evolve,
      certificateDecider.initialState,
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as CertificateEvent),
    );
    if (!verifyStream(events).valid) throw new Error('core verification failed');
  });
  return { replay, stateAt, verify, separately: stateAt.map((ms, i) => ms + verify[i]), core };
};

/** Case 5: a regulator's replay + verification of a certificate with 1,000 events. */
export const regulatorCase: BenchCase = {
  id: 'regulator',
  number: 5,
  title: 'Regulator replay + verification',
  ownProcess: true,
  async run(context: BenchContext) {
    const { profile } = context;
    const dataset = await context.main();
    const { number, events } = dataset.meta.longCertificate;
    const count = profile.regulatorReplays;

    // Alone in a store holding only its file (with a warm-up), to tell the file's own cost from the log's …
    const alonePath = join(context.scratch('regulator-alone'), 'events.sqlite');
    const alone = SqliteEventStore.open({ path: alonePath });
    let aloneTimings: Timings;
    let aloneNumber: string;
    try {
      const core = new DomainCore(schemes());
      aloneNumber = new CertificationFiles(core).long(0, events, FIRST_START).number;
      core.flush(alone);
      aloneTimings = await measure(alone, aloneNumber, Math.max(count, 10));
    } finally {
      await alone.close();
    }

    // … then in the main log, every other file beside it (its streams found through the store's references index).
    const inLog = SqliteEventStore.open({ path: dataset.eventsPath });
    let logTimings: Timings;
    try {
      logTimings = await measure(inLog, number, count);
    } finally {
      await inLog.close();
    }

    return {
      metrics: [
        metric({
          id: 'replay-and-verify',
          label: `replay + verification (${events.toLocaleString()}-event certificate)`,
          unit: 'ms',
          value: median(logTimings.replay),
          p99: percentile(logTimings.replay, 99),
          goal: { op: '<=', value: 25 },
        }),
        metric({
          id: 'separately',
          label: 'the same by two calls (state at an instant, then verification)',
          unit: 'ms',
          value: median(logTimings.separately),
          p99: percentile(logTimings.separately, 99),
        }),
        metric({
          id: 'state-at',
          label: 'state at an instant alone',
          unit: 'ms',
          value: median(logTimings.stateAt),
        }),
        metric({
          id: 'verify',
          label: 'verification alone (every stream of the file)',
          unit: 'ms',
          value: median(logTimings.verify),
        }),
        metric({
          id: 'alone',
          label: 'replay + verification, file alone in its store',
          unit: 'ms',
          value: median(aloneTimings.replay),
          p99: percentile(aloneTimings.replay, 99),
        }),
        metric({
          id: 'core',
          label: 'core: readStream + fold + verifyStream (certificate stream)',
          unit: 'ms',
          value: median(logTimings.core),
          p99: percentile(logTimings.core, 99),
        }),
      ],
      notes: [
        `RegulatorService.replay of ${number} (its own stream ${events.toLocaleString()} events, plus its ` +
          `application and audit) in the ${dataset.meta.events.toLocaleString()}-event log, one read of the file for the state and the ` +
          `verification; ${count} replays.`,
      ],
      details: { aloneNumber },
    };
  },
};
