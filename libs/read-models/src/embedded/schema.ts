import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { assertIndexSpec, indexKindOf, type IndexSpec } from '../projection';
import { keyColumnOf, keyFieldsOf } from './key-columns';
import { assertFieldPath, fieldExpression, type SqlValue } from './query-sql';
import type { SqlRunner, SubstringIndex } from './substring-index';

/**
 * Catalog tables. Each generation's documents live in a table of their own (`doc_<hash>`), so unique
 * indexes stay per generation and dropping a generation is one DROP TABLE.
 */
export const migrateReadStore = (db: Database.Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS collections (
      projection TEXT NOT NULL,
      generation TEXT NOT NULL,
      table_name TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      PRIMARY KEY (projection, generation)
    );
    CREATE TABLE IF NOT EXISTS checkpoints (
      projection TEXT NOT NULL,
      generation TEXT NOT NULL,
      position   TEXT,
      failure    TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (projection, generation)
    );
    CREATE TABLE IF NOT EXISTS active_generations (
      projection   TEXT PRIMARY KEY,
      generation   TEXT NOT NULL,
      activated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS leases (
      name       TEXT PRIMARY KEY,
      holder     TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS substring_indexes (
      table_name TEXT NOT NULL,
      field      TEXT NOT NULL,
      postings   TEXT NOT NULL UNIQUE,
      PRIMARY KEY (table_name, field)
    );
  `);
};

const digest = (text: string, length: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/** A table name derived from the (arbitrary) projection and generation names: always a safe identifier. */
export const tableNameOf = (projection: string, generation: string): string =>
  `doc_${digest(`${projection}\u0000${generation}`, 24)}`;

/** The fields a table's indexes name (a substring index has postings instead), without `id`: its key columns. */
export const keyFieldsOfIndexes = (indexes: IndexSpec[]): string[] => {
  indexes.forEach(assertIndexSpec);
  const fields = indexes.flatMap((index) => (index.substring ? [] : index.fields));
  fields.forEach(assertFieldPath);
  return [...new Set(fields)].filter((field) => field !== 'id');
};

/** Queries straight on the connection: for schema work, done once per `prepare`. */
const runnerOf = (db: Database.Database): Pick<SqlRunner, 'query'> => ({
  query: <Row>(sql: string, params: SqlValue[]) => db.prepare<SqlValue[], Row>(sql).all(...params),
});

/** The key fields of an existing table, in column order (empty if there is no such table). */
export const tableKeyFields = (sql: Pick<SqlRunner, 'query'>, table: string): string[] =>
  keyFieldsOf(
    sql
      .query<{ name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid', [table])
      .map((column) => column.name),
  );

/**
 * Creates a generation's table with a key column per indexed field, ahead of the document (reading them never
 * touches a large document's overflow pages); a table made without some of them (fewer indexes before, or the
 * older layout) gets them added and filled from its documents. Unless `deferIndexes`, also its indexes on those
 * columns, built over the rows already there; the older layout's indexes on `json_extract` expressions go.
 */
export const createDocumentTable = (
  db: Database.Database,
  table: string,
  indexes: IndexSpec[],
  deferIndexes: boolean,
): void => {
  const fields = keyFieldsOfIndexes(indexes);
  db.exec(
    `CREATE TABLE IF NOT EXISTS "${table}" (${['id TEXT PRIMARY KEY', ...fields.map(keyColumnOf), 'doc TEXT NOT NULL'].join(', ')})`,
  );
  const existing = new Set(tableKeyFields(runnerOf(db), table));
  const added = fields.filter((field) => !existing.has(field));
  for (const field of added) db.exec(`ALTER TABLE "${table}" ADD COLUMN ${keyColumnOf(field)}`);
  if (added.length > 0) {
    const assignments = added.map((field) => `${keyColumnOf(field)} = ${fieldExpression(field)}`);
    db.exec(`UPDATE "${table}" SET ${assignments.join(', ')}`);
  }
  if (deferIndexes) return;
  for (const index of indexes) {
    if (index.fields.length === 0 || index.substring) continue;
    const name = `${table}_kx_${digest(`${indexKindOf(index)}:${index.fields.join(',')}`, 12)}`;
    const columns = index.fields.map(keyColumnOf);
    // Partial: SQLite reads it for any comparison of the column (which implies IS NOT NULL).
    const rows = index.sparse ? ` WHERE ${columns[0]} IS NOT NULL` : '';
    db.exec(
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON "${table}" (${columns.join(', ')})${rows}`,
    );
  }
  const expressionIndexes = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND instr(name, ?) = 1`)
    .all(table, `${table}_ix_`) as { name: string }[];
  for (const { name } of expressionIndexes) db.exec(`DROP INDEX "${name}"`);
};

/**
 * Creates the postings tables of a table's substring indexes (`substring-index.ts`) and lists them in the catalog;
 * returns those that did not exist yet, which the caller fills from the documents already there.
 */
export const createSubstringIndexes = (
  db: Database.Database,
  table: string,
  indexes: IndexSpec[],
): SubstringIndex[] => {
  const created: SubstringIndex[] = [];
  for (const index of indexes) {
    if (!index.substring) continue;
    const [field] = index.fields;
    assertFieldPath(field);
    const postings = `${table}_sx_${digest(field, 12)}`;
    const listed = db
      .prepare('INSERT OR IGNORE INTO substring_indexes (table_name, field, postings) VALUES (?, ?, ?)')
      .run(table, field, postings);
    db.exec(
      `CREATE TABLE IF NOT EXISTS "${postings}" (gram TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (gram, id)) WITHOUT ROWID`,
    );
    if (listed.changes > 0) created.push({ field, postings });
  }
  return created;
};
