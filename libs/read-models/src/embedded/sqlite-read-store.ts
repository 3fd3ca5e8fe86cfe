import Database from 'better-sqlite3';
import { parsePosition, serializePosition } from '@app/event-store';
import type { IndexSpec, ReadDocument } from '../projection';
import type {
  BatchWrite,
  Lease,
  Page,
  PrepareOptions,
  ProjectionCheckpoint,
  Query,
  ReadStore,
} from '../read-store.port';
import { GenerationNotPreparedError, pageOfQuery } from '../read-store.port';
import { candidatesSql } from './candidates-sql';
import { writeDocuments } from './document-writes';
import { KeyColumns } from './key-columns';
import { orderSql, whereSql } from './query-sql';
import type { SqlFragment, SqlValue } from './query-sql';
import {
  createDocumentTable,
  createSubstringIndexes,
  migrateReadStore,
  tableKeyFields,
  tableNameOf,
} from './schema';
import { fillPostings, updatePostings } from './substring-index';
import type { SqlRunner, SubstringIndex } from './substring-index';

export interface SqliteReadStoreOptions {
  /** A file path, or ':memory:' (one private database per store). */
  path: string;
  /** Default NORMAL: the read store is rebuildable from the log, so a lost last commit only costs a replay. */
  synchronous?: 'OFF' | 'NORMAL' | 'FULL';
  busyTimeoutMs?: number;
  clock?: () => Date;
}

interface CheckpointRow {
  projection: string;
  generation: string;
  position: string | null;
  failure: string | null;
  updated_at: string;
}

/** What a page is read from (`from`, tested by `where`). */
interface QueryPlan {
  from: SqlFragment;
  where: SqlFragment;
  /**
   * Through a substring index: the ids of the matching documents in id order — their number is the total, and
   * `from` is them joined to their documents (`where` tests nothing more). Otherwise `from` is the table.
   */
  ids?: string[];
}

/** What a read uses: a generation's table, its key columns and its substring indexes. */
interface ReadSource {
  table: string;
  keys: KeyColumns;
  substrings: SubstringIndex[];
}

type StoredFailure = Omit<NonNullable<ProjectionCheckpoint['failure']>, 'position'> & { position: string };

/**
 * Most candidates of a substring index a query reads one by one (their ids, then the rows of those a needle's
 * postings do not settle). Beyond that a common needle ('公司') matches a large part of the table, and the scan is
 * cheaper.
 */
const MAX_CANDIDATES = 5_000;
/** A condition every row meets. */
const EVERY_ROW: SqlFragment = { sql: '1', params: [] };
/**
 * The most matches a page is read by sorting them (through the index of the query's conditions), when that is the
 * cheaper way (`sortsMatches`); otherwise the table is read in the page's order until the page is full. SQLite's
 * planner, without statistics, reads in order whenever an index allows it, and a rare match then costs a walk
 * through the whole table: the page of a count of overdue deadlines of one kind among 300k documents took 2.3 s
 * (0 matches, the count itself under 1 ms).
 */
const SORTED_MATCHES_MAX = 5_000;
/**
 * Pages of 16 KiB rather than SQLite's 4 KiB: documents are a few hundred bytes to a few KiB, and a rebuild writing
 * every read model spends about a third less time in SQLite with them.
 */
const PAGE_SIZE = 16_384;
/**
 * The write-ahead log is copied into the database (with an fsync) every 64 MiB of it rather than SQLite's 1,000
 * pages: a rebuild writes several hundred MiB, and waits on a third as many fsyncs.
 */
const CHECKPOINT_PAGES = (64 * 1024 * 1024) / PAGE_SIZE;
/** Dynamic query statements kept prepared; the cache is simply cleared when it grows past this. */
const STATEMENT_CACHE_LIMIT = 256;

/**
 * The embedded read store: better-sqlite3 in WAL mode. The driver is synchronous; the async port wraps it.
 * `commit` writes a batch's documents and its checkpoint in one transaction, so a crash never leaves a
 * checkpoint ahead of (or behind) the documents. Every transaction that writes takes the write lock when it
 * begins (IMMEDIATE, `writeTransaction`): another connection may write the same file — `projections rebuild`
 * run from the CLI beside the API's projector — and a transaction that read first and then tried to write after
 * the other's commit would fail at once ("database is locked") instead of waiting its turn.
 */
