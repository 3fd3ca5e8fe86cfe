import { UnreadableEventError } from '../errors';
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

/** The stored JSON text of one column of the event, decoded; UnreadableEventError when it no longer parses. */
const decoded = <T>(streamId: string, revision: number, text: string): T => {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UnreadableEventError(streamId, revision, error);
  }
};

/**
 * The event as stored (before any upcasting). Its metadata is parsed when first read: folds and projections seldom
 * read it, and it is about a third of the bytes an event parses. Text that no longer parses (data at once, metadata
 * when read) throws UnreadableEventError.
 */
export const storedEventOf = (row: EventRow): RecordedEvent => {
  // Only the metadata's text is kept for later, not the row (whose data text is garbage once parsed).
  const metadataText = row[7];
  const streamId = row[2];
  const streamRevision = row[3];
  let metadata: RecordedEvent['metadata'] | undefined;
  return {
    id: row[1],
    type: row[4],
    schemaVersion: row[5],
    data: decoded<Record<string, unknown>>(streamId, streamRevision, row[6]),
    get metadata(): RecordedEvent['metadata'] {
      return (metadata ??= decoded<RecordedEvent['metadata']>(streamId, streamRevision, metadataText));
    },
    set metadata(value: RecordedEvent['metadata']) {
      metadata = value;
    },
    streamId,
    streamRevision,
    globalPosition: positionFromSequence(row[0]),
    recordedAt: row[8],
  };
};
