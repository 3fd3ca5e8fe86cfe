import type { ExpectedRevision } from './event-store.port';

/** Base class of every error the event store port throws; `code` is stable for API mapping. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream's revision is not what the caller expected (optimistic concurrency; HTTP 412 when from If-Match). */
export class WrongExpectedVersionError extends EventStoreError {
  override readonly name = 'WrongExpectedVersionError';
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Wrong expected revision on ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  override readonly name = 'StreamNotFoundError';
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream not found: ${streamId}`);
  }
}

/** The store cannot be reached or used (closed, locked too long, I/O failure). Retryable by operators, not users. */
export class StoreUnavailableError extends EventStoreError {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The MongoDB driver's errors for a server it cannot reach or lost (by name: no driver loaded for this). */
const MONGODB_UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
]);

/**
 * Whether an error says that one of the system's stores cannot be reached now — the event store
 * (StoreUnavailableError, which its adapters raise) or a MongoDB read or identity store (the driver's connection,
 * server-selection and closed-client errors, and a server that stepped down: `RetryableWriteError`) — rather than
 * that a request or an event is wrong. Such a failure passes: the API answers 503, the projector tries again.
 */
export const isStoreUnavailable = (error: unknown): boolean => {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  if (MONGODB_UNAVAILABLE.has(error.name)) return true;
  const labelled = error as Error & { hasErrorLabel?: (label: string) => boolean };
  return typeof labelled.hasErrorLabel === 'function' && labelled.hasErrorLabel('RetryableWriteError');
};

/**
 * An event id already stored in ANOTHER stream (ids are unique per store). Not an idempotent replay: that
 * would be the same ids in the same stream at the same revisions. A programming error, never retried.
 */
export class DuplicateEventIdError extends EventStoreError {
  override readonly name = 'DuplicateEventIdError';
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`Event id ${eventId} is already used (appending to ${streamId})`);
  }
}

/**
 * A stored event whose bytes no longer decode (its data or metadata is not JSON any more: damaged or altered on
 * disk). Reads of its stream fail with it; the regulators' verification locates it instead (UNREADABLE).
 */
export class UnreadableEventError extends EventStoreError {
  override readonly name = 'UnreadableEventError';
  readonly code = 'UNREADABLE_EVENT';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    cause: unknown,
  ) {
    super(
      `Stored event ${streamId}@${revision} cannot be decoded: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
