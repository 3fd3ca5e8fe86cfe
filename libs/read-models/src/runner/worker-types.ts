import type { EventStore, Position } from '@app/event-store';
import type { ProjectionCheckpoint, ReadStore } from '../read-store.port';
import type { RunnerLogger } from './logger';

/**
 * `observed`: this process does not run the projector (PROJECTOR=off) and reports what the read store says;
 * `standby`: it would, but another process holds the projector lease (ProjectorLease); `retrying`: a store could
 * not be reached, and the projection tries again from its checkpoint after a backoff.
 */
export type ProjectionState =
  'catching-up' | 'live' | 'rebuilding' | 'retrying' | 'failed' | 'stopped' | 'observed' | 'standby';
export type ProjectionFailure = NonNullable<ProjectionCheckpoint['failure']>;

export interface WorkerContext {
  eventStore: EventStore;
  readStore: ReadStore;
  batchSize: number;
  flushSize: number;
  streamPrefixes: string[];
  logger: RunnerLogger;
  retryBackoff: RetryBackoff;
}

/** After a store was unavailable: the first wait before trying again, doubled per failed try up to `maxMs`. */
export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
}

/** How the rebuild of one read model ended. */
export interface RebuildOutcome {
  projection: string;
  generation: string;
  outcome: 'activated' | 'stopped' | 'failed';
  failure: ProjectionFailure | null;
}

/** Where the time of one read model's rebuild went, in milliseconds. */
export interface RebuildTime {
  /** Reading the log (events decoded): once for every read model rebuilt together, so the same for each of them. */
  readMs: number;
  /** Folding the events into this model's documents, loading the documents it did not hold included. */
  foldMs: number;
  /** Committing its documents, with their checkpoints, while the log was read. */
  writeMs: number;
  /** After the log was read: building its indexes, taking the events appended meanwhile, switching readers to it. */
  finishMs: number;
}

export interface RebuildResult extends RebuildOutcome {
  time: RebuildTime;
}

export interface WorkerSnapshot {
  state: ProjectionState;
  generation: string | null;
  checkpoint: Position | null;
  failure: ProjectionFailure | null;
  rebuild: { generation: string; checkpoint: Position | null } | undefined;
}

export type RebuildProgress = (done: number, total: number, projection: string) => void;
