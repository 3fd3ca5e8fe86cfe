import type { FieldCondition, Query } from '../read-store.port';
import { NO_KEY_FIELDS } from './key-columns';
import type { KeyFields } from './key-columns';
import { conditionSql } from './query-sql';
import type { SqlFragment } from './query-sql';
import { needleLookup } from './substring-index';
import type { SubstringIndex } from './substring-index';

type Conditions = Record<string, FieldCondition>;

/** Ids a query can match (column `candidate`) and the part of the query they do not settle yet. */
export interface Candidates extends SqlFragment {
  /** The query without the conditions the candidates match exactly (all of them when they are a superset). */
  remaining: Query;
}

/** The candidates of one condition; exact when they are precisely the documents meeting it. */
interface Part extends SqlFragment {
  exact: boolean;
  postings: boolean;
}

/**
 * Whether a postings table holds every one of these grams (an indexed probe each). A gram no value holds settles
 * a needle at once: no value contains it.
 */
export type GramsPresent = (postings: string, grams: readonly string[]) => boolean;

/** No candidate at all, and exactly so. */
const NONE = { sql: 'SELECT NULL AS candidate WHERE 0', params: [], exact: true };

const postingsSql = (postings: string, needle: string, gramsPresent?: GramsPresent): Part | null => {
  const lookup = needleLookup(needle);
  if (!lookup) return null;
  const part = { exact: lookup.exact, postings: true };
  if ('from' in lookup) {
    const sql = `SELECT DISTINCT id AS candidate FROM "${postings}" WHERE gram BETWEEN ? AND ?`;
    return { ...part, sql, params: [lookup.from, lookup.to] };
  }
  const { grams } = lookup;
  // One gram is one lookup of its postings, absent or not: only an intersection is worth a probe first.
  if (grams.length > 1 && gramsPresent && !gramsPresent(postings, grams)) return { ...part, ...NONE };
  const pair = `SELECT id FROM "${postings}" WHERE gram = ?`;
  const sql =
    grams.length === 1
      ? `SELECT id AS candidate FROM "${postings}" WHERE gram = ?`
      : `SELECT id AS candidate FROM (${grams.map(() => pair).join(' INTERSECT ')})`;
  return { ...part, sql, params: grams };
};

/**
 * The candidates of a query from a substring index, when it has a `contains` on a substring-indexed field — in
 * `where`, or in every alternative of `anyOf`, whose other alternatives then need an equality or `in` (an indexed
 * lookup, e.g. the exact certificate number). Null when no substring index narrows the query. Postings of a
 * needle longer than two characters are a superset, which the query's own `instr` test confirms — unless
 * `gramsPresent` finds one of its pairs in no value (a certificate number searched among holder names): then none.
 */
export const candidatesSql = (
  table: string,
  query: Query,
  indexes: SubstringIndex[],
  keyed: KeyFields = NO_KEY_FIELDS,
  gramsPresent?: GramsPresent,
): Candidates | null => {
  if (indexes.length === 0) return null;
  const postingsOf = new Map(indexes.map((index) => [index.field, index.postings]));

  /** The first condition of a set a substring index answers, with its field. */
  const fromPostings = (conditions: Conditions): { field: string; part: Part } | null => {
    for (const [field, condition] of Object.entries(conditions)) {
      const postings = postingsOf.get(field);
      const part =
        postings && 'contains' in condition ? postingsSql(postings, condition.contains, gramsPresent) : null;
      if (part) return { field, part };
    }
    return null;
  };
  /** The first equality or `in` of a set, as an (indexed) lookup. */
  const fromLookup = (conditions: Conditions): Part | null => {
    for (const [field, condition] of Object.entries(conditions)) {
      if (('eq' in condition && ['string', 'number'].includes(typeof condition.eq)) || 'in' in condition) {
        const test = conditionSql(field, condition, keyed);
        const sql = `SELECT id AS candidate FROM "${table}" WHERE ${test.sql}`;
        return { sql, params: test.params, exact: true, postings: false };
      }
    }
    return null;
  };

  const where = query.where ?? {};
  const inWhere = fromPostings(where);
  if (inWhere) {
    const { sql, params, exact } = inWhere.part;
    const { [inWhere.field]: _settled, ...rest } = where;
    return { sql, params, remaining: exact ? { ...query, where: rest } : query };
  }
  const parts: Part[] = [];
  for (const alternative of query.anyOf ?? []) {
    const part = fromPostings(alternative)?.part ?? fromLookup(alternative);
    if (!part) return null;
    // A part settles its alternative only when the alternative has no other condition.
    parts.push({ ...part, exact: part.exact && Object.keys(alternative).length === 1 });
  }
  if (!parts.some((part) => part.postings)) return null;
  return {
    sql: parts.map((part) => part.sql).join(' UNION '),
    params: parts.flatMap((part) => part.params),
    remaining: parts.every((part) => part.exact) ? { ...query, anyOf: undefined } : query,
  };
};
