import type { FieldCondition, Query } from '../read-store.port';
import { keyColumnOf, NO_KEY_FIELDS } from './key-columns';
import type { KeyFields } from './key-columns';

/** A fragment of SQL with its positional parameters. */
export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

export type SqlValue = string | number | null;

// Field paths are spliced into SQL (as column names and JSON paths, which cannot be parameters), so only plain
// dotted identifiers are accepted.
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export const assertFieldPath = (field: string): void => {
  if (!FIELD_PATH.test(field)) {
    throw new RangeError(`Unsupported field path ${JSON.stringify(field)}: use dotted identifiers`);
  }
};

/** The column a field is kept in (`id`, or a key column when the table keeps one), else null. */
const columnOf = (field: string, keyed: KeyFields): string | null =>
  field === 'id' || keyed.includes(field) ? keyColumnOf(field) : null;

/** The expression a field is read with: its key column when the table keeps one (indexed), else the document's. */
export const fieldExpression = (field: string, keyed: KeyFields = NO_KEY_FIELDS): string => {
  assertFieldPath(field);
  return columnOf(field, keyed) ?? `json_extract(doc, '$.${field}')`;
};

/** The JSON type of a field (`'text'` for strings) — what `contains` and ranges check first. */
export const typeExpression = (field: string): string =>
  field === 'id' ? `'text'` : `json_type(doc, '$.${field}')`;

/**
 * Range and substring conditions only match values of the bound's type, as MongoDB does (type brackets). A key
 * column tells the type without parsing the document, except for what it stores alike: an object or array is kept
 * as its JSON text (so text starting with `{` or `[` is checked in the document), and a boolean as 1 or 0 (so are
 * the numbers 1 and 0). A count over many matches thus reads the index alone.
 */
const typeGuard = (field: string, value: string | number, keyed: KeyFields): string => {
  const column = columnOf(field, keyed);
  if (typeof value === 'string') {
    const inDocument = `${typeExpression(field)} = 'text'`;
    return column === null
      ? inDocument
      : `typeof(${column}) = 'text' AND (substr(${column}, 1, 1) NOT IN ('{', '[') OR ${inDocument})`;
  }
  const inDocument = `${typeExpression(field)} IN ('integer', 'real')`;
  return column === null
    ? inDocument
    : `typeof(${column}) IN ('integer', 'real') AND (${column} NOT IN (0, 1) OR ${inDocument})`;
};

export const conditionSql = (
  field: string,
  condition: FieldCondition,
  keyed: KeyFields = NO_KEY_FIELDS,
): SqlFragment => {
  const expression = fieldExpression(field, keyed);
  if ('eq' in condition) {
    const value = condition.eq;
    // null means "null or missing"; booleans are stored by JSON as true/false, which json_extract makes 1/0.
    if (value === null) return { sql: `${expression} IS NULL`, params: [] };
    if (typeof value === 'boolean') {
      return { sql: `${typeExpression(field)} = '${value ? 'true' : 'false'}'`, params: [] };
    }
    return { sql: `${expression} = ?`, params: [value] };
  }
  if ('in' in condition) {
    if (condition.in.length === 0) return { sql: '0', params: [] };
    return { sql: `${expression} IN (${condition.in.map(() => '?').join(', ')})`, params: [...condition.in] };
  }
  if ('contains' in condition) {
    // instr() instead of LIKE, so % and _ in the needle are plain characters; lower() folds ASCII case.
    return {
      sql: `(${typeGuard(field, condition.contains, keyed)} AND instr(lower(${expression}), lower(?)) > 0)`,
      params: [condition.contains],
    };
  }
  const parts: SqlFragment[] = [];
  const bound = (operator: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    parts.push({
      sql: `(${typeGuard(field, value, keyed)} AND ${expression} ${operator} ?)`,
      params: [value],
    });
  };
  bound('>=', condition.gte);
  bound('>', condition.gt);
  bound('<=', condition.lte);
  bound('<', condition.lt);
  if (parts.length === 0) return { sql: '1', params: [] };
  return join(parts, ' AND ');
};

const join = (parts: SqlFragment[], separator: string): SqlFragment => ({
  sql: parts.map((part) => `(${part.sql})`).join(separator),
  params: parts.flatMap((part) => part.params),
});

const allOf = (conditions: Record<string, FieldCondition>, keyed: KeyFields): SqlFragment | null => {
  const parts = Object.entries(conditions).map(([field, condition]) => conditionSql(field, condition, keyed));
  return parts.length === 0 ? null : join(parts, ' AND ');
};

/** The WHERE clause of a query (`1` when it has no condition). An empty `anyOf` adds no constraint. */
export const whereSql = (query: Query, keyed: KeyFields = NO_KEY_FIELDS): SqlFragment => {
  const parts: SqlFragment[] = [];
  const where = allOf(query.where ?? {}, keyed);
  if (where) parts.push(where);
  if (query.anyOf && query.anyOf.length > 0) {
    const alternatives = query.anyOf.map((set) => allOf(set, keyed) ?? { sql: '1', params: [] });
    parts.push(join(alternatives, ' OR '));
  }
  return parts.length === 0 ? { sql: '1', params: [] } : join(parts, ' AND ');
};

/**
 * ORDER BY with `id` as the final key, so equal sort values still give stable pages. `sortMatches`: every term
 * behind a unary `+`, which keeps SQLite from reading an index in this order — it then reads the matches through
 * the index of the conditions and sorts them.
 */
export const orderSql = (query: Query, keyed: KeyFields = NO_KEY_FIELDS, sortMatches = false): string => {
  const keys: string[] = [];
  const term = (expression: string, direction: 'asc' | 'desc' | undefined) =>
    `${sortMatches ? '+' : ''}${expression} ${direction === 'desc' ? 'DESC' : 'ASC'}`;
  for (const key of query.sort ?? []) {
    keys.push(term(fieldExpression(key.field, keyed), key.direction));
    // id is unique: keys after it can never decide anything.
    if (key.field === 'id') return keys.join(', ');
  }
  keys.push(term('id', 'asc'));
  return keys.join(', ');
};
