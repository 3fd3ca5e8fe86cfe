import type { EventStore, Position } from '@app/event-store';
import type { ProjectionCheckpoint, ReadStore } from '../read-store.port';
import type { RunnerLogger } from './logger';

/** `observed`: this process does not run the projector (PROJECTOR=off) and reports what the read store says. */
export type ProjectionState = 'catching-up' | 'live' | 'rebuilding' | 'failed' | 'stopped' | 'observed';
export type ProjectionFailure = NonNullable<ProjectionCheckpoint['failure']>;

export interface WorkerContext {
  eventStore: EventStore;
  readStore: ReadStore;
  batchSize: number;
  flushSize: number;
  streamPrefixes: string[];
  logger: RunnerLogger;
}

export interface RebuildResult {
  projection: string;
  generation: string;
  outcome: 'activated' | 'stopped' | 'failed';
  failure: ProjectionFailure | null;
}

export interface WorkerSnapshot {
  state: ProjectionState;
  generation: string | null;
  checkpoint: Position | null;
  failure: ProjectionFailure | null;
  rebuild: { generation: string; checkpoint: Position | null } | undefined;
}

export type RebuildProgress = (done: number, total: number, projection: string) => void;
