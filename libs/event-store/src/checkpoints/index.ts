/** The ESDB implementation is exported from `@app/event-store/esdb` (it loads the gRPC client). */
export type { Checkpoint, CheckpointStore } from './checkpoint-store.port';
export { StreamCheckpointStore, CHECKPOINT_EVENT_TYPE } from './stream-checkpoint-store';
export { SqliteCheckpointStore } from './sqlite-checkpoint-store';
