import type { Document, Filter, Sort } from 'mongodb';
import type { StoredDocument } from './names';
import type { FieldCondition, Query } from '../read-store.port';
import { storedField } from './names';

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}/-]/;

/**
 * A regex source matching `needle` as a literal substring, case-insensitive for ASCII letters only. The
 * embedded adapter folds case with SQLite's `lower()`, which folds A–Z only; the `i` flag would also fold
 * `É`/`é` (and does so differently across server regex engines), so letters become `[aA]` classes instead.
 */
export const containsPattern = (needle: string): string => {
  let source = '';
  for (const char of needle) {
    if (/^[A-Za-z]$/.test(char)) source += `[${char.toLowerCase()}${char.toUpperCase()}]`;
    else if (REGEX_SPECIAL.test(char)) source += `\\${char}`;
    else source += char;
  }
  return source;
};

/** One field condition. Ranges and `contains` only match values of the bound's type (MongoDB's type brackets). */
const conditionFilter = (field: string, condition: FieldCondition): Document => {
  const path = storedField(field);
  if ('eq' in condition) {
    // `$in: [null]` matches null and missing fields, like SQL's IS NULL on json_extract.
    return condition.eq === null ? { [path]: { $in: [null] } } : { [path]: { $eq: condition.eq } };
  }
  if ('in' in condition) return { [path]: { $in: [...condition.in] } };
  // MongoDB's regex only matches strings already; the test server's also matches numbers and objects, and
  // ignores `$type` next to `$regex` on one field, hence two conditions.
  if ('contains' in condition) {
    return {
      $and: [{ [path]: { $type: 'string' } }, { [path]: { $regex: containsPattern(condition.contains) } }],
    };
  }
  const bounds: Document = {};
  if (condition.gte !== undefined) bounds.$gte = condition.gte;
  if (condition.gt !== undefined) bounds.$gt = condition.gt;
  if (condition.lte !== undefined) bounds.$lte = condition.lte;
  if (condition.lt !== undefined) bounds.$lt = condition.lt;
  // A range without bounds constrains nothing (`{field: {}}` would mean "equals an empty object").
  return Object.keys(bounds).length === 0 ? {} : { [path]: bounds };
};

/** All conditions of a set, as `$and` so that two conditions never collide on one key. */
const allOf = (conditions: Record<string, FieldCondition>): Document[] =>
  Object.entries(conditions)
    .map(([field, condition]) => conditionFilter(field, condition))
    .filter((filter) => Object.keys(filter).length > 0);

/** The filter of a query. An empty `anyOf` adds no constraint (as in the embedded adapter). */
export const filterOf = (query: Query): Filter<StoredDocument> => {
  const parts = allOf(query.where ?? {});
  if (query.anyOf && query.anyOf.length > 0) {
    const alternatives = query.anyOf.map((set) => {
      const conditions = allOf(set);
      return conditions.length === 0 ? {} : { $and: conditions };
    });
    // An empty alternative holds for every document, so the whole `$or` does.
    if (!alternatives.some((alternative) => Object.keys(alternative).length === 0)) {
      parts.push({ $or: alternatives });
    }
  }
  return parts.length === 0 ? {} : { $and: parts };
};

/** Sort keys with `_id` as the final key, so equal sort values still give stable pages. */
export const sortOf = (query: Query): Sort => {
  const keys: [string, 1 | -1][] = [];
  for (const key of query.sort ?? []) {
    const path = storedField(key.field);
    // A repeated key cannot change the order any more: its first occurrence decided all ties on it.
    if (keys.some(([existing]) => existing === path)) continue;
    keys.push([path, key.direction === 'desc' ? -1 : 1]);
    // `_id` is unique: keys after it can never decide anything.
    if (path === '_id') return keys;
  }
  keys.push(['_id', 1]);
  return keys;
};
