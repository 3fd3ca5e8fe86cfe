import type { ReadDocument } from '../projection';
import { keyColumnOf, type KeyColumns } from './key-columns';
import type { SqlValue } from './query-sql';
import type { SqlRunner } from './substring-index';

/**
 * Writes a batch's documents with their key columns so that an index is touched only where its value changes.
 * SQLite rewrites a row's entry in every index on a column an UPDATE sets, whether or not the value differs, and
 * the write-ahead log takes each page so touched whole: a projector following the log changes a few fields of a
 * document at a time, and setting every key column wrote several index pages per document for nothing. So a stored
 * document is updated with its JSON and only the key columns whose values differ; a new one is inserted. Call it in
 * the batch's transaction.
 */
export const writeDocuments = (
  sql: SqlRunner,
  table: string,
  keys: KeyColumns,
  writes: readonly { id: string; document: ReadDocument | null }[],
): void => {
  const stored = storedKeys(sql, table, keys, writes);
  const insert = insertSql(table, keys);
  const remove = `DELETE FROM "${table}" WHERE id = ?`;
  /** The UPDATE for each set of changed key columns (their indexes, joined), spelled once per batch. */
  const updates = new Map<string, string>();
  for (const { id, document } of writes) {
    if (document === null) {
      sql.run(remove, [id]);
      stored.delete(id);
      continue;
    }
    const json = JSON.stringify(document);
    const values = keys.valuesOf(document);
    const previous = stored.get(id);
    stored.set(id, values);
    if (previous === undefined) {
      sql.run(insert, [id, json, ...values]);
      continue;
    }
    const changed = keys.fields.flatMap((_, index) => (values[index] === previous[index] ? [] : [index]));
    const mask = changed.join();
    let update = updates.get(mask);
    if (update === undefined) {
      const assignments = ['doc = ?', ...changed.map((index) => `${keyColumnOf(keys.fields[index])} = ?`)];
      update = `UPDATE "${table}" SET ${assignments.join(', ')} WHERE id = ?`;
      updates.set(mask, update);
    }
    sql.run(update, [json, ...changed.map((index) => values[index]), id]);
  }
};

/** The key-column values stored now for the documents a batch writes, by id (absent: not stored). */
const storedKeys = (
  sql: SqlRunner,
  table: string,
  keys: KeyColumns,
  writes: readonly { id: string }[],
): Map<string, SqlValue[]> => {
  // Each key column as k0, k1 …, in the order of `keys.fields`.
  const columns = ['id', ...keys.fields.map((field, index) => `${keyColumnOf(field)} AS k${index}`)];
  const rows = sql.query<Record<string, SqlValue>>(
    `SELECT ${columns.join(', ')} FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(writes.map((write) => write.id))],
  );
  return new Map(
    rows.map((row) => [row.id as string, keys.fields.map((_, index) => row[`k${index}`] ?? null)]),
  );
};

const insertSql = (table: string, keys: KeyColumns): string => {
  const columns = ['id', 'doc', ...keys.fields.map(keyColumnOf)];
  return `INSERT INTO "${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
};
