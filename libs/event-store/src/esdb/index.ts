/**
 * The EventStoreDB adapter. Import from `@app/event-store/esdb`, never from the lib's root: the embedded
 * (SQLite) default must not load the gRPC client.
 */
export { EsdbEventStore } from './esdb-event-store';
export type { EsdbEventStoreOptions, EsdbLogger } from './esdb-event-store';
export type { SubscriptionTuning } from './esdb-subscription';
export { SCHEMA_VERSION_KEY } from './esdb-events';
export { EsdbCheckpointStore, ESDB_CHECKPOINT_PREFIX } from '../checkpoints/esdb-checkpoint-store';
