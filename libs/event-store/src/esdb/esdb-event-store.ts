import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  eventTypeFilter,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Filter, ReadPosition, ResolvedEvent } from '@eventstore/db-client';
import { REFERENCING_EVENT_TYPES, streamReferencesOf } from '@app/domain';
import { StoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import { prepareForSealing, sealEvents, ZERO_HASH } from '../hash-chain';
import { comparePositions } from '../position';
import type { Position } from '../position';
import { UpcasterRegistry } from '../upcasting';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  EventWithoutMetadata,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamReference,
  Subscription,
  SubscribeToAllOptions,
  WithoutMetadata,
} from '../event-store.port';
import { validateAppend } from '../append-validation';
import { isClientStreamNotFound, isClientWrongExpectedVersion, translateError } from './esdb-errors';
import { effectivePrefixes, fromResolved, matcherOf, toEventData, withoutMetadata } from './esdb-events';
import { EsdbSubscription } from './esdb-subscription';
import type { SubscriptionTuning } from './esdb-subscription';
import { idempotentReplay } from './idempotent-replay';

/** What the adapter logs through; a Nest `Logger` fits as is. */
export interface EsdbLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://admin:changeit@localhost:2113?tls=false` */
  connectionString: string;
  upcasters?: UpcasterRegistry;
  logger?: EsdbLogger;
  /**
   * Default stream prefixes for readAll/subscribeToAll when the caller's filter has none (e.g. the
   * application's aggregate prefixes), so helper streams such as `checkpoint-*` stay out of projections.
   */
  streamPrefixes?: string[];
  /** Resubscription backoff and consumer buffer (defaults: 100 ms doubling to 5 s; 1 000 messages). */
  subscription?: Partial<SubscriptionTuning>;
}

/** readAll reads `$all` in pages of this size and filters on the client (client 6.2.1 has no readAll filter). */
const PAGE_SIZE = 512;
/** Head-read/append rounds lost to concurrent writers before giving up; each loser re-reads a newer head. */
const MAX_APPEND_ATTEMPTS = 20;

const consoleLogger: EsdbLogger = {
  log: () => undefined,
  warn: (message) => console.warn(message),
  error: (message, stack) => console.error(stack ? `${message}\n${stack}` : message),
};

/**
 * The EventStore port over EventStoreDB (gRPC, `@eventstore/db-client` 6.2.1).
 *
 * Append keeps ONE hash chain per stream although ESDB knows nothing about it: the adapter reads the stream,
 * seals the new events onto its last hash (`sealEvents`, as every adapter) and appends with the expected
 * revision set to the revision it read — also when the caller said `any` or `stream_exists`. If another
 * writer got in between, ESDB rejects the append and the adapter starts over from a fresh read, so two
 * events can never claim the same prevHash (the chain cannot fork). The caller's own expectation is
 * checked by the adapter against what it read, so WrongExpectedVersion carries the actual revision.
 *
 * The read before each append is the whole stream (ESDB has no lookup by event id), to honour the port's
 * idempotency exactly like the SQLite adapter: the same ids where this append would put them are a replay
 * (original result returned, nothing written), any other reuse of a stored id in the stream is a
 * WrongExpectedVersion. Cost O(stream length) per append; our streams are short (one per aggregate), and
 * checkpoint streams are capped by `maxCount`. Ids used in ANOTHER stream are not detected
 * (DuplicateEventIdError is SQLite-only): ESDB does not index ids.
 */
