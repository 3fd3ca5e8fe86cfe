export * from './projection-runner';
export type {
  ProjectionFailure,
  ProjectionState,
  RebuildProgress,
  RebuildResult,
  RebuildTime,
} from './worker-types';
export type { RunnerLogger } from './logger';
export { ProjectionEventError } from './prepared-projection';
export { buildGeneration, parseGeneration, rebuildGeneration } from './generation';
export { openReadStore, PROJECTIONS, ProjectionsModule, ReadStoreConfigError } from './projections.module';
export * from './read-model-status';
export * from './projector-lease';
