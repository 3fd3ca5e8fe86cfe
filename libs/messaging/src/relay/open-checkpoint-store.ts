import { SqliteEventStore, type EventStore } from '@app/event-store';
import { SqliteCheckpointStore, type CheckpointStore } from '@app/event-store/checkpoints';

/** The checkpoint store of the configured adapter: `$checkpoint-…` streams (SQLite) or the ESDB variant. */
export const openCheckpointStore = async (eventStore: EventStore): Promise<CheckpointStore> => {
  if (eventStore instanceof SqliteEventStore) return new SqliteCheckpointStore(eventStore);
  // Loaded only for EventStoreDB, so the embedded default never loads the gRPC client.
  const { EsdbCheckpointStore, EsdbEventStore } = await import('@app/event-store/esdb');
  if (eventStore instanceof EsdbEventStore) return new EsdbCheckpointStore(eventStore);
  throw new TypeError('Kafka status relay: no checkpoint store for this event-store adapter');
};
