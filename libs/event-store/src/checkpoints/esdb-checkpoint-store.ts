import type { Position } from '../position';
import type { EsdbEventStore } from '../esdb/esdb-event-store';
import { StreamCheckpointStore } from './stream-checkpoint-store';

/** Prefix of checkpoint streams in EventStoreDB; keep it out of the adapter's `streamPrefixes`. */
export const ESDB_CHECKPOINT_PREFIX = 'checkpoint-';

/**
 * Checkpoints in EventStoreDB on `checkpoint-<name>` streams capped at one event (`maxCount: 1`).
 * Not `$checkpoint-…`: ESDB reserves `$` streams for the system (writing them needs admin rights).
 * Excluded from projections by the adapter's default `streamPrefixes` (and by type filters).
 */
export class EsdbCheckpointStore extends StreamCheckpointStore {
  constructor(private readonly esdb: EsdbEventStore) {
    super(esdb, (name) => `${ESDB_CHECKPOINT_PREFIX}${name}`);
  }

  override async save(name: string, position: Position, expectedRevision: number | null): Promise<number> {
    // Cap the stream when it is created; setting the metadata again on a lost race is harmless.
    if (expectedRevision === null) await this.esdb.setStreamMaxCount(`${ESDB_CHECKPOINT_PREFIX}${name}`, 1);
    return super.save(name, position, expectedRevision);
  }
}
