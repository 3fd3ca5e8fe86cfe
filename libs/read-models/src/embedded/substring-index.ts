import type { ReadDocument } from '../projection';
import { jsonValueAt } from './key-columns';
import { fieldExpression, typeExpression } from './query-sql';
import type { SqlValue } from './query-sql';

/**
 * Substring indexes of the embedded store. SQLite cannot index `instr(lower(value), lower(needle))`, and FTS5's
 * trigram tokenizer cannot match needles under three characters (most Chinese search terms are two), so each
 * substring index is a postings table of its own: every pair of adjacent characters of the case-folded value,
 * and its last character, with the id of the document holding it. A needle of two characters is one postings
 * lookup; one character is the range of grams it starts (every occurrence but a last one starts a pair); a longer
 * needle intersects the postings of pairs covering it, a superset that queries confirm with their own `instr`.
 */
export interface SubstringIndex {
  field: string;
  /** The postings table: (gram, id), keyed by both. */
  postings: string;
}

/** Runs SQL through the store's statement cache. */
export interface SqlRunner {
  query<Row>(sql: string, params: SqlValue[]): Row[];
  run(sql: string, params: SqlValue[]): void;
}

/** Folds case as SQLite's `lower()` does without ICU: A–Z only. */
const foldCase = (text: string): string => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** What a value is indexed under: its pairs of adjacent characters (code points) and its last one, case-folded. */
export const gramsOf = (value: string): Set<string> => {
  const characters = Array.from(foldCase(value));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i++) grams.add(characters[i] + characters[i + 1]);
  if (characters.length > 0) grams.add(characters[characters.length - 1]);
  return grams;
};

/** Sorts after any character: a gram starting with `c` lies between `c` and `c` + this. */
const LAST_CODE_POINT = String.fromCodePoint(0x10ffff);

/**
 * How postings answer a needle: one character by the range of grams starting with it; else by pairs every value
 * containing it has — the needle itself, or, when longer, every other pair and the last one (enough to narrow,
 * with fewer postings to intersect). `exact` when the answer is precisely the values containing the needle (up
 * to two characters). Null for an empty needle, which every text contains.
 */
export type NeedleLookup = { exact: boolean } & ({ from: string; to: string } | { grams: string[] });

export const needleLookup = (needle: string): NeedleLookup | null => {
  const characters = Array.from(foldCase(needle));
  if (characters.length === 0) return null;
  if (characters.length === 1)
    return { exact: true, from: characters[0], to: characters[0] + LAST_CODE_POINT };
  const grams = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i += 2) grams.add(characters[i] + characters[i + 1]);
  grams.add(characters.slice(-2).join(''));
  return { exact: characters.length === 2, grams: [...grams] };
};

/** The text at a dotted field path of a document as its stored JSON reads it; null for anything else. */
export const textAt = (document: ReadDocument, field: string): string | null => {
  const value = jsonValueAt(document, field.split('.'));
  return typeof value === 'string' ? value : null;
};

const NO_GRAMS: ReadonlySet<string> = new Set();

const addPostings = (sql: SqlRunner, postings: string, id: string, grams: string[]): void => {
  if (grams.length === 0) return;
  sql.run(`INSERT OR IGNORE INTO "${postings}" (gram, id) SELECT value, ? FROM json_each(?)`, [
    id,
    JSON.stringify(grams),
  ]);
};

const removePostings = (sql: SqlRunner, postings: string, id: string, grams: string[]): void => {
  for (const gram of grams) sql.run(`DELETE FROM "${postings}" WHERE gram = ? AND id = ?`, [gram, id]);
};

/** The text values a field holds now, by document id, for the given ids. */
const storedTexts = (sql: SqlRunner, table: string, field: string, ids: string[]): Map<string, string> => {
  const rows = sql.query<{ id: string; value: string }>(
    `SELECT id, ${fieldExpression(field)} AS value FROM "${table}"
     WHERE id IN (SELECT value FROM json_each(?)) AND ${typeExpression(field)} = 'text'`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map(({ id, value }) => [id, value]));
};

/**
 * Moves the postings of a batch's documents from their stored values to those the batch writes (the last write
 * of an id wins; null deletes). Call it in the batch's transaction before its documents are written. Documents
 * whose value does not change cost nothing but one read of the stored values of the whole batch.
 */
export const updatePostings = (
  sql: SqlRunner,
  table: string,
  indexes: SubstringIndex[],
  writes: readonly { id: string; document: ReadDocument | null }[],
): void => {
  if (indexes.length === 0 || writes.length === 0) return;
  const latest = new Map(writes.map(({ id, document }) => [id, document]));
  for (const { field, postings } of indexes) {
    const stored = storedTexts(sql, table, field, [...latest.keys()]);
    for (const [id, document] of latest) {
      const previous = stored.get(id) ?? null;
      const next = document === null ? null : textAt(document, field);
      if (previous === next) continue;
      const before = previous === null ? NO_GRAMS : gramsOf(previous);
      const after = next === null ? NO_GRAMS : gramsOf(next);
      const removed = [...before].filter((gram) => !after.has(gram));
      const added = [...after].filter((gram) => !before.has(gram));
      removePostings(sql, postings, id, removed);
      addPostings(sql, postings, id, added);
    }
  }
};

/** Fills a new substring index from the documents a table already holds. */
export const fillPostings = (sql: SqlRunner, table: string, { field, postings }: SubstringIndex): void => {
  const rows = sql.query<{ id: string; value: string }>(
    `SELECT id, ${fieldExpression(field)} AS value FROM "${table}" WHERE ${typeExpression(field)} = 'text'`,
    [],
  );
  for (const { id, value } of rows) addPostings(sql, postings, id, [...gramsOf(value)]);
};
