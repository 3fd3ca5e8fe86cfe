import { comparePositions, isCaughtUp, serializePosition } from '@app/event-store';
import type { Position, RecordedEvent, Subscription } from '@app/event-store';
import type { Projection } from '../projection';
import { applyBatch, prepareProjection, ProjectionEventError } from './apply-batch';
import type { PreparedProjection } from './apply-batch';
import { catchUp } from './catch-up';
import { buildGeneration, parseGeneration, rebuildChoices } from './generation';
import type {
  ProjectionFailure,
  ProjectionState,
  RebuildProgress,
  RebuildResult,
  WorkerContext,
  WorkerSnapshot,
} from './worker-types';

/**
 * Runs one projection: builds the generation of its code version when needed, then follows the log live;
 * rebuilds on request into a fresh generation while the active one keeps serving. A failure stops this
 * projection only and is recorded, so it is neither retried nor skipped silently after a restart.
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
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private rebuildRun: Promise<RebuildResult> | undefined;
  private rebuildState: { generation: string; checkpoint: Position | null } | undefined;
  private readonly listeners = new Set<() => void>();

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
    await this.subscription?.close();
    await Promise.allSettled([this.loop, this.rebuildRun]);
    if (this.state !== 'failed') this.state = 'stopped';
    this.notify();
  }

  rebuild(onProgress?: RebuildProgress): Promise<RebuildResult> {
    this.rebuildRun ??= this.runRebuild(onProgress).finally(() => {
      this.rebuildRun = undefined;
      this.rebuildState = undefined;
    });
    return this.rebuildRun;
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
    this.loop = this.run()
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.loop = undefined;
      });
  }

  private async run(): Promise<void> {
    const { readStore } = this.context;
    const { name, version, indexes } = this.projection;
    const active = await readStore.activeGeneration(name);
    const fits = active !== null && parseGeneration(active)?.version === version;
    const generation = fits ? active : buildGeneration(version);
    await readStore.prepare(name, generation, indexes);
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
        this.notify();
      },
    );
    if (result.stopped) return;
    this.checkpoint = result.position;
    if (!this.serving) {
      await this.switchTo(generation, result.position);
    }
    await this.follow(generation);
  }

  /** Live: a catch-up subscription from the checkpoint, one commit per event. */
  private async follow(generation: string): Promise<void> {
    if (this.halted || this.pauseLive) return;
    const subscription = this.context.eventStore.subscribeToAll({
      fromPosition: this.checkpoint ?? undefined,
      filter: { streamPrefixes: this.context.streamPrefixes },
    });
    this.subscription = subscription;
    try {
      for await (const message of subscription) {
        if (this.halted || this.pauseLive) break;
        if (isCaughtUp(message)) {
          const position = message.position;
          if (position && (this.checkpoint === null || comparePositions(position, this.checkpoint) > 0)) {
            await this.commit(generation, [], position);
          }
          this.state = 'live';
          this.notify();
          continue;
        }
        if (this.checkpoint && comparePositions(message.globalPosition, this.checkpoint) <= 0) continue;
        await this.commit(generation, [message], message.globalPosition);
      }
    } finally {
      this.subscription = undefined;
      await subscription.close();
    }
  }

  private async commit(
    generation: string,
    events: readonly RecordedEvent[],
    position: Position,
  ): Promise<void> {
    await applyBatch(this.context.readStore, this.prepared, generation, events, position);
    this.checkpoint = position;
    this.notify();
  }

  private catchUpInto(
    generation: string,
    from: Position | null,
    shouldStop: () => boolean,
    onBatch?: (checkpoint: Position, head: Position | null) => void,
  ) {
    return catchUp({
      eventStore: this.context.eventStore,
      streamPrefixes: this.context.streamPrefixes,
      batchSize: this.context.batchSize,
      from,
      shouldStop,
      apply: (events, checkpoint) =>
        applyBatch(this.context.readStore, this.prepared, generation, events, checkpoint),
      onBatch,
    });
  }

  private async runRebuild(onProgress?: RebuildProgress): Promise<RebuildResult> {
    const { readStore, logger } = this.context;
    const { name, indexes } = this.projection;
    const generation = await this.rebuildTarget();
    await readStore.prepare(name, generation, indexes);
    const stored = await readStore.checkpoint(name, generation);
    this.rebuildState = { generation, checkpoint: stored?.position ?? null };
    this.notify();
    logger.log(`Projection ${name}: rebuilding into ${generation}`);
    const progress = (checkpoint: Position, head: Position | null): void => {
      if (this.rebuildState) this.rebuildState.checkpoint = checkpoint;
      const done = Number(checkpoint.commit);
      onProgress?.(done, head === null ? done : Math.max(done, Number(head.commit)), name);
    };
    try {
      const first = await this.catchUpInto(generation, stored?.position ?? null, () => this.halted, progress);
      if (first.stopped) return { projection: name, generation, outcome: 'stopped', failure: null };
      // Caught up: pause the live loop on the old generation, take the last few events, then switch.
      this.pauseLive = true;
      await this.subscription?.close();
      await this.loop;
      this.pauseLive = false;
      try {
        const last = await this.catchUpInto(generation, first.position, () => false, progress);
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
    const failure = await this.record(this.generation ?? buildGeneration(this.projection.version), error);
    this.failed(failure);
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

const positionText = (position: Position | null): string =>
  position ? serializePosition(position) : 'start';
