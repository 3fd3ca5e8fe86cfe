import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { assertIndexSpec, type IndexSpec } from '../projection';
import { assertFieldPath, fieldExpression } from './query-sql';
import type { SubstringIndex } from './substring-index';

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

export const createDocumentTable = (db: Database.Database, table: string, indexes: IndexSpec[]): void => {
  indexes.forEach(assertIndexSpec);
  db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
  for (const index of indexes) {
    if (index.fields.length === 0 || index.substring) continue;
    const expressions = index.fields.map(fieldExpression);
    const name = `${table}_ix_${digest(`${index.unique ? 'u' : 'i'}:${index.fields.join(',')}`, 12)}`;
    db.exec(
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON "${table}" (${expressions.join(', ')})`,
    );
  }
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
