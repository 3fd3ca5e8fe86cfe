import Database from 'better-sqlite3';
import { streamReferencesOf } from '@app/domain';
import {
  DuplicateEventIdError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import { prepareForSealing, sealEvents, ZERO_HASH } from '../hash-chain';
import { positionFromSequence, sequenceOf } from '../position';
import type { Position } from '../position';
import { UpcasterRegistry } from '../upcasting';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  EventWithoutMetadata,
  ExpectedRevision,
  ReadAllFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamReference,
  Subscription,
  SubscribeToAllOptions,
  WithoutMetadata,
} from '../event-store.port';
import { insertReferenceStatement, migrate } from './schema';
import {
  EVENT_COLUMNS,
  EVENT_COLUMNS_WITHOUT_METADATA,
  eventWithoutMetadataOf,
  storedEventOf,
} from './event-rows';
import type { EventRow, EventRowWithoutMetadata } from './event-rows';
import { CommitSignal } from './commit-signal';
import { SqliteSubscription } from './sqlite-subscription';
import type { BatchReader } from './sqlite-subscription';
import { validateAppend } from '../append-validation';

export type SynchronousMode = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' (one private database per store). */
  path: string;
  /** Durability of commits (PRAGMA synchronous). Default FULL: an acknowledged append survives power loss. */
  synchronous?: SynchronousMode;
  /** How long a write waits for another connection's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  upcasters?: UpcasterRegistry;
  /**
   * Subscriptions re-read at this interval to see appends made by other processes (other connections of this
   * process, in any of its threads, signal their commits). Default 250 ms.
   */
  pollIntervalMs?: number;
  /** Events read per query while a subscription catches up. Default 500. */
  batchSize?: number;
  /** Source of `recordedAt` (infrastructure time, unlike the domain's `occurredAt`). */
  clock?: () => Date;
}

const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|CORRUPT|NOTADB|PROTOCOL|NOMEM)/;

/** The next revision a stream would get and the hash its first event must point to. */
interface StreamHead {
  revision: number;
  hash: string;
}

