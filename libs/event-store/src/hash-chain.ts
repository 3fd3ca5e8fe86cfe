import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { comparePositions } from './position';
import type {
  EventMetadata,
  EventStore,
  EventToAppend,
  RecordedEvent,
  RecordedMetadata,
} from './event-store.port';

/** prevHash of revision 0. */
export const ZERO_HASH = '0'.repeat(64);

/** What a stored event's hash covers: everything but the hash itself and the store's bookkeeping. */
export interface HashInput {
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** Metadata including prevHash, excluding hash. */
  metadata: EventMetadata & { prevHash: string };
}

/**
 * sha256hex(prevHash ‖ canonicalJSON({streamId, revision, type, schemaVersion, data, metadata∖hash})), in one call
 * (`crypto.hash`: no Hash object per event, about half the time of createHash().update().digest() for an event).
 */
export const computeEventHash = (input: HashInput): string =>
  hash(
    'sha256',
    input.metadata.prevHash +
      canonicalJson({
        streamId: input.streamId,
        revision: input.revision,
        type: input.type,
        schemaVersion: input.schemaVersion,
        data: input.data,
        metadata: input.metadata,
      }),
    'hex',
  );

export interface EventToSeal {
  type: string;
  schemaVersion: number;
  data: object;
  metadata: EventMetadata;
}

export type SealedEvent<T extends EventToSeal> = Omit<T, 'metadata'> & { metadata: RecordedMetadata };

/**
 * An event to append as the stores keep it: data and metadata round-tripped through JSON, so that the hash covers
 * exactly what is stored and read back. Both adapters prepare every event with this before sealing it.
 */
export const prepareForSealing = (event: EventToAppend): EventToSeal => ({
  type: event.type,
  schemaVersion: event.schemaVersion ?? 1,
  data: JSON.parse(JSON.stringify(event.data)) as object,
  metadata: JSON.parse(
    JSON.stringify({
      ...event.metadata,
      causationId: event.metadata.causationId ?? null,
      schemeVersion: event.metadata.schemeVersion ?? null,
    }),
  ) as EventMetadata,
});

/**
 * Links events about to be appended to a stream into its hash chain. Every adapter calls this same function,
 * so hashes are adapter-independent. `data`/`metadata` must already be plain JSON (as they will be read back).
 */
export const sealEvents = <T extends EventToSeal>(
  streamId: string,
  firstRevision: number,
  prevHash: string,
  events: readonly T[],
): SealedEvent<T>[] => {
  let previous = prevHash;
  return events.map((event, index) => {
    const { hash: _ignored, ...rest } = event.metadata as EventMetadata & { hash?: unknown };
    const metadata = { ...rest, prevHash: previous };
    const eventHash = computeEventHash({
      streamId,
      revision: firstRevision + index,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
    });
    previous = eventHash;
    return { ...event, metadata: { ...metadata, hash: eventHash } };
  });
};

export type BrokenLinkReason =
  /** The event's content does not produce its stored hash (data, metadata, type… changed). */
  | 'HASH_MISMATCH'
  /** The event does not point at the previous event's hash (reordered, replaced or inserted). */
  | 'PREV_HASH_MISMATCH'
  /** A revision is missing (deleted event); `revision` is the first missing one. */
  | 'REVISION_GAP'
  /** Revisions not ascending, or the global order disagrees with the stream order. */
  | 'OUT_OF_ORDER'
  /** The event belongs to another stream. */
  | 'STREAM_MISMATCH';

export interface StreamVerification {
  streamId: string;
  valid: boolean;
  /** Hash of the last event read (ZERO_HASH for an empty list): anchor it to detect truncation later. */
  headHash: string;
  eventCount: number;
  firstBrokenLink?: { revision: number; reason: BrokenLinkReason; expected?: string; actual?: string };
}

/**
 * Verifies a whole stream, read from revision 0 in stream order, WITHOUT upcasting (stored bytes).
 * Reports the first broken link. Deleting the stream's last events is not detectable from the chain alone:
 * compare `headHash`/`eventCount` with a previously anchored value for that.
 */
export const verifyStream = (events: readonly RecordedEvent[], streamId?: string): StreamVerification => {
  const id = streamId ?? events[0]?.streamId ?? '';
  let previousHash = ZERO_HASH;
  const result = (firstBrokenLink?: StreamVerification['firstBrokenLink']): StreamVerification => ({
    streamId: id,
    valid: firstBrokenLink === undefined,
    headHash: events.length > 0 ? events[events.length - 1].metadata.hash : ZERO_HASH,
    eventCount: events.length,
    ...(firstBrokenLink ? { firstBrokenLink } : {}),
  });
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    if (event.streamId !== id) {
      return result({ revision: index, reason: 'STREAM_MISMATCH', expected: id, actual: event.streamId });
    }
    if (event.streamRevision !== index) {
      const reason = event.streamRevision > index ? 'REVISION_GAP' : 'OUT_OF_ORDER';
      return result({
        revision: index,
        reason,
        expected: String(index),
        actual: String(event.streamRevision),
      });
    }
    if (index > 0 && comparePositions(events[index - 1].globalPosition, event.globalPosition) >= 0) {
      return result({ revision: index, reason: 'OUT_OF_ORDER' });
    }
    const { hash, ...withoutHash } = event.metadata;
    if (withoutHash.prevHash !== previousHash) {
      return result({
        revision: index,
        reason: 'PREV_HASH_MISMATCH',
        expected: previousHash,
        actual: withoutHash.prevHash,
      });
    }
    const recomputed = computeEventHash({
      streamId: id,
      revision: index,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: withoutHash,
    });
    if (recomputed !== hash) {
      return result({ revision: index, reason: 'HASH_MISMATCH', expected: recomputed, actual: hash });
    }
    previousHash = hash;
  }
  return result();
};

/** Reads the stored (raw) stream and verifies its chain. Throws StreamNotFoundError if absent. */
export const verifyStoredStream = async (store: EventStore, streamId: string): Promise<StreamVerification> =>
  verifyStream(await store.readStream(streamId, { raw: true }), streamId);
