import type { ReadDocument } from '../projection';
import type { SqlValue } from './query-sql';

/**
 * Key columns of the embedded store: each field an index names is kept beside the document in a column of its own,
 * named after its JSON path (`"$.holder.name"`), holding what `json_extract(doc, '$.holder.name')` reads. Writes
 * compute it from the document they already hold, and the indexes are on the columns, so SQLite parses no document
 * to maintain an index, to build one over a whole table, or to sort by an indexed field.
 */
export type KeyFields = readonly string[];

export const NO_KEY_FIELDS: KeyFields = [];

const PREFIX = '$.';

/** The column of a field (quoted): `id` is the document's own key, every other field a key column. */
export const keyColumnOf = (field: string): string => (field === 'id' ? 'id' : `"${PREFIX}${field}"`);

/** The fields a table keeps key columns of, from its column names. */
export const keyFieldsOf = (columns: readonly string[]): string[] =>
  columns.filter((column) => column.startsWith(PREFIX)).map((column) => column.slice(PREFIX.length));

const jsonOf = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON(): unknown }).toJSON()
    : value;

/** The value at a field path (its keys in order) of a document as its stored JSON reads it; undefined if none. */
export const jsonValueAt = (document: ReadDocument, path: readonly string[]): unknown => {
  let value = jsonOf(document);
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) return undefined;
    value = jsonOf((value as Record<string, unknown>)[key]);
  }
  return value;
};

/**
 * What `json_extract` reads at a field path of the document's JSON: text, a number (whole numbers are bound as
 * reals, which SQLite compares and orders with integers by value), 1 or 0 for a boolean, the JSON text of an object
 * or an array, and null for null, a missing field or anything JSON leaves out.
 */
export const keyValueAt = (document: ReadDocument, path: readonly string[]): SqlValue => {
  const value = jsonValueAt(document, path);
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value ? 1 : 0;
    case 'object':
      return value === null ? null : JSON.stringify(value);
    default:
      return null;
  }
};

/** The key fields of a table with their paths split once, and the values a document gives them, in that order. */
export class KeyColumns {
  private readonly paths: string[][];

  constructor(readonly fields: KeyFields) {
    this.paths = fields.map((field) => field.split('.'));
  }

  valuesOf(document: ReadDocument): SqlValue[] {
    return this.paths.map((path) => keyValueAt(document, path));
  }
}
