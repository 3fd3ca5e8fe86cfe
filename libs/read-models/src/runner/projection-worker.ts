import { setImmediate as nextTurn } from 'node:timers/promises';
import { comparePositions, isCaughtUp, isStoreUnavailable, serializePosition } from '@app/event-store';
import type { EventWithoutMetadata, Position, Subscription } from '@app/event-store';
import type { Projection } from '../projection';
import { GenerationNotPreparedError } from '../read-store.port';
import { catchUp, type CatchUpOutcome, type CatchUpTarget } from './catch-up';
import { DocumentBuffer } from './document-buffer';
import { prepareProjection, ProjectionEventError, type PreparedProjection } from './prepared-projection';
import { buildGeneration, parseGeneration, rebuildChoices } from './generation';
import { LeaseLostError } from './projector-lease';
import type {
  ProjectionFailure,
  ProjectionState,
  RebuildOutcome,
  RetryBackoff,
  WorkerContext,
  WorkerSnapshot,
} from './worker-types';

/** Documents a catch-up holds per read model before committing them: few transactions, bounded memory. */
export const FLUSH_DOCUMENTS = 2_000;

/** After a store was unavailable, the first try again waits half a second, doubling per failed try up to 30 s. */
export const RETRY_BACKOFF: RetryBackoff = { initialMs: 500, maxMs: 30_000 };

/** A rebuild under way: the generation it fills and the checkpoint it resumes after. */
export interface RebuildTarget {
  generation: string;
  from: Position | null;
}

/**
 * Runs one projection: builds the generation of its code version when needed, then follows the log live;
 * rebuilds on request into a fresh generation while the active one keeps serving. An event it cannot apply stops
 * this projection only and is recorded, so it is neither retried nor skipped silently after a restart. A store
 * that cannot be reached (isStoreUnavailable: the event store, or MongoDB during an outage or an election) is not
 * the projection's fault: it tries again from its checkpoint after a backoff, state `retrying`, until it can.
 */
