import type { RecordedEvent } from '../event-store.port';
import { positionFromSequence } from '../position';

/**
 * The columns the reads select, in this order. Reads return each row as an array (better-sqlite3's `raw` mode):
 * building an object with named properties per row cost about as much as parsing the event's JSON.
 */
export const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at';

export type EventRow = [
  globalPosition: number,
  eventId: string,
  streamId: string,
  streamRevision: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: string,
];

/** The event as stored (before any upcasting). */
export const storedEventOf = (row: EventRow): RecordedEvent => ({
  id: row[1],
  type: row[4],
  schemaVersion: row[5],
  data: JSON.parse(row[6]) as Record<string, unknown>,
  metadata: JSON.parse(row[7]) as RecordedEvent['metadata'],
  streamId: row[2],
  streamRevision: row[3],
  globalPosition: positionFromSequence(row[0]),
  recordedAt: row[8],
});
