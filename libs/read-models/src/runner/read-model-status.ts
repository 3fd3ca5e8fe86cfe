import {
  comparePositions,
  sequenceOf,
  serializePosition,
  type EventStore,
  type Position,
} from '@app/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store.port';
import { buildGeneration } from './generation';
import type { ProjectionStatus } from './projection-runner';

/** How far the read models have got: answered by the runner where it runs, by the store everywhere else. */
export interface ReadModelStatus {
  status(): Promise<ProjectionStatus[]>;
  /** True once the read models readers use include `position`; false on timeout or when one has failed. */
  waitFor(position: Position, timeoutMs: number, names?: string[]): Promise<boolean>;
}

export const READ_MODEL_STATUS = Symbol('ReadModelStatus');

/**
 * The read models as seen by a process that does not run the projector (PROJECTOR=off, e.g. API replicas of a
 * distributed deployment, where one worker projects): status and read-your-writes from the stored checkpoints.
 */
export class ReadModelObserver implements ReadModelStatus {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly pollIntervalMs = 50,
  ) {}

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headPosition();
    return Promise.all(
      this.projections.map(async (projection) => {
        const generation = await this.readStore.activeGeneration(projection.name);
        const checkpoint = await this.checkpointOf(projection, generation);
        const position = checkpoint?.position ?? null;
        const failure = checkpoint?.failure ?? null;
        return {
          name: projection.name,
          version: projection.version,
          activeGeneration: generation,
          generation,
          checkpoint: position && serializePosition(position),
          headPosition: head && serializePosition(head),
          lag: head ? Math.max(0, sequenceOf(head) - (position ? sequenceOf(position) : 0)) : 0,
          state: failure ? 'failed' : 'observed',
          failure: failure && { ...failure, position: serializePosition(failure.position) },
          rebuild: null,
        };
      }),
    );
  }

  async waitFor(position: Position, timeoutMs: number, names?: string[]): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const watched = this.projections.filter((p) => names === undefined || names.includes(p.name));
    for (;;) {
      let reached = true;
      for (const projection of watched) {
        const generation = await this.readStore.activeGeneration(projection.name);
        const checkpoint = await this.checkpointOf(projection, generation);
        if (checkpoint?.failure) return false;
        // Readers only see the active generation: one still being built does not count as reached.
        if (!generation || !checkpoint?.position || comparePositions(checkpoint.position, position) < 0) {
          reached = false;
        }
      }
      if (reached) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
    }
  }

  /** The active generation's checkpoint, or — before the first build completed — the one being built. */
  private checkpointOf(projection: Projection, active: string | null) {
    return this.readStore.checkpoint(projection.name, active ?? buildGeneration(projection.version));
  }
}