export class ProjectionWorker {
  private readonly prepared: PreparedProjection;
  private state: ProjectionState = 'stopped';
  /** The generation followed, its checkpoint, and whether readers use it (only then does waitFor count it). */
  private generation: string | null = null;
  private checkpoint: Position | null = null;
  private serving = false;
  private failure: ProjectionFailure | null = null;
  private started = false;
  private halted = false;
  private pauseLive = false;
  private subscription: Subscription<EventWithoutMetadata> | undefined;
  private loop: Promise<void> | undefined;
  private rebuildState: { generation: string; checkpoint: Position | null } | undefined;
  private readonly listeners = new Set<() => void>();
  /** Tries since the projection last made progress that met an unavailable store, and the next one's timer. */
  private retries = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly projection: Projection,
    private readonly context: WorkerContext,
  ) {
    this.prepared = prepareProjection(projection);
  }

  start(): void {
    this.started = true;
    this.halted = false;
    this.launch();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.halted = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.subscription?.close();
    await this.loop?.catch(() => undefined);
    if (this.state !== 'failed') this.state = 'stopped';
    this.notify();
  }

  snapshot(): WorkerSnapshot {
    return {
      state: this.rebuildState ? 'rebuilding' : this.state,
      generation: this.generation,
      checkpoint: this.checkpoint,
      failure: this.failure,
      rebuild: this.rebuildState,
    };
  }

  /** Stopped (or stopping): a rebuild filling this projection ends at its next batch. */
  isHalted(): boolean {
    return this.halted;
  }

  isFailed(): boolean {
    return this.state === 'failed' && !this.rebuildState;
  }

  /** Readers see every event up to `position` in this projection. */
  hasReached(position: Position): boolean {
    return this.serving && this.checkpoint !== null && comparePositions(this.checkpoint, position) >= 0;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private launch(): void {
    if (this.loop) return;
    this.state = 'catching-up';
    this.loop = this.runOnActive()
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.loop = undefined;
      });
  }

  /**
   * Runs until stopped, on whichever generation is active. Another process sharing the stores — `projections
   * rebuild` run from the CLI beside the API — may switch readers to a generation it built and drop the one
   * followed here; the next commit is then refused, and this projection starts again on the active generation
   * (from that generation's checkpoint) instead of failing.
   */
  private async runOnActive(): Promise<void> {
    for (;;) {
      try {
        await this.run();
        return;
      } catch (error) {
        if (!(error instanceof GenerationNotPreparedError) || this.halted) throw error;
        const active = await this.context.readStore.activeGeneration(this.projection.name);
        this.context.logger.warn(
          `Projection ${this.projection.name}: ${error.generation} was dropped by another process; ` +
            `starting again on the active generation (${active ?? 'none'})`,
        );
      }
    }
  }

  private async run(): Promise<void> {
    const { readStore } = this.context;
    const { name, version, indexes } = this.projection;
    const active = await readStore.activeGeneration(name);
    const fits = active !== null && parseGeneration(active)?.version === version;
    const generation = fits ? active : buildGeneration(version);
    // A generation readers do not use yet is a bulk load: its indexes are built once it has caught up.
    await readStore.prepare(name, generation, indexes, { deferIndexes: !fits });
    const stored = await readStore.checkpoint(name, generation);
    this.generation = generation;
    this.checkpoint = stored?.position ?? null;
    this.serving = fits;
    if (stored?.failure) {
      this.failed(stored.failure, 'stays failed until rebuilt (or fixed under a new version)');
      return;
    }
    if (!fits)
      this.context.logger.log(`Projection ${name}: building ${generation} (active: ${active ?? 'none'})`);
    const result = await this.catchUpInto(
      generation,
      this.checkpoint,
      () => this.halted || this.pauseLive,
      (checkpoint) => {
        this.checkpoint = checkpoint;
        this.retries = 0;
        this.notify();
      },
    );
    if (result.stopped) return;
    this.checkpoint = result.position;
    if (!this.serving) {
      await readStore.prepare(name, generation, indexes);
      await this.switchTo(generation, result.position);
    }
    await this.follow(generation);
  }

  /**
   * Live: a catch-up subscription from the checkpoint. What arrives while a commit runs (or in the same turn,
   * e.g. a group of appends read at once) is committed together in one transaction.
   */
  private async follow(generation: string): Promise<void> {
    if (this.halted || this.pauseLive) return;
    const subscription = this.context.eventStore.subscribeToAll({
      fromPosition: this.checkpoint ?? undefined,
      filter: { streamPrefixes: this.context.streamPrefixes },
      metadata: false,
    });
    this.subscription = subscription;
    const pending: EventWithoutMetadata[] = [];
    /** The position to commit up to: the last event received, or past skipped events when caught up. */
    let target = this.checkpoint;
    let caughtUp = false;
    let draining: Promise<void> | undefined;
    let failure: { error: unknown } | undefined;
    const drain = async (): Promise<void> => {
      // Let the subscription hand over everything it has already read before committing.
      await nextTurn();
      try {
        while (target !== null && isAfter(target, this.checkpoint)) {
          await this.commit(generation, pending.splice(0), target);
        }
        if (caughtUp) this.markLive();
      } catch (error) {
        failure = { error };
        void subscription.close();
      } finally {
        draining = undefined;
      }
    };
    try {
      for await (const message of subscription) {
        if (this.halted || this.pauseLive || failure) break;
        if (isCaughtUp(message)) {
          caughtUp = true;
          if (message.position && isAfter(message.position, target)) target = message.position;
          if (!draining && (target === null || !isAfter(target, this.checkpoint))) {
            this.markLive();
            continue;
          }
        } else {
          if (!isAfter(message.globalPosition, target)) continue;
          pending.push(message);
          target = message.globalPosition;
        }
        draining ??= drain();
        // Back-pressure: never hold more than a batch in memory.
        if (pending.length >= this.context.batchSize) await draining;
      }
    } finally {
      this.subscription = undefined;
      await subscription.close();
      await draining;
    }
    if (failure) throw failure.error;
  }

  private markLive(): void {
    this.retries = 0;
    if (this.state === 'live') return;
    this.state = 'live';
    this.notify();
  }

  private async commit(
    generation: string,
    events: readonly EventWithoutMetadata[],
    position: Position,
  ): Promise<void> {
    const buffer = this.buffer(generation);
    await buffer.apply(events);
    await buffer.flush(position);
    this.checkpoint = position;
    this.notify();
  }

  /** Catches one generation up with the log (see catchUp), committing as its buffer fills. */
  private async catchUpInto(
    generation: string,
    from: Position | null,
    shouldStop: () => boolean,
    onCommit?: (checkpoint: Position) => void,
  ): Promise<{ position: Position | null; stopped: boolean }> {
    const { outcomes, stopped } = await catchUp({
      eventStore: this.context.eventStore,
      streamPrefixes: this.context.streamPrefixes,
      batchSize: this.context.batchSize,
      flushSize: this.context.flushSize,
      targets: [{ buffer: this.buffer(generation), from, onCommit }],
      shouldStop,
    });
    const [outcome] = outcomes;
    if (outcome.error !== undefined) throw outcome.error;
    return { position: outcome.position, stopped };
  }

  private buffer(generation: string): DocumentBuffer {
    return new DocumentBuffer(this.context.readStore, this.prepared, generation);
  }

  /**
   * Starts a rebuild into a new generation (or resumes an interrupted one); readers keep the active one. The
   * runner fills it — one log scan for every projection rebuilt together — then calls `completeRebuild`.
   */
  async beginRebuild(): Promise<RebuildTarget> {
    const { readStore, logger } = this.context;
    const { name, indexes } = this.projection;
    if (this.rebuildState) throw new Error(`Projection ${name} is already rebuilding`);
    const generation = await this.rebuildTarget();
    await readStore.prepare(name, generation, indexes, { deferIndexes: true });
    const from = (await readStore.checkpoint(name, generation))?.position ?? null;
    this.rebuildState = { generation, checkpoint: from };
    this.notify();
    logger.log(`Projection ${name}: rebuilding into ${generation}`);
    return { generation, from };
  }

  /** What the runner's catch-up fills for a rebuild begun with `beginRebuild`. */
  rebuildCatchUpTarget(rebuild: RebuildTarget): CatchUpTarget {
    return {
      buffer: this.buffer(rebuild.generation),
      from: rebuild.from,
      onCommit: (checkpoint) => {
        if (this.rebuildState) this.rebuildState.checkpoint = checkpoint;
      },
    };
  }

  /**
   * After the fill: pauses live following of the old generation, takes the last few events, switches readers
   * to the new generation and follows it. A failed fill is recorded; a stopped one resumes on the next rebuild.
   */
  async completeRebuild(
    rebuild: RebuildTarget,
    fill: Pick<CatchUpOutcome, 'position' | 'error'>,
    stopped: boolean,
  ): Promise<RebuildOutcome> {
    const { logger } = this.context;
    const { name } = this.projection;
    const { generation } = rebuild;
    try {
      if (fill.error !== undefined) throw fill.error;
      if (stopped) return { projection: name, generation, outcome: 'stopped', failure: null };
      // Filled without index maintenance: the indexes are built once, over all its documents.
      await this.context.readStore.prepare(name, generation, this.projection.indexes);
      this.pauseLive = true;
      await this.subscription?.close();
      await this.loop;
      this.pauseLive = false;
      try {
        const last = await this.catchUpInto(generation, fill.position, () => false);
        await this.switchTo(generation, last.position);
        this.failure = null;
        this.state = 'stopped';
        logger.log(`Projection ${name}: rebuilt, ${generation} active at ${positionText(last.position)}`);
      } finally {
        // Follow whichever generation is active now: the new one, or the old one if the switch failed.
        if (this.started && !this.halted) this.launch();
      }
      return { projection: name, generation, outcome: 'activated', failure: null };
    } catch (error) {
      const failure = await this.record(generation, error);
      return { projection: name, generation, outcome: 'failed', failure };
    } finally {
      this.rebuildState = undefined;
      this.notify();
    }
  }

  /** Resumes an interrupted rebuild of this version unless it failed; else the next rebuild number. */
  private async rebuildTarget(): Promise<string> {
    const { readStore } = this.context;
    const { name, version } = this.projection;
    const active = await readStore.activeGeneration(name);
    const { resumable, fresh } = rebuildChoices(version, active, await readStore.generations(name));
    if (resumable && !(await readStore.checkpoint(name, resumable))?.failure) return resumable;
    return fresh;
  }

  /** Makes a caught-up generation the one readers use and drops every other generation. */
  private async switchTo(generation: string, position: Position | null): Promise<void> {
    const { readStore } = this.context;
    const { name } = this.projection;
    await readStore.activate(name, generation);
    for (const other of await readStore.generations(name)) {
      if (other !== generation) await readStore.drop(name, other);
    }
    this.generation = generation;
    this.checkpoint = position;
    this.serving = true;
    this.notify();
  }

  /** Records an event failure in the store (so restarts see it); other errors only stop this run. */
  private async record(generation: string, error: unknown): Promise<ProjectionFailure> {
    const failure = failureOf(error, this.checkpoint);
    if (error instanceof ProjectionEventError) {
      try {
        await this.context.readStore.recordFailure(this.projection.name, generation, failure);
      } catch (recordError) {
        this.context.logger.error(
          `Projection ${this.projection.name}: could not record failure: ${recordError}`,
        );
      }
    }
    this.context.logger.error(
      `Projection ${this.projection.name} (${generation}) failed at ${serializePosition(failure.position)} ` +
        `on ${failure.eventType || 'no event'} ${failure.eventId}: ${failure.message}`,
      error instanceof Error ? error.stack : undefined,
    );
    return failure;
  }

  private async fail(error: unknown): Promise<void> {
    // Errors while stopping (a subscription or store closed under us) are the shutdown, not a failure.
    if (this.halted) return;
    if (error instanceof LeaseLostError) {
      // Not this projection's failure: the lease runs it again once this process holds the lease for sure.
      this.context.logger.warn(`Projection ${this.projection.name}: stopped, ${error.message}`);
      this.state = 'stopped';
      this.notify();
      return;
    }
    if (isStoreUnavailable(error)) {
      this.retryLater(error as Error);
      return;
    }
    const failure = await this.record(this.generation ?? buildGeneration(this.projection.version), error);
    this.failed(failure);
  }

  /** Runs the projection again from its checkpoint once the backoff has passed (unless stopped meanwhile). */
  private retryLater(error: Error): void {
    this.retries++;
    const { initialMs, maxMs } = this.context.retryBackoff;
    const delay = Math.min(maxMs, initialMs * 2 ** (this.retries - 1));
    this.state = 'retrying';
    this.context.logger.warn(
      `Projection ${this.projection.name}: a store is unavailable (${error.message}); trying again in ` +
        `${delay} ms from ${positionText(this.checkpoint)}`,
    );
    this.notify();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.halted) this.launch();
    }, delay);
  }

  private failed(failure: ProjectionFailure, note?: string): void {
    this.failure = failure;
    this.state = 'failed';
    if (note) {
      this.context.logger.error(
        `Projection ${this.projection.name} failed at ${serializePosition(failure.position)} on ` +
          `${failure.eventType} ${failure.eventId}: ${failure.message}; ${note}`,
      );
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const failureOf = (error: unknown, checkpoint: Position | null): ProjectionFailure => {
  if (error instanceof ProjectionEventError) {
    return {
      position: error.event.globalPosition,
      eventId: error.event.id,
      eventType: error.event.type,
      message: error.message,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { position: checkpoint ?? { commit: 0n, prepare: 0n }, eventId: '', eventType: '', message };
};

/** True when `position` is later than `than` (anything is later than the start of the log). */
const isAfter = (position: Position, than: Position | null): boolean =>
  than === null || comparePositions(position, than) > 0;

const positionText = (position: Position | null): string =>
  position ? serializePosition(position) : 'start';
