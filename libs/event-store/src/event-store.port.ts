import type { Position } from './position';

/**
 * Optimistic concurrency, with EventStoreDB's semantics:
 * - 'any': no check; 'no_stream': the stream must not exist; 'stream_exists': it must exist;
 * - a number N: the stream's last revision must be N (revisions are 0-based, so N = event count − 1).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Who did it and why (R-ACT-1), set by the command handler from the command context. */
export interface EventActor {
  id: string;
  role: string;
}

export interface EventMetadata {
  actor: EventActor;
  /** ISO-8601 instant the command was handled (command.context.now), not the storage time. */
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  schemeVersion: string | null;
}

/** Metadata as stored: the envelope plus the hash chain link set by the store on append. */
export interface RecordedMetadata extends EventMetadata {
  /** Hash of the previous event of the stream; the zero hash for revision 0. */
  prevHash: string;
  /** sha256(prevHash ‖ canonical JSON of the event without `hash`), lowercase hex. */
  hash: string;
}

export interface EventToAppend {
  /** A UUID, unique per store. Re-appending the same ids at the same revisions is an idempotent no-op. */
  id: string;
  type: string;
  /** Schema version of `data`; default 1. */
  schemaVersion?: number;
  data: object;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data extends object = Record<string, unknown>> {
  id: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: RecordedMetadata;
  streamId: string;
  /** 0-based position of the event in its stream. */
  streamRevision: number;
  globalPosition: Position;
  /** ISO-8601 instant the store committed the event. */
  recordedAt: string;
}

/**
 * A recorded event without its metadata (who, when handled, the hash chain): what a read asking for
 * `metadata: false` returns — a read model's fold reads none of it, and the store then does not decode it.
 */
export type EventWithoutMetadata<Data extends object = Record<string, unknown>> = Omit<
  RecordedEvent<Data>,
  'metadata'
>;

export interface AppendResult {
  /** The stream's last revision after the append: pass it as the next expected revision (and ETag). */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  position: Position;
  /**
   * The events appended (for an idempotent replay: the original ones), as a read of the stream returns them, when
   * the store has them at hand in the append (the embedded store, in its transaction); absent otherwise (then a
   * caller that needs them reads them back).
   */
  events?: RecordedEvent[];
}

/** An event of stream `streamId` names stream `referencedStreamId` (see `findStreamReferences`). */
export interface StreamReference {
  streamId: string;
  referencedStreamId: string;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Default: the first revision forwards, the last one backwards. */
  fromRevision?: number;
  direction?: Direction;
  maxCount?: number;
  /** Return the events exactly as stored, without upcasting (hash verification needs the stored bytes). */
  raw?: boolean;
}

export interface ReadAllFilter {
  /**
   * Only streams whose id starts with one of these prefixes. Streams beginning with `$` (system/helper
   * streams) are excluded from readAll and subscriptions unless a prefix here starts with `$`.
   */
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: forwards returns events after it, backwards events before it. */
  fromPosition?: Position;
  direction?: Direction;
  maxCount?: number;
  filter?: ReadAllFilter;
  raw?: boolean;
}

/** Asks a read of the log for the events without their metadata (see EventWithoutMetadata). */
export interface WithoutMetadata {
  metadata: false;
}

export interface SubscribeToAllOptions {
  /** Exclusive. Default: from the start of the log. */
  fromPosition?: Position;
  filter?: ReadAllFilter;
}

/**
 * Emitted by a subscription when it has delivered everything that was in the log when catch-up ended (live
 * events follow), and again when it moved past events its filter skipped. `position` is the log position
 * reached (null if the log was empty): a consumer may checkpoint it even when the filter skipped the last events.
 */
export interface CaughtUp {
  caughtUp: true;
  position: Position | null;
}

export type SubscriptionMessage<E extends EventWithoutMetadata = RecordedEvent> = E | CaughtUp;

export const isCaughtUp = <E extends EventWithoutMetadata>(
  message: SubscriptionMessage<E>,
): message is CaughtUp => (message as CaughtUp).caughtUp === true;

/** A catch-up subscription: iterate with `for await`; `close()` (or `break`) ends it. */
export interface Subscription<E extends EventWithoutMetadata = RecordedEvent> extends AsyncIterable<
  SubscriptionMessage<E>
> {
  close(): Promise<void>;
}

/** The event store port. Every adapter runs the contract suite of `@app/testing/event-store-contract`. */
export interface EventStore {
  /** Atomic: all events or none. Throws WrongExpectedVersionError, StoreUnavailableError. */
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Throws StreamNotFoundError if the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * A stored event read `raw`, in the latest schema of its type: what a read without `raw` returns for it. Lets one
   * read serve both the hash chain (stored bytes) and a fold (latest schema).
   */
  upcast(event: RecordedEvent): RecordedEvent;
  readAll(options: ReadAllOptions & WithoutMetadata): Promise<EventWithoutMetadata[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions & WithoutMetadata): Subscription<EventWithoutMetadata>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  streamExists(streamId: string): Promise<boolean>;
  /**
   * The references between streams that start or end at one of `streamIds`, each once, in no particular order.
   * References are what the domain's `streamReferencesOf` derives from the stored events (e.g. a renewal
   * application names its certificate), whichever process appended them: an index, not a read model.
   */
  findStreamReferences(streamIds: readonly string[]): Promise<StreamReference[]>;
  /** Position of the last event in the log (any stream), null if empty. */
  headPosition(): Promise<Position | null>;
  /** Ends all subscriptions and releases the connection; later calls throw StoreUnavailableError. */
  close(): Promise<void>;
}
