import type { Position } from '@app/event-store';
import type { IndexSpec, ReadDocument } from './projection';

/**
 * Field conditions of a query; fields are dotted paths into the document (`holder.name`). All conditions
 * must hold. Values are strings, numbers, booleans or null; dates are ISO strings and compare as strings.
 */
export type FieldCondition =
  | { eq: string | number | boolean | null }
  | { in: (string | number)[] }
  | { gte?: string | number; lt?: string | number; lte?: string | number; gt?: string | number }
  /** Case-insensitive substring (Chinese included); `%`, `_` and regex characters match literally. */
  | { contains: string };

export interface Query {
  where?: Record<string, FieldCondition>;
  /** Any of these field/condition sets may hold (e.g. number equals q OR holder name contains q). */
  anyOf?: Record<string, FieldCondition>[];
  /** Sort keys in order; ties are broken by `id` ascending so pages are stable. */
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** Page size when a query gives none, and the most a page may hold (larger requests are capped). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** The page a query asks for, as every adapter reads it: whole numbers, from 1, the size capped at MAX_PAGE_SIZE. */
export const pageOfQuery = (query: Pick<Query, 'page' | 'pageSize'>): { page: number; pageSize: number } => {
  const whole = (value: number | undefined, fallback: number): number =>
    value !== undefined && Number.isFinite(value) ? Math.floor(value) : fallback;
  const page = Math.max(1, whole(query.page, 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, whole(query.pageSize, DEFAULT_PAGE_SIZE)));
  return { page, pageSize };
};

export interface Page<D> {
  items: D[];
  total: number;
  page: number;
  pageSize: number;
}

/** Where a projection generation stands: its checkpoint (null = nothing applied) and any failure that stopped it. */
export interface ProjectionCheckpoint {
  projection: string;
  generation: string;
  position: Position | null;
  /** Set when an event could not be applied: the projection stops there until fixed and rebuilt. */
  failure: { position: Position; eventId: string; eventType: string; message: string } | null;
  updatedAt: string;
}

/** The documents a batch writes (null = delete) and the checkpoint it advances to, committed together. */
export interface BatchWrite {
  projection: string;
  generation: string;
  writes: { id: string; document: ReadDocument | null }[];
  checkpoint: Position;
}

export interface PrepareOptions {
  /**
   * A bulk load: a generation no reader uses yet (a rebuild) is filled without maintaining its indexes on every
   * write, and they are built once over all its documents by preparing it again without this option, before it is
   * activated. Until then its queries are correct but unindexed, and a unique index does not reject duplicates
   * (building it does).
   */
  deferIndexes?: boolean;
}

/** Who holds a lease of the read store, and until when (see `ReadStore.takeLease`). */
export interface Lease {
  holder: string;
  expiresAt: Date;
}

/**
 * The read store port. Each build of a projection — a *generation*, e.g. `v2` for code version 2, or
 * `v2.r1732790000` for a requested rebuild — has its own collection and checkpoint; readers use the
 * generation marked active, so a rebuild fills a new generation while the old one keeps serving.
 * Adapters: embedded SQLite (default) and MongoDB, both under the same contract suite.
 */
export interface ReadStore {
  /**
   * Creates the collection of a generation with its indexes (idempotent); indexes it lacks are built over the
   * documents it holds. With `deferIndexes`, they are left to a later `prepare` without it (see PrepareOptions).
   */
  prepare(
    projection: string,
    generation: string,
    indexes: IndexSpec[],
    options?: PrepareOptions,
  ): Promise<void>;
  checkpoint(projection: string, generation: string): Promise<ProjectionCheckpoint | null>;
  /** Loads the documents a batch touches. */
  load(projection: string, generation: string, ids: string[]): Promise<Map<string, ReadDocument>>;
  /**
   * Writes the documents and the checkpoint. The embedded adapter commits both in one transaction; an
   * adapter without transactions writes documents first, then the checkpoint (documents are idempotent).
   * Refused with GenerationNotPreparedError, writing nothing, when the generation is not prepared in the store
   * now — never prepared, or dropped since, possibly by another process sharing the store.
   */
  commit(batch: BatchWrite): Promise<void>;
  recordFailure(
    projection: string,
    generation: string,
    failure: NonNullable<ProjectionCheckpoint['failure']>,
  ): Promise<void>;

  /** The generation readers use; null before the first build completed. */
  activeGeneration(projection: string): Promise<string | null>;
  activate(projection: string, generation: string): Promise<void>;
  /** Every generation that has a collection or a checkpoint (for clean-up and status). */
  generations(projection: string): Promise<string[]>;
  /** Drops a generation's collection and checkpoint (the old one after a switch, or an abandoned rebuild). */
  drop(projection: string, generation: string): Promise<void>;

  /**
   * Takes the lease `name` for `holder` until `until`, atomically, if no one holds it at `now` (never taken, or
   * expired: its time is not after `now`) or `holder` does already (a renewal); else leaves it as it is. Answers
   * the lease as it stands after the attempt. One active projector per store rests on it (ProjectorLease).
   */
  takeLease(name: string, holder: string, until: Date, now: Date): Promise<Lease>;
  /** Ends the lease if `holder` holds it, so another can take it at once; else does nothing. */
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * The store's clock, which leases are measured by: processes on hosts whose clocks disagree still agree on when a
   * lease ends. The embedded store is on this host (its clock: the adapter's `clock`); MongoDB answers with its
   * server's time.
   */
  storeTime(): Promise<Date>;

  /** Reads from the active generation (or the given one); an unbuilt projection reads as empty. */
  get<D extends ReadDocument>(projection: string, id: string, generation?: string): Promise<D | null>;
  find<D extends ReadDocument>(projection: string, query: Query, generation?: string): Promise<Page<D>>;

  close(): Promise<void>;
}

export const READ_STORE = Symbol('ReadStore');

/**
 * A commit to a generation the store does not hold (see `ReadStore.commit`): e.g. the one a live projector
 * follows, replaced and dropped by a rebuild run from another process.
 */
export class GenerationNotPreparedError extends Error {
  constructor(
    readonly projection: string,
    readonly generation: string,
  ) {
    super(`Read model ${projection}/${generation} is not prepared`);
    this.name = 'GenerationNotPreparedError';
  }
}
