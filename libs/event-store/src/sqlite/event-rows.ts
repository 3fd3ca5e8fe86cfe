import { UnreadableEventError } from '../errors';
import type { EventWithoutMetadata, RecordedEvent } from '../event-store.port';
import { positionFromSequence } from '../position';

/**
 * The columns the reads select, in this order. Reads return each row as an array (better-sqlite3's `raw` mode):
 * building an object with named properties per row cost about as much as parsing the event's JSON.
 */
export const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at';

/** The same columns with NULL in the metadata's place (an EventRowWithoutMetadata): the metadata is not read. */
export const EVENT_COLUMNS_WITHOUT_METADATA =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, NULL, recorded_at';

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

export type EventRowWithoutMetadata = [
  globalPosition: number,
  eventId: string,
  streamId: string,
  streamRevision: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: null,
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
 * The event as stored (before any upcasting), a plain object: copies of it (an upcast event) carry every field.
 * Text that no longer parses throws UnreadableEventError. Both columns are parsed at once: deferring the metadata's
 * parse to its first read (an accessor pair per event) cost the reads more than the parse it saved.
 */
export const storedEventOf = (row: EventRow): RecordedEvent => {
  const streamId = row[2];
  const streamRevision = row[3];
  return {
    id: row[1],
    type: row[4],
    schemaVersion: row[5],
    data: decoded<Record<string, unknown>>(streamId, streamRevision, row[6]),
    metadata: decoded<RecordedEvent['metadata']>(streamId, streamRevision, row[7]),
    streamId,
    streamRevision,
    globalPosition: positionFromSequence(row[0]),
    recordedAt: row[8],
  };
};

/**
 * The event as stored, without its metadata (its data decoded as `storedEventOf` does). A literal of its own rather
 * than `storedEventOf`'s object less a field: each shape is made in one step, as the reads of the log make millions.
 */
export const eventWithoutMetadataOf = (row: EventRowWithoutMetadata): EventWithoutMetadata => {
  const streamId = row[2];
  const streamRevision = row[3];
  return {
    id: row[1],
    type: row[4],
    schemaVersion: row[5],
    data: decoded<Record<string, unknown>>(streamId, streamRevision, row[6]),
    streamId,
    streamRevision,
    globalPosition: positionFromSequence(row[0]),
    recordedAt: row[8],
  };
};
