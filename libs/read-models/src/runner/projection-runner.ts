import { sequenceOf, serializePosition } from '@app/event-store';
import type { EventStore, Position } from '@app/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store.port';
import { catchUp } from './catch-up';
import { consoleLogger } from './logger';
import type { RunnerLogger } from './logger';
import { FLUSH_DOCUMENTS, ProjectionWorker, RETRY_BACKOFF, type RebuildTarget } from './projection-worker';
import { timed } from './timed';
import type { ReadModelStatus } from './read-model-status';
import type {
  ProjectionState,
  RebuildProgress,
  RebuildResult,
  RetryBackoff,
  WorkerContext,
} from './worker-types';

/** The streams read models are built from (system and helper streams are never read). */
export const DEFAULT_STREAM_PREFIXES = ['application-', 'audit-', 'certificate-'];

export interface ProjectionRunnerOptions {
  /** Events per readAll batch while catching up or rebuilding. Default 500. */
  batchSize?: number;
  /**
   * Documents a catch-up or rebuild holds per read model before committing them with the checkpoint of the
   * batch reached (and it always commits at the end). Default 2,000; 1 commits after every batch that changed
   * something.
   */
  flushSize?: number;
  logger?: RunnerLogger;
  streamPrefixes?: string[];
  /** The backoff before trying again after a store was unavailable. Default RETRY_BACKOFF (0.5 s doubling to 30 s). */
  retryBackoff?: RetryBackoff;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  activeGeneration: string | null;
  /** The generation being followed: the active one, or the one being built for a new code version. */
  generation: string | null;
  /** Serialized position ("commit/prepare") of `generation`, null before its first batch. */
  checkpoint: string | null;
  headPosition: string | null;
  /** Head sequence − checkpoint sequence. */
  lag: number;
  state: ProjectionState;
  failure: { position: string; eventId: string; eventType: string; message: string } | null;
  /** A rebuild in progress: its generation and how far it got. */
  rebuild: { generation: string; checkpoint: string | null } | null;
}

/**
 * Keeps every projection's read model up to date with the log (see ProjectionWorker for one projection).
 * Framework-free; the Nest module starts it on bootstrap and stops it on shutdown.
 */
export class ProjectionRunner implements ReadModelStatus {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly context: WorkerContext;
  /** Rebuilds run one after the other. */
  private rebuilds: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    const context: WorkerContext = {
      eventStore,
      readStore,
      batchSize: options.batchSize ?? 500,
      flushSize: options.flushSize ?? FLUSH_DOCUMENTS,
      streamPrefixes: options.streamPrefixes ?? DEFAULT_STREAM_PREFIXES,
      retryBackoff: options.retryBackoff ?? RETRY_BACKOFF,
      logger: options.logger ?? consoleLogger,
    };
    if (!(context.batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
    if (!(context.flushSize >= 1)) throw new RangeError('flushSize must be at least 1');
    this.context = context;
    for (const projection of projections) {
      if (this.workers.has(projection.name)) throw new Error(`Duplicate projection name ${projection.name}`);
      this.workers.set(projection.name, new ProjectionWorker(projection, context));
    }
  }

  /** Starts every projection in the background; use `waitFor` or `status` to see where they are. */
  async start(): Promise<void> {
    for (const worker of this.workers.values()) worker.start();
  }

  /** Ends live following and any rebuild between batches; an interrupted rebuild resumes on the next call. */
  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    await this.rebuilds;
  }

  /**
   * Rebuilds one projection (or all) into new generations from the start of the log, reading the log once for
   * all of them; readers keep the old generations until the new ones have caught up. Works whether or not the
   * runner is started. Progress is reported as log positions read, under the projection's name (or "N read
   * models").
   */
  rebuild(name?: string, onProgress?: RebuildProgress): Promise<RebuildResult[]> {
    const run = this.rebuilds.then(() => this.rebuildNow(name, onProgress));
    this.rebuilds = run.catch(() => undefined);
    return run;
  }

  private async rebuildNow(name: string | undefined, onProgress?: RebuildProgress): Promise<RebuildResult[]> {
    const workers = this.select(name === undefined ? undefined : [name]);
    const rebuilds: RebuildTarget[] = [];
    try {
      for (const worker of workers) rebuilds.push(await worker.beginRebuild());
    } catch (error) {
      // Nothing was filled: the rebuilds begun end as stopped (resumable), and the error is the answer.
      for (const [index, begun] of rebuilds.entries()) {
        await workers[index].completeRebuild(begun, { position: begun.from }, true);
      }
      throw error;
    }
    const label = workers.length === 1 ? workers[0].projection.name : `${workers.length} read models`;
    const fill = await catchUp({
      eventStore: this.eventStore,
      streamPrefixes: this.context.streamPrefixes,
      batchSize: this.context.batchSize,
      flushSize: this.context.flushSize,
      targets: workers.map((worker, index) => worker.rebuildCatchUpTarget(rebuilds[index])),
      shouldStop: () => workers.some((worker) => worker.isHalted()),
      onBatch: (position, head) => {
        const done = Number(position.commit);
        onProgress?.(done, head === null ? done : Math.max(done, Number(head.commit)), label);
      },
    });
    const results: RebuildResult[] = [];
    for (const [index, worker] of workers.entries()) {
      const { foldMs, writeMs } = fill.outcomes[index];
      const time = { readMs: fill.readMs, foldMs, writeMs, finishMs: 0 };
      const outcome = await timed(time, 'finishMs', () =>
        worker.completeRebuild(rebuilds[index], fill.outcomes[index], fill.stopped),
      );
      results.push({ ...outcome, time });
    }
    return results;
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headPosition();
    const statuses: ProjectionStatus[] = [];
    for (const worker of this.workers.values()) {
      const snapshot = worker.snapshot();
      const { failure } = snapshot;
      statuses.push({
        name: worker.projection.name,
        version: worker.projection.version,
        activeGeneration: await this.readStore.activeGeneration(worker.projection.name),
        generation: snapshot.generation,
        checkpoint: text(snapshot.checkpoint),
        headPosition: text(head),
        lag:
          head === null
            ? 0
            : Math.max(0, sequenceOf(head) - (snapshot.checkpoint ? sequenceOf(snapshot.checkpoint) : 0)),
        state: snapshot.state,
        failure: failure && { ...failure, position: serializePosition(failure.position) },
        rebuild: snapshot.rebuild
          ? { generation: snapshot.rebuild.generation, checkpoint: text(snapshot.rebuild.checkpoint) }
          : null,
      });
    }
    return statuses;
  }

  /**
   * Read-your-writes: true once every projection (or the named ones) serves readers a generation whose
   * checkpoint is at or after `position`; false on timeout, or at once if one of them has failed.
   */
  waitFor(position: Position, timeoutMs: number, names?: string[]): Promise<boolean> {
    const workers = this.select(names);
    return new Promise((resolve) => {
      const unsubscribes: (() => void)[] = [];
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        for (const unsubscribe of unsubscribes) unsubscribe();
        resolve(result);
      };
      const check = (): void => {
        if (workers.every((worker) => worker.hasReached(position))) finish(true);
        else if (workers.some((worker) => worker.isFailed())) finish(false);
      };
      for (const worker of workers) unsubscribes.push(worker.onChange(check));
      check();
    });
  }

  private select(names: string[] | undefined): ProjectionWorker[] {
    if (names === undefined) return [...this.workers.values()];
    return names.map((name) => {
      const worker = this.workers.get(name);
      if (!worker) throw new Error(`Unknown projection ${name}`);
      return worker;
    });
  }
}

const text = (position: Position | null): string | null => (position ? serializePosition(position) : null);