export class SqliteReadStore implements ReadStore {
  private readonly statements = new Map<string, Database.Statement<SqlValue[]>>();
  /** The key columns of each table queried so far: only `prepare` adds any, and every write reads them afresh. */
  private readonly keyColumns = new Map<string, KeyColumns>();
  private readonly sql: SqlRunner = {
    query: (sql, params) => this.query(sql, params),
    run: (sql, params) => this.run(sql, params),
  };
  private closed = false;
  private readonly queued: { batch: BatchWrite; resolve: () => void; reject: (error: unknown) => void }[] =
    [];
  private scheduled: NodeJS.Immediate | undefined;

  private readonly readTransaction: Database.Transaction<(read: () => unknown) => unknown>;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
  ) {
    this.readTransaction = db.transaction((read: () => unknown) => read());
  }

  static open(options: SqliteReadStoreOptions): SqliteReadStore {
    const db = new Database(options.path);
    try {
      // Takes effect in a new file only (an existing one keeps its page size).
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      migrateReadStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteReadStore(db, options.clock ?? (() => new Date()));
  }

  async prepare(
    projection: string,
    generation: string,
    indexes: IndexSpec[],
    options: PrepareOptions = {},
  ): Promise<void> {
    const table = tableNameOf(projection, generation);
    const deferIndexes = options.deferIndexes === true;
    this.keyColumns.delete(table);
    this.writeTransaction(() => {
      createDocumentTable(this.db, table, indexes, deferIndexes);
      if (!deferIndexes) {
        for (const index of createSubstringIndexes(this.db, table, indexes))
          fillPostings(this.sql, table, index);
      }
      this.run(
        'INSERT OR IGNORE INTO collections (projection, generation, table_name, created_at) VALUES (?, ?, ?, ?)',
        [projection, generation, table, this.now()],
      );
    });
  }

  async checkpoint(projection: string, generation: string): Promise<ProjectionCheckpoint | null> {
    const row = this.query<CheckpointRow>(
      'SELECT * FROM checkpoints WHERE projection = ? AND generation = ?',
      [projection, generation],
    )[0];
    return row ? toCheckpoint(row) : null;
  }

  async load(projection: string, generation: string, ids: string[]): Promise<Map<string, ReadDocument>> {
    const table = this.tableOf(projection, generation);
    return table ? this.documentsOf(table, ids) : new Map();
  }

  /** The stored documents of a table with these ids, by id. */
  private documentsOf(table: string, ids: string[]): Map<string, ReadDocument> {
    const documents = new Map<string, ReadDocument>();
    if (ids.length === 0) return documents;
    // The ids as one JSON parameter: one statement whatever their number.
    const rows = this.query<{ id: string; doc: string }>(
      `SELECT id, doc FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(ids)],
    );
    for (const row of rows) documents.set(row.id, JSON.parse(row.doc) as ReadDocument);
    return documents;
  }

  /**
   * Commits queued in the same turn of the event loop (the projections following the log all wake up on the
   * same append) share one transaction; each batch — its documents and its checkpoint — is a savepoint of its own,
   * so one that fails is rolled back and rejected alone. Resolved once the transaction has committed.
   */
  commit(batch: BatchWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ batch, resolve, reject });
      this.scheduled ??= setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    this.scheduled = undefined;
    const group = this.queued.splice(0);
    if (group.length === 0) return;
    if (this.closed) {
      for (const item of group) item.reject(new Error('The read store is closed'));
      return;
    }
    const outcomes: (unknown | null)[] = [];
    try {
      this.writeTransaction(() => {
        for (const { batch } of group) {
          try {
            // A transaction function called within a transaction runs as a savepoint.
            this.db.transaction(() => this.write(batch))();
            outcomes.push(null);
          } catch (error) {
            outcomes.push(error ?? new Error('commit failed'));
          }
        }
      });
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, index) => {
      const error = outcomes[index];
      if (error === null) item.resolve();
      else item.reject(error);
    });
  }

  /**
   * Runs a read's statements in one read transaction (a savepoint inside a write): they see one snapshot — a page
   * and its total agree — and take WAL mode's read lock once, not once per statement, which is a good part of what
   * a short read costs (a registry detail read alone: 28 µs as two statements, 22 µs in one transaction).
   */
  private inReadTransaction<T>(read: () => T): T {
    return this.readTransaction(read) as T;
  }

  /** Runs `work` in a transaction that takes the write lock when it begins (see the class comment). */
  private writeTransaction(work: () => void): void {
    this.db.transaction(work).immediate();
  }

  private write(batch: BatchWrite): void {
    const table = this.tableOf(batch.projection, batch.generation);
    if (!table) throw new GenerationNotPreparedError(batch.projection, batch.generation);
    updatePostings(this.sql, table, this.substringIndexesOf(table), batch.writes);
    // The table's own columns, not the cache: another process may have added one (reads only lose an index).
    const keys = new KeyColumns(tableKeyFields(this.sql, table));
    this.keyColumns.set(table, keys);
    writeDocuments(this.sql, table, keys, batch.writes);
    this.run(
      `INSERT INTO checkpoints (projection, generation, position, failure, updated_at) VALUES (?, ?, ?, NULL, ?)
       ON CONFLICT (projection, generation) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      [batch.projection, batch.generation, serializePosition(batch.checkpoint), this.now()],
    );
  }

  async recordFailure(
    projection: string,
    generation: string,
    failure: NonNullable<ProjectionCheckpoint['failure']>,
  ): Promise<void> {
    const stored: StoredFailure = { ...failure, position: serializePosition(failure.position) };
    this.run(
      `INSERT INTO checkpoints (projection, generation, position, failure, updated_at) VALUES (?, ?, NULL, ?, ?)
       ON CONFLICT (projection, generation) DO UPDATE SET failure = excluded.failure, updated_at = excluded.updated_at`,
      [projection, generation, JSON.stringify(stored), this.now()],
    );
  }

  async takeLease(name: string, holder: string, until: Date, now: Date): Promise<Lease> {
    // ISO 8601 instants in UTC compare as text.
    this.run(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
      [name, holder, until.toISOString(), now.toISOString()],
    );
    const [lease] = this.query<{ holder: string; expires_at: string }>(
      'SELECT holder, expires_at FROM leases WHERE name = ?',
      [name],
    );
    return { holder: lease.holder, expiresAt: new Date(lease.expires_at) };
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
  }

  async storeTime(): Promise<Date> {
    return this.clock();
  }

  async activeGeneration(projection: string): Promise<string | null> {
    return this.activeOf(projection);
  }

  async activate(projection: string, generation: string): Promise<void> {
    this.run(
      `INSERT INTO active_generations (projection, generation, activated_at) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET generation = excluded.generation, activated_at = excluded.activated_at`,
      [projection, generation, this.now()],
    );
  }

  async generations(projection: string): Promise<string[]> {
    const rows = this.query<{ generation: string }>(
      `SELECT generation FROM collections WHERE projection = ?
       UNION SELECT generation FROM checkpoints WHERE projection = ? ORDER BY generation`,
      [projection, projection],
    );
    return rows.map((row) => row.generation);
  }

  async drop(projection: string, generation: string): Promise<void> {
    const table = this.tableOf(projection, generation);
    if (table) this.keyColumns.delete(table);
    this.writeTransaction(() => {
      if (table) {
        this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
        for (const { postings } of this.substringIndexesOf(table))
          this.db.exec(`DROP TABLE IF EXISTS "${postings}"`);
        this.run('DELETE FROM substring_indexes WHERE table_name = ?', [table]);
      }
      this.run('DELETE FROM collections WHERE projection = ? AND generation = ?', [projection, generation]);
      this.run('DELETE FROM checkpoints WHERE projection = ? AND generation = ?', [projection, generation]);
      // Readers of a dropped active generation see an unbuilt model rather than an error.
      this.run('DELETE FROM active_generations WHERE projection = ? AND generation = ?', [
        projection,
        generation,
      ]);
    });
    // Cached statements may name the dropped table.
    this.statements.clear();
  }

  async get<D extends ReadDocument>(projection: string, id: string, generation?: string): Promise<D | null> {
    return this.inReadTransaction(() => {
      const source = this.readSourceOf(projection, generation);
      if (!source) return null;
      const row = this.query<{ doc: string }>(`SELECT doc FROM "${source.table}" WHERE id = ?`, [id])[0];
      return row ? (JSON.parse(row.doc) as D) : null;
    });
  }

  async find<D extends ReadDocument>(
    projection: string,
    query: Query,
    generation?: string,
  ): Promise<Page<D>> {
    // Built before the source is known, so that a bad query fails whether or not the model is built yet.
    whereSql(query);
    orderSql(query);
    return this.inReadTransaction(() => this.readPage<D>(projection, query, generation));
  }

  /** `find`'s page and total, read in the caller's transaction. */
  private readPage<D extends ReadDocument>(projection: string, query: Query, generation?: string): Page<D> {
    const { page, pageSize } = pageOfQuery(query);
    const source = this.readSourceOf(projection, generation);
    if (!source) return { items: [], total: 0, page, pageSize };
    const plan = this.planOf(source, query, whereSql(query, source.keys.fields));
    const params = [...plan.from.params, ...plan.where.params];
    const total =
      plan.ids?.length ??
      this.query<{ total: number }>(
        `SELECT count(*) AS total FROM ${plan.from.sql} WHERE ${plan.where.sql}`,
        params,
      )[0].total;
    const offset = (page - 1) * pageSize;
    if (offset >= total) return { items: [], total, page, pageSize };
    const direction = idOrder(query);
    if (plan.ids && direction) {
      const ids = (direction === 'asc' ? plan.ids : [...plan.ids].reverse()).slice(offset, offset + pageSize);
      const documents = this.documentsOf(source.table, ids);
      const items = ids.flatMap((id) => documents.get(id) ?? []) as D[];
      return { items, total, page, pageSize };
    }
    const order = orderSql(
      query,
      source.keys.fields,
      this.sortsMatches(source.table, plan, total, offset + pageSize),
    );
    const rows = this.query<{ doc: string }>(
      `SELECT doc FROM ${plan.from.sql} WHERE ${plan.where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...params, pageSize, offset],
    );
    return { items: rows.map((row) => JSON.parse(row.doc) as D), total, page, pageSize };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Commits already accepted are written before the database closes.
    if (this.scheduled) clearImmediate(this.scheduled);
    this.commitQueued();
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  private activeOf(projection: string): string | null {
    const row = this.query<{ generation: string }>(
      'SELECT generation FROM active_generations WHERE projection = ?',
      [projection],
    )[0];
    return row?.generation ?? null;
  }

  private tableOf(projection: string, generation: string): string | null {
    const row = this.query<{ table_name: string }>(
      'SELECT table_name FROM collections WHERE projection = ? AND generation = ?',
      [projection, generation],
    )[0];
    return row?.table_name ?? null;
  }

  /**
   * What a query reads and tests. With a substring index that narrows it: its candidates' ids, read once in id
   * order, then the documents among them that meet the conditions the candidates do not settle (one pass over
   * their rows, which counts them too) — every later read of the query takes those ids, not the postings again.
   * Otherwise, or when the candidates are too many to beat a scan, the whole table (read through the sort index in
   * order, stopping at the page).
   */
  private planOf({ table, keys, substrings }: ReadSource, query: Query, where: SqlFragment): QueryPlan {
    const scan: QueryPlan = { from: { sql: `"${table}"`, params: [] }, where };
    const candidates = candidatesSql(table, query, substrings, keys.fields, this.gramsPresent);
    if (!candidates) return scan;
    const ids = this.candidateIds(
      `SELECT candidate FROM (${candidates.sql})`,
      candidates.params,
      MAX_CANDIDATES + 1,
    );
    if (ids.length > MAX_CANDIDATES) return scan;
    const { remaining } = candidates;
    const joined = (of: string[]) => ({
      sql: `(SELECT value AS candidate FROM json_each(?)) CROSS JOIN "${table}" ON id = candidate`,
      params: [JSON.stringify(of)],
    });
    // Candidates that settle every condition are the answer; others are a superset, tested once here.
    const settled = Object.keys(remaining.where ?? {}).length === 0 && !remaining.anyOf?.length;
    const matching = settled ? ids : this.matchingOf(joined(ids), whereSql(remaining, keys.fields));
    return { from: joined(matching), where: EVERY_ROW, ids: matching };
  }

  /** Whether a postings table holds each of these grams: one probe of its index per gram, in one statement. */
  private readonly gramsPresent = (postings: string, grams: readonly string[]): boolean => {
    const probes = grams.map(() => `EXISTS (SELECT 1 FROM "${postings}" WHERE gram = ?)`).join(' AND ');
    return this.query<{ present: number }>(`SELECT ${probes} AS present`, [...grams])[0].present === 1;
  };

  /** The ids of the joined candidates that meet `where`, in id order. */
  private matchingOf(candidates: SqlFragment, where: SqlFragment): string[] {
    return this.candidateIds(`SELECT candidate FROM ${candidates.sql} WHERE ${where.sql}`, [
      ...candidates.params,
      ...where.params,
    ]);
  }

  /** The `candidate` column of a query's rows, in id order (at most `limit` of them). */
  private candidateIds(sql: string, params: SqlValue[], limit = -1): string[] {
    return this.query<{ candidate: string }>(`${sql} ORDER BY candidate LIMIT ?`, [...params, limit]).map(
      (row) => row.candidate,
    );
  }

  /**
   * Whether a page is cheaper read by sorting the `total` matches than by walking the table in the page's order until
   * `upTo` matches have passed — about `upTo × rows / total` rows if matches are spread evenly (`rows`: the largest
   * rowid, read from the end of the table). Only a plan that walks the table with conditions has the choice: the
   * candidates of a substring index are read in their own order anyway.
   */
  private sortsMatches(table: string, plan: QueryPlan, total: number, upTo: number): boolean {
    if (plan.ids || plan.where.sql === '1' || total > SORTED_MATCHES_MAX) return false;
    const [{ rows }] = this.query<{ rows: number | null }>(`SELECT max(rowid) AS rows FROM "${table}"`, []);
    return total * total <= upTo * (rows ?? 0);
  }

  private substringIndexesOf(table: string): SubstringIndex[] {
    return this.query<SubstringIndex>(
      'SELECT field, postings FROM substring_indexes WHERE table_name = ? ORDER BY field',
      [table],
    );
  }

  /** The table readers use (the active generation's unless one is named) and its substring indexes: one query. */
  private readSourceOf(projection: string, generation: string | undefined): ReadSource | null {
    const target =
      generation === undefined ? '(SELECT generation FROM active_generations WHERE projection = ?)' : '?';
    const rows = this.query<{ table_name: string; field: string | null; postings: string | null }>(
      `SELECT c.table_name, s.field, s.postings FROM collections c
       LEFT JOIN substring_indexes s ON s.table_name = c.table_name
       WHERE c.projection = ? AND c.generation = ${target} ORDER BY s.field`,
      [projection, generation ?? projection],
    );
    if (rows.length === 0) return null;
    const substrings = rows.flatMap(({ field, postings }) =>
      field && postings ? [{ field, postings }] : [],
    );
    const table = rows[0].table_name;
    return { table, keys: this.keyColumnsOf(table), substrings };
  }

  private keyColumnsOf(table: string): KeyColumns {
    let columns = this.keyColumns.get(table);
    if (!columns) {
      columns = new KeyColumns(tableKeyFields(this.sql, table));
      this.keyColumns.set(table, columns);
    }
    return columns;
  }

  private statement(sql: string): Database.Statement<SqlValue[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare<SqlValue[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private query<Row>(sql: string, params: SqlValue[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private run(sql: string, params: SqlValue[]): void {
    this.statement(sql).run(...params);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** The direction of a query's order when the id alone decides it (no sort: by id, ascending); null otherwise. */
const idOrder = (query: Query): 'asc' | 'desc' | null => {
  const [first] = query.sort ?? [];
  if (first === undefined) return 'asc';
  return first.field === 'id' ? first.direction : null;
};

const toCheckpoint = (row: CheckpointRow): ProjectionCheckpoint => {
  const stored = row.failure === null ? null : (JSON.parse(row.failure) as StoredFailure);
  return {
    projection: row.projection,
    generation: row.generation,
    position: row.position === null ? null : parsePosition(row.position),
    failure: stored === null ? null : { ...stored, position: parsePosition(stored.position) },
    updatedAt: row.updated_at,
  };
};
