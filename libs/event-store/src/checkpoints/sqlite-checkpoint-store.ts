import type { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { StreamCheckpointStore } from './stream-checkpoint-store';

/**
 * Checkpoints in the embedded store, on `$checkpoint-<name>` streams: `$` streams are excluded from readAll
 * and subscriptions, so projections never see them. SQLite has no `maxCount`: one small row per save.
 */
export class SqliteCheckpointStore extends StreamCheckpointStore {
  constructor(store: SqliteEventStore) {
    super(store, (name) => `$checkpoint-${name}`);
  }
}