/** An append waiting for the next group commit, with the caller's promise. */
interface QueuedAppend {
  streamId: string;
  events: readonly EventToAppend[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What one append of a group came to: its result, or the error that rolled back its savepoint only. */
type GroupOutcome = { result: AppendResult } | { error: unknown };

/** A group commit as its observers see it (`onGroupCommit`). */
export interface GroupCommit {
  /** Appends in the group, each committed or rejected alone. */
  appends: number;
  /** From BEGIN to COMMIT returned — the fsync included under synchronous=FULL; the caller's thread waits all of it. */
  seconds: number;
  /** Whether the transaction committed (false: every append of the group was rejected). */
  committed: boolean;
}

/** Most appends committed in one transaction; more wait for the next group. */
const MAX_GROUP = 256;
/**
 * Most turns of the event loop a group waits for more appends before it commits (see the class comment). A turn in
 * which nothing was waiting to run passes in microseconds: the loop does not sleep while a commit is pending.
 */
const MAX_GATHERING_TURNS = 4;

/**
 * The embedded event store: better-sqlite3 in WAL mode. The driver is synchronous; the async port
 * wraps it so callers are adapter-agnostic.
 *
 * Group commit: appends are queued and written together in one IMMEDIATE transaction — one fsync for many
 * concurrent commands under synchronous=FULL. The group commits at the first turn of the event loop that queued no
 * further append (setImmediate, after the loop has run the callbacks of whatever had arrived), or after
 * MAX_GATHERING_TURNS turns: requests that arrived while the thread was busy with the first ones join their group
 * instead of waiting for it to commit and then for a group of their own. Committing at the very next turn, under
 * a steady load of concurrent commands, answered about half of them a whole group later than the rest (bench case
 * 2: two peaks of latency, at about one and two groups' time).
 * Each append runs in its own savepoint with its expected-revision check against everything committed or
 * written before it in the group (so exactly one of two appends with the same expected revision wins), and
 * fails or succeeds alone; a caller's promise settles only after the group's COMMIT returned, so an
 * acknowledged append is as durable as before. If the transaction itself fails (busy, I/O error, or SQLite
 * rolled it back), every append of the group is rejected and none was stored. `appendWithinTransaction` is the
 * check + insert without the transaction wrapper.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: {
    head: Database.Statement<[string], { revision: number; hash: string }>;
    findEvent: Database.Statement<
      [string],
      { stream_id: string; stream_revision: number; global_position: number }
    >;
    insert: Database.Statement<[string, string, number, string, number, string, string, string]>;
    readForwards: Database.Statement<[string, number, number], EventRow>;
    readBackwards: Database.Statement<[string, number, number], EventRow>;
    exists: Database.Statement<[string], { found: number }>;
    maxPosition: Database.Statement<[], { position: number | null }>;
    insertReference: Database.Statement<[string, string]>;
    references: Database.Statement<[string, string], StreamReference>;
  };
  private readonly readAllStatements = new Map<string, Database.Statement<unknown[], unknown[]>>();
  /** Nested inside the group's transaction, so a savepoint: one append's failure undoes that append only. */
  private readonly appendSavepoint: Database.Transaction<
    (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult
  >;
  private readonly groupTransaction: Database.Transaction<(group: readonly QueuedAppend[]) => GroupOutcome[]>;
  private queue: QueuedAppend[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** The turns the queued group has waited, and how many appends it had at the last of them. */
  private gathering = { turns: 0, queued: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly groupCommitObservers = new Set<(commit: GroupCommit) => void>();
  private readonly commitSignal: CommitSignal;
  private readonly subscriptions = new Set<SqliteSubscription<EventWithoutMetadata>>();
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: () => Date;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteEventStoreOptions,
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? (() => new Date());
    this.commitSignal = CommitSignal.forDatabase(options.path);
    this.commitSignal.listen(() => this.notifyListeners());
    this.statements = {
      head: db.prepare(
        `SELECT stream_revision AS revision, json_extract(metadata, '$.hash') AS hash
           FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1`,
      ),
      findEvent: db.prepare(
        'SELECT stream_id, stream_revision, global_position FROM events WHERE event_id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readForwards: db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events
            WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`,
        )
        .raw(true),
      readBackwards: db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events
            WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
        )
        .raw(true),
      exists: db.prepare('SELECT 1 AS found FROM events WHERE stream_id = ? LIMIT 1'),
      maxPosition: db.prepare('SELECT max(global_position) AS position FROM events'),
      insertReference: insertReferenceStatement(db),
      // Both directions through their indexes; the ids come as one JSON array per direction.
      references: db.prepare(
        `SELECT stream_id AS streamId, referenced_stream_id AS referencedStreamId FROM stream_references
          WHERE stream_id IN (SELECT value FROM json_each(?))
         UNION
         SELECT stream_id, referenced_stream_id FROM stream_references
          WHERE referenced_stream_id IN (SELECT value FROM json_each(?))`,
      ),
    };
    this.appendSavepoint = db.transaction(
      (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) =>
        this.appendWithinTransaction(streamId, events, expected),
    );
    this.groupTransaction = db.transaction((group: readonly QueuedAppend[]) =>
      group.map((item): GroupOutcome => {
        try {
          return { result: this.appendSavepoint(item.streamId, item.events, item.expected) };
        } catch (error) {
          // Some errors make SQLite roll back the whole transaction: then the group fails as one.
          if (!db.inTransaction) throw error;
          return { error };
        }
      }),
    );
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(options.path);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      migrate(db);
      return new SqliteEventStore(db, options);
    } catch (error) {
      db?.close();
      throw new StoreUnavailableError(`Cannot open SQLite event store at ${options.path}`, { cause: error });
    }
  }

  /** The underlying connection, for tests and operator tooling (e.g. tamper detection). Not part of the port. */
  get database(): Database.Database {
    return this.db;
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    this.assertOpen();
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected: expectedRevision, resolve, reject });
      this.scheduled ??= setImmediate(() => this.gather());
    });
  }

  /** At a turn of the event loop: waits one more turn if this one queued appends and the group may still grow. */
  private gather(): void {
    const { turns, queued } = this.gathering;
    if (this.queue.length > queued && this.queue.length < MAX_GROUP && turns < MAX_GATHERING_TURNS) {
      this.gathering = { turns: turns + 1, queued: this.queue.length };
      this.scheduled = setImmediate(() => this.gather());
      return;
    }
    this.commitGroup();
  }

  /** Writes the queued appends (up to MAX_GROUP) in one transaction, then settles their callers' promises. */
  private commitGroup(): void {
    this.scheduled = null;
    this.gathering = { turns: 0, queued: 0 };
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) this.scheduled = setImmediate(() => this.commitGroup());
    if (group.length === 0) return;
    let outcomes: GroupOutcome[];
    const started = process.hrtime.bigint();
    try {
      outcomes = this.guard(() => this.groupTransaction.immediate(group));
    } catch (error) {
      this.observeGroupCommit(group.length, started, false);
      for (const item of group) item.reject(error);
      return;
    }
    this.observeGroupCommit(group.length, started, true);
    if (outcomes.some((outcome) => 'result' in outcome)) this.notify();
    outcomes.forEach((outcome, index) => {
      if ('result' in outcome) group[index].resolve(outcome.result);
      else group[index].reject(translateError(outcome.error));
    });
  }

  /**
   * Check + insert (the events, and the stream references they carry); must run inside a write (IMMEDIATE)
   * transaction.
   */
  appendWithinTransaction(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const head = this.statements.head.get(streamId);
    const replay = this.idempotentReplay(streamId, events, expected, head);
    if (replay) return replay;

    const actual = head ? head.revision : 'no_stream';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && !head) ||
      (expected === 'stream_exists' && !!head) ||
      (typeof expected === 'number' && head?.revision === expected);
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);

    const firstRevision = head ? head.revision + 1 : 0;
    const sealed = sealEvents(
      streamId,
      firstRevision,
      head ? head.hash : ZERO_HASH,
      events.map(prepareForSealing),
    );
    const recordedAt = this.clock().toISOString();
    const recorded = sealed.map((event, index): RecordedEvent => {
      const { id } = events[index];
      const streamRevision = firstRevision + index;
      const info = this.statements.insert.run(
        id,
        streamId,
        streamRevision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      for (const referenced of streamReferencesOf(streamId, event.type, event.data)) {
        this.statements.insertReference.run(streamId, referenced);
      }
      // What a read returns: the stored JSON parses back to these objects (they are its round trip).
      return this.upcasters.upcast({
        id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as Record<string, unknown>,
        metadata: event.metadata,
        streamId,
        streamRevision,
        globalPosition: positionFromSequence(Number(info.lastInsertRowid)),
        recordedAt,
      });
    });
    return {
      nextExpectedRevision: firstRevision + events.length - 1,
      position: recorded[recorded.length - 1].globalPosition,
      events: recorded,
    };
  }

  /**
   * EventStoreDB idempotency: if every id is already in this stream, consecutively, where this append
   * would have put them (after `expected`, or anywhere for 'any'/'stream_exists'), the append is a replay:
   * return the original result. Any other use of an existing id is a conflict.
   */
  private idempotentReplay(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    head: StreamHead | undefined,
  ): AppendResult | undefined {
    const found = events.map((event) => this.statements.findEvent.get(event.id));
    if (found.every((row) => row === undefined)) return undefined;
    const elsewhere = found.findIndex((row) => row !== undefined && row.stream_id !== streamId);
    if (elsewhere >= 0) throw new DuplicateEventIdError(events[elsewhere].id, streamId);
    const first = found[0];
    const startsWhereExpected =
      first !== undefined &&
      (typeof expected === 'number'
        ? first.stream_revision === expected + 1
        : expected === 'no_stream'
          ? first.stream_revision === 0
          : true);
    const consecutive =
      first !== undefined &&
      found.every((row, index) => row !== undefined && row.stream_revision === first.stream_revision + index);
    const last = found[found.length - 1];
    if (startsWhereExpected && consecutive && last) {
      return {
        nextExpectedRevision: last.stream_revision,
        position: positionFromSequence(last.global_position),
        events: this.statements.readForwards
          .all(streamId, first.stream_revision, found.length)
          .map((row) => this.toRecorded(row)),
      };
    }
    throw new WrongExpectedVersionError(streamId, expected, head ? head.revision : 'no_stream');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.guard(() => {
      const limit = limitOf(options.maxCount);
      const rows =
        options.direction === 'backwards'
          ? this.statements.readBackwards.all(
              streamId,
              options.fromRevision ?? Number.MAX_SAFE_INTEGER,
              limit,
            )
          : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, limit);
      if (rows.length === 0 && !this.statements.exists.get(streamId)) throw new StreamNotFoundError(streamId);
      return rows.map((row) => this.toRecorded(row, options.raw));
    });
  }

  upcast(event: RecordedEvent): RecordedEvent {
    return this.upcasters.upcast(event);
  }

  readAll(options: ReadAllOptions & WithoutMetadata): Promise<EventWithoutMetadata[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  async readAll(
    options: ReadAllOptions & Partial<WithoutMetadata> = {},
  ): Promise<EventWithoutMetadata[] | RecordedEvent[]> {
    return this.guard(() => {
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition ? sequenceOf(options.fromPosition) : undefined;
      return this.readLog(
        options.metadata,
        backwards,
        from,
        limitOf(options.maxCount),
        options.filter,
        options.raw,
      );
    });
  }

  subscribeToAll(options: SubscribeToAllOptions & WithoutMetadata): Subscription<EventWithoutMetadata>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  subscribeToAll(
    options: SubscribeToAllOptions & Partial<WithoutMetadata> = {},
  ): Subscription<EventWithoutMetadata> | Subscription {
    this.assertOpen();
    const reader: BatchReader<EventWithoutMetadata> = (after, limit) =>
      this.guard(() =>
        // One read transaction: the batch and the head come from the same snapshot.
        this.db.transaction(() => ({
          events: this.readLog(options.metadata, false, after, limit, options.filter),
          head: this.statements.maxPosition.get()?.position ?? 0,
        }))(),
      );
    const subscription = new SqliteSubscription(reader, {
      from: options.fromPosition ? sequenceOf(options.fromPosition) : 0,
      batchSize: this.options.batchSize ?? 500,
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      attach: (listener) => this.listeners.add(listener),
      detach: (listener, self) => {
        this.listeners.delete(listener);
        this.subscriptions.delete(self);
      },
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamExists(streamId: string): Promise<boolean> {
    return this.guard(() => this.statements.exists.get(streamId) !== undefined);
  }

  async findStreamReferences(streamIds: readonly string[]): Promise<StreamReference[]> {
    return this.guard(() => {
      const ids = JSON.stringify(streamIds);
      return this.statements.references.all(ids, ids);
    });
  }

  async headPosition(): Promise<Position | null> {
    return this.guard(() => {
      const position = this.statements.maxPosition.get()?.position;
      return position ? positionFromSequence(position) : null;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are written (and acknowledged) before the connection closes.
    if (this.scheduled) clearImmediate(this.scheduled);
    while (this.queue.length > 0) this.commitGroup();
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.closed = true;
    this.commitSignal.close();
    this.db.close();
  }

  /** The events of a read of the log, with their metadata unless `metadata` is false (upcast unless `raw`). */
  private readLog(
    metadata: boolean | undefined,
    backwards: boolean,
    from: number | undefined,
    limit: number,
    filter?: ReadAllFilter,
    raw = false,
  ): EventWithoutMetadata[] | RecordedEvent[] {
    if (metadata === false) {
      return this.queryAll<EventRowWithoutMetadata>(
        EVENT_COLUMNS_WITHOUT_METADATA,
        backwards,
        from,
        limit,
        filter,
      ).map((row) => this.upcastUnlessRaw(eventWithoutMetadataOf(row), raw));
    }
    return this.queryAll<EventRow>(EVENT_COLUMNS, backwards, from, limit, filter).map((row) =>
      this.toRecorded(row, raw),
    );
  }

  private queryAll<Row>(
    columns: string,
    backwards: boolean,
    from: number | undefined,
    limit: number,
    filter?: ReadAllFilter,
  ): Row[] {
    const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
    const types = filter?.eventTypes?.length ? filter.eventTypes : undefined;
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (from !== undefined) {
      conditions.push(backwards ? 'global_position < ?' : 'global_position > ?');
      params.push(from);
    }
    if (prefixes) {
      // instr(...) = 1 is a case-sensitive, wildcard-free "starts with" (LIKE is neither).
      conditions.push(`(${prefixes.map(() => 'instr(stream_id, ?) = 1').join(' OR ')})`);
      params.push(...prefixes);
    } else {
      conditions.push(`substr(stream_id, 1, 1) <> '$'`);
    }
    if (types) {
      conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      params.push(...types);
    }
    const sql = `SELECT ${columns} FROM events WHERE ${conditions.join(' AND ')}
      ORDER BY global_position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
    params.push(limit);
    let statement = this.readAllStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown[]>(sql).raw(true);
      this.readAllStatements.set(sql, statement);
    }
    return statement.all(...params) as Row[];
  }

  private toRecorded(row: EventRow, raw = false): RecordedEvent {
    return this.upcastUnlessRaw(storedEventOf(row), raw);
  }

  private upcastUnlessRaw<E extends EventWithoutMetadata>(event: E, raw: boolean): E {
    return raw ? event : this.upcasters.upcast(event);
  }

  /**
   * Calls `observer` after each group commit of this connection (e.g. a commit-time histogram); returns the way to
   * stop. Specific to this adapter: its commits block the calling thread.
   */
  onGroupCommit(observer: (commit: GroupCommit) => void): () => void {
    this.groupCommitObservers.add(observer);
    return () => this.groupCommitObservers.delete(observer);
  }

  private observeGroupCommit(appends: number, started: bigint, committed: boolean): void {
    if (this.groupCommitObservers.size === 0) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const observer of this.groupCommitObservers) {
      try {
        observer({ appends, seconds, committed });
      } catch {
        // An observer (metrics) never fails a commit that has happened, nor the appends waiting on it.
      }
    }
  }

  private notify(): void {
    this.notifyListeners();
    this.commitSignal.post();
  }

  private notifyListeners(): void {
    for (const listener of this.listeners) listener();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }

  /** Runs a driver call, translating infrastructure failures into StoreUnavailableError. */
  private guard<T>(operation: () => T): T {
    this.assertOpen();
    try {
      return operation();
    } catch (error) {
      throw translateError(error);
    }
  }
}

/** Infrastructure failures of the driver become StoreUnavailableError; anything else is returned as it is. */
const translateError = (error: unknown): unknown => {
  const code = (error as { code?: unknown }).code;
  // Not `instanceof SqliteError`: the native addon keeps the error class of the first module instance
  // that loaded it, which differs per realm under Jest's module registries.
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) {
    return new StoreUnavailableError(`SQLite event store unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
};

/** SQLite: a negative LIMIT means no limit. */
const limitOf = (maxCount: number | undefined): number =>
  maxCount === undefined ? -1 : Math.max(0, Math.floor(maxCount));