export class EsdbEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly logger: EsdbLogger;
  private readonly tuning: SubscriptionTuning;
  private readonly subscriptions = new Set<EsdbSubscription<EventWithoutMetadata>>();
  private closed = false;
  private resubscriptionCount = 0;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.logger = options.logger ?? consoleLogger;
    this.tuning = {
      initialBackoffMs: options.subscription?.initialBackoffMs ?? 100,
      maxBackoffMs: options.subscription?.maxBackoffMs ?? 5000,
      highWaterMark: options.subscription?.highWaterMark ?? 1000,
    };
  }

  /**
   * Parses the connection string and creates the client. No I/O: the client connects on first use, so a
   * server that is down surfaces as StoreUnavailableError on the first call, not here.
   */
  static async connect(options: EsdbEventStoreOptions): Promise<EsdbEventStore> {
    return new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  /** Subscriptions re-established after a drop since this store was created (for metrics). */
  get resubscriptions(): number {
    return this.resubscriptionCount;
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expectedRevision);
    const prepared = events.map(prepareForSealing);
    let actual: number | 'no_stream' = 'no_stream';
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const stored = await this.readWholeStream(streamId);
      const head = stored.length > 0 ? stored[stored.length - 1] : undefined;
      actual = head ? head.streamRevision : 'no_stream';
      const replay = idempotentReplay(streamId, events, expectedRevision, stored);
      if (replay) return replay;
      const ok =
        expectedRevision === 'any' ||
        (expectedRevision === 'no_stream' && !head) ||
        (expectedRevision === 'stream_exists' && !!head) ||
        (typeof expectedRevision === 'number' && head?.streamRevision === expectedRevision);
      if (!ok) throw new WrongExpectedVersionError(streamId, expectedRevision, actual);

      const firstRevision = head ? head.streamRevision + 1 : 0;
      const sealed = sealEvents(streamId, firstRevision, head ? head.metadata.hash : ZERO_HASH, prepared);
      try {
        const result = await this.client.appendToStream(
          streamId,
          sealed.map((event, index) => toEventData(events[index].id, event)),
          { expectedRevision: head ? BigInt(head.streamRevision) : NO_STREAM },
        );
        return {
          nextExpectedRevision: Number(result.nextExpectedRevision),
          position: result.position ?? (await this.lastPosition(streamId)),
        };
      } catch (error) {
        // Lost a race with another writer: re-read and decide again (replay, conflict or a new head).
        if (!isClientWrongExpectedVersion(error)) throw translateError(error, streamId);
      }
    }
    throw new WrongExpectedVersionError(streamId, expectedRevision, actual);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) {
      if (!(await this.streamExists(streamId))) throw new StreamNotFoundError(streamId);
      return [];
    }
    const resolved = await this.collect(
      () =>
        this.client.readStream(streamId, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision:
            options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
          ...(options.maxCount !== undefined ? { maxCount: Math.floor(options.maxCount) } : {}),
        }),
      streamId,
    );
    return this.convert(resolved, options.raw);
  }

  upcast(event: RecordedEvent): RecordedEvent {
    return this.upcasters.upcast(event);
  }

  readAll(options: ReadAllOptions & WithoutMetadata): Promise<EventWithoutMetadata[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  async readAll(
    options: ReadAllOptions & Partial<WithoutMetadata> = {},
  ): Promise<(EventWithoutMetadata | RecordedEvent)[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount === undefined ? Infinity : Math.max(0, Math.floor(options.maxCount));
    const matches = matcherOf(options.filter, this.options.streamPrefixes);
    const result: (EventWithoutMetadata | RecordedEvent)[] = [];
    let cursor: Position | undefined = options.fromPosition;
    while (result.length < limit) {
      const from: ReadPosition = cursor ?? (backwards ? END : START);
      const page = await this.collect(() =>
        this.client.readAll({
          direction: backwards ? BACKWARDS : FORWARDS,
          fromPosition: from,
          maxCount: PAGE_SIZE,
        }),
      );
      for (const resolved of page) {
        const event = fromResolved(resolved);
        if (!event) continue;
        // The port's position is exclusive in both directions; ESDB includes it reading forwards.
        if (
          cursor &&
          (backwards
            ? comparePositions(event.globalPosition, cursor) >= 0
            : comparePositions(event.globalPosition, cursor) <= 0)
        ) {
          continue;
        }
        if (!matches(event.streamId, event.type)) continue;
        const read = options.metadata === false ? withoutMetadata(event) : event;
        result.push(options.raw ? read : this.upcasters.upcast(read));
        if (result.length >= limit) break;
      }
      if (page.length < PAGE_SIZE) break;
      const last = page[page.length - 1].event?.position;
      if (!last) break;
      cursor = last;
    }
    return result;
  }

  subscribeToAll(options: SubscribeToAllOptions & WithoutMetadata): Subscription<EventWithoutMetadata>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  subscribeToAll(
    options: SubscribeToAllOptions & Partial<WithoutMetadata> = {},
  ): Subscription<EventWithoutMetadata> | Subscription {
    this.assertOpen();
    const matches = matcherOf(options.filter, this.options.streamPrefixes);
    const serverFilter = this.serverFilter(options);
    const subscription = new EsdbSubscription(
      {
        headPosition: () => this.headPosition(),
        open: (from) => this.client.subscribeToAll({ fromPosition: from ?? START, filter: serverFilter }),
        accept: (resolved) => {
          const event = fromResolved(resolved);
          if (!event || !matches(event.streamId, event.type)) return undefined;
          return this.upcasters.upcast(options.metadata === false ? withoutMetadata(event) : event);
        },
        resubscribing: (reason, delayMs, resumeAfter) => {
          this.resubscriptionCount++;
          const message = reason instanceof Error ? reason.message : String(reason);
          const after = resumeAfter ? `${resumeAfter.commit}/${resumeAfter.prepare}` : 'the start';
          this.logger.warn(
            `EventStoreDB subscription dropped (${message}); resubscribing after ${after} in ${delayMs} ms`,
          );
        },
        detach: (self) => this.subscriptions.delete(self),
      },
      options.fromPosition,
      this.tuning,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamExists(streamId: string): Promise<boolean> {
    this.assertOpen();
    try {
      await this.collect(() => this.client.readStream(streamId, { maxCount: 1 }), streamId);
      return true;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      throw error;
    }
  }

  /**
   * ESDB has no index to ask: one scan of `$all` per call, keeping the referencing event types (client 6.2.1's
   * readAll cannot filter on the server), with the same derivation as the SQLite index.
   */
  async findStreamReferences(streamIds: readonly string[]): Promise<StreamReference[]> {
    const wanted = new Set(streamIds);
    const found = new Map<string, StreamReference>();
    const events = await this.readAll({ filter: { eventTypes: [...REFERENCING_EVENT_TYPES] }, raw: true });
    for (const { streamId, type, data } of events) {
      for (const referencedStreamId of streamReferencesOf(streamId, type, data)) {
        if (wanted.has(streamId) || wanted.has(referencedStreamId)) {
          found.set(JSON.stringify([streamId, referencedStreamId]), { streamId, referencedStreamId });
        }
      }
    }
    return [...found.values()];
  }

  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    const [last] = await this.collect(() =>
      this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
    );
    const position = last?.event?.position;
    return position ? { commit: position.commit, prepare: position.prepare } : null;
  }

  /**
   * Caps the stream at its last `maxCount` events (ESDB stream metadata; older events are scavenged).
   * Replaces the stream's metadata. A capped stream no longer verifies from revision 0: use it for
   * helper streams (checkpoints), not for aggregate streams.
   */
  async setStreamMaxCount(streamId: string, maxCount: number): Promise<void> {
    this.assertOpen();
    if (!(Number.isSafeInteger(maxCount) && maxCount >= 1)) throw new RangeError('maxCount must be >= 1');
    try {
      await this.client.setStreamMetadata(streamId, { maxCount });
    } catch (error) {
      throw translateError(error, streamId);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * ESDB filters on stream name OR event type, not both: prefixes go to the server when there are any,
   * else the event types (as prefixes); with neither, `$` streams are excluded by regex. The exact filter
   * is applied again on the client.
   */
  private serverFilter(options: SubscribeToAllOptions): Filter {
    const prefixes = effectivePrefixes(options.filter, this.options.streamPrefixes);
    if (prefixes) return streamNameFilter({ prefixes: [...prefixes] });
    const types = options.filter?.eventTypes;
    if (types?.length) return eventTypeFilter({ prefixes: [...types] });
    return streamNameFilter({ regex: '^[^$]' });
  }

  private async readWholeStream(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.readStream(streamId, { raw: true });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** For servers whose append response has no position: the stream's last event. */
  private async lastPosition(streamId: string): Promise<Position> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1, raw: true });
    return last.globalPosition;
  }

  private convert(resolved: readonly ResolvedEvent[], raw = false): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    for (const item of resolved) {
      const event = fromResolved(item);
      if (event) events.push(raw ? event : this.upcasters.upcast(event));
    }
    return events;
  }

  /** Drains a client read, translating its errors (StreamNotFound, unavailability). */
  private async collect<T extends ResolvedEvent | AllStreamResolvedEvent>(
    read: () => AsyncIterable<T>,
    streamId?: string,
  ): Promise<T[]> {
    const items: T[] = [];
    try {
      for await (const item of read()) items.push(item);
    } catch (error) {
      if (streamId !== undefined && isClientStreamNotFound(error)) throw new StreamNotFoundError(streamId);
      throw translateError(error, streamId);
    }
    return items;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }
}
