import {
  CONFORMITY_ITEM_CODES,
  ENHANCEMENT_GROUP_CODES,
  ENHANCEMENT_POLICIES,
  MANAGEMENT_DIMENSIONS,
  SERVICE_CHARACTERISTICS,
  TEST_METHODS,
} from '../shared/evaluation';
import { fromHundredths, hasAtMostDecimals, toHundredths } from '../shared/exact-score';

type Entry = Record<string, unknown>;

const isObject = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isLabel = (value: unknown): boolean => isObject(value) && isText(value.zh) && isText(value.en);
/** Maxima are positive with at most 2 decimals, so that sums and scores can be computed exactly. */
const isMax = (value: unknown): value is number =>
  typeof value === 'number' && value > 0 && hasAtMostDecimals(value, 2);
/** Weights are from 0 (exclusive) to 1 with at most 4 decimals (C.5 gives 0.20, 0.35, 0.35, 0.10). */
const isWeight = (value: unknown): value is number =>
  typeof value === 'number' && value > 0 && value <= 1 && hasAtMostDecimals(value, 4);
/** Hierarchical upper-case codes: `STRATEGY.GOALS.CLARITY`. */
const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

const MAX_PROBLEM = 'expected a positive number with at most 2 decimals';
const LIST_PROBLEM = 'expected a non-empty list';

/** `[STRATEGY]` when the entry names itself, `[#2]` otherwise. */
const nameOf = (entry: unknown, key: string, index: number): string =>
  isObject(entry) && isText(entry[key]) ? `[${entry[key]}]` : `[#${index}]`;

const asList = (value: unknown, path: string, problems: string[]): unknown[] => {
  if (Array.isArray(value) && value.length > 0) return value;
  problems.push(`${path}: ${LIST_PROBLEM}`);
  return [];
};

/** Each of `expected` exactly once among `codes`; anything else is unknown. */
const exactlyOnce = (codes: unknown[], expected: readonly string[], path: string, problems: string[]) => {
  for (const code of expected) {
    const count = codes.filter((c) => c === code).length;
    if (count === 0) problems.push(`${path}: ${code} is missing`);
    if (count > 1) problems.push(`${path}: ${code} is given ${count} times`);
  }
  for (const code of new Set(codes)) {
    if (!expected.includes(code as string)) problems.push(`${path}: unknown entry ${JSON.stringify(code)}`);
  }
};

/**
 * Validates items (code, label, max, content) and returns the sum of their maxima in hundredths, or null when a
 * maximum is itself invalid (the sum would only repeat that problem).
 */
const checkItems = (
  raw: unknown,
  path: string,
  prefix: string,
  codes: unknown[],
  problems: string[],
): number | null => {
  let sum: number | null = 0;
  const items = asList(raw, `${path}.items`, problems);
  items.forEach((item, i) => {
    const at = `${path}.items${nameOf(item, 'code', i)}`;
    if (!isObject(item)) {
      sum = null;
      return problems.push(`${at}: expected an object`);
    }
    codes.push(item.code);
    if (typeof item.code !== 'string' || !CODE.test(item.code) || !item.code.startsWith(`${prefix}.`)) {
      problems.push(`${at}.code: expected an upper-case dotted code starting with ${prefix}.`);
    }
    if (!isLabel(item.label)) problems.push(`${at}.label: expected { zh, en } texts`);
    if (!(item.content === null || isText(item.content)))
      problems.push(`${at}.content: expected a text or null`);
    if (!isMax(item.max)) {
      sum = null;
      return problems.push(`${at}.max: ${MAX_PROBLEM}`);
    }
    if (sum !== null) sum += toHundredths(item.max);
  });
  return items.length > 0 ? sum : null;
};

/** A declared maximum against the sum of its parts, both exact in hundredths; skipped when a part is invalid. */
const checkSum = (declared: number, sum: number | null, what: string, at: string, problems: string[]) => {
  if (sum !== null && toHundredths(declared) !== sum) {
    problems.push(`${at}: ${what} maxima add up to ${fromHundredths(sum)}, expected ${declared}`);
  }
};

const checkDimensions = (raw: unknown, itemCodes: unknown[], sheetCodes: unknown[], problems: string[]) => {
  const dimensions = asList(raw, 'evaluation.dimensions', problems);
  exactlyOnce(
    dimensions.map((d) => (isObject(d) ? d.dimension : undefined)),
    MANAGEMENT_DIMENSIONS,
    'evaluation.dimensions',
    problems,
  );
  const weights: string[] = [];
  let weightSum = 0;
  dimensions.forEach((dimension, i) => {
    const at = `evaluation.dimensions${nameOf(dimension, 'dimension', i)}`;
    if (!isObject(dimension)) return problems.push(`${at}: expected an object`);
    if (!isText(dimension.code)) problems.push(`${at}.code: expected the Annex C number`);
    if (!isLabel(dimension.label)) problems.push(`${at}.label: expected { zh, en } texts`);
    if (isWeight(dimension.compositeWeight)) {
      weightSum += dimension.compositeWeight;
      weights.push(`${String(dimension.dimension)} ${dimension.compositeWeight}`);
    } else {
      problems.push(`${at}.compositeWeight: expected a number above 0 and up to 1 with at most 4 decimals`);
    }
    let sheetSum: number | null = 0;
    const sheets = asList(dimension.sheets, `${at}.sheets`, problems);
    sheets.forEach((sheet, j) => {
      const sheetAt = `${at}.sheets${nameOf(sheet, 'code', j)}`;
      if (!isObject(sheet)) {
        sheetSum = null;
        return problems.push(`${sheetAt}: expected an object`);
      }
      sheetCodes.push(sheet.code);
      if (!isText(sheet.code)) problems.push(`${sheetAt}.code: expected the Annex D number`);
      if (!isLabel(sheet.label)) problems.push(`${sheetAt}.label: expected { zh, en } texts`);
      const itemSum = checkItems(sheet.items, sheetAt, String(dimension.dimension), itemCodes, problems);
      if (!isMax(sheet.max)) {
        sheetSum = null;
        return problems.push(`${sheetAt}.max: ${MAX_PROBLEM}`);
      }
      if (sheetSum !== null) sheetSum += toHundredths(sheet.max);
      checkSum(sheet.max, itemSum, 'item', sheetAt, problems);
    });
    // R-SCORE-1: each dimension is scored out of 100.
    checkSum(100, sheets.length > 0 ? sheetSum : null, 'sheet', at, problems);
  });
  // R-SCORE-2: the C.5 weights make a weighted mean (tolerance for the binary representation of the decimals).
  if (weights.length === dimensions.length && Math.abs(weightSum - 1) > 1e-9) {
    const sum = Number(weightSum.toFixed(4));
    problems.push(
      `evaluation.dimensions: composite weights add up to ${sum} (${weights.join(' + ')}), expected 1`,
    );
  }
};

const checkEnhancement = (raw: unknown, itemCodes: unknown[], problems: string[]) => {
  const groups = asList(raw, 'evaluation.enhancement', problems);
  exactlyOnce(
    groups.map((g) => (isObject(g) ? g.code : undefined)),
    ENHANCEMENT_GROUP_CODES,
    'evaluation.enhancement',
    problems,
  );
  groups.forEach((group, i) => {
    const at = `evaluation.enhancement${nameOf(group, 'code', i)}`;
    if (!isObject(group)) return problems.push(`${at}: expected an object`);
    if (!isLabel(group.label)) problems.push(`${at}.label: expected { zh, en } texts`);
    checkItems(group.items, at, String(group.code), itemCodes, problems);
  });
};

/** A list of labelled entries keyed by `key`, each of `expected` exactly once, checked with `check`. */
const checkKeyed = (
  raw: unknown,
  path: string,
  key: string,
  expected: readonly string[],
  problems: string[],
  check: (entry: Entry, at: string) => void = () => undefined,
) => {
  const entries = asList(raw, path, problems);
  exactlyOnce(
    entries.map((e) => (isObject(e) ? e[key] : undefined)),
    expected,
    path,
    problems,
  );
  entries.forEach((entry, i) => {
    const at = `${path}${nameOf(entry, key, i)}`;
    if (!isObject(entry)) return problems.push(`${at}: expected an object`);
    if (!isLabel(entry.label)) problems.push(`${at}.label: expected { zh, en } texts`);
    check(entry, at);
  });
};

const requireClause = (entry: Entry, at: string, problems: string[]) => {
  if (!isText(entry.clause)) problems.push(`${at}.clause: expected the clause of the rule`);
};

const duplicates = (codes: unknown[], what: string, problems: string[]) => {
  for (const code of new Set(codes.filter(isText))) {
    const count = codes.filter((c) => c === code).length;
    if (count > 1) problems.push(`evaluation: ${what} code ${code} is used ${count} times`);
  }
};

/** R-SCORE-1…5: every problem of a scheme version's indicator system, as `path: what is wrong`. */
export const validateEvaluationScheme = (raw: unknown): string[] => {
  if (!isObject(raw)) return ['evaluation: expected the indicator system of the scheme version'];
  const problems: string[] = [];
  const itemCodes: unknown[] = [];
  const sheetCodes: unknown[] = [];
  checkDimensions(raw.dimensions, itemCodes, sheetCodes, problems);
  checkEnhancement(raw.enhancement, itemCodes, problems);
  duplicates(itemCodes, 'item', problems);
  duplicates(sheetCodes, 'sheet', problems);
  checkKeyed(
    raw.conformityItems,
    'evaluation.conformityItems',
    'code',
    CONFORMITY_ITEM_CODES,
    problems,
    (e, at) => requireClause(e, at, problems),
  );
  checkKeyed(
    raw.characteristics,
    'evaluation.characteristics',
    'characteristic',
    SERVICE_CHARACTERISTICS,
    problems,
    (entry, at) => {
      requireClause(entry, at, problems);
      const aspects = asList(entry.aspects, `${at}.aspects`, problems);
      if (!aspects.every(isLabel)) problems.push(`${at}.aspects: expected { zh, en } texts`);
    },
  );
  checkKeyed(raw.testMethods, 'evaluation.testMethods', 'code', TEST_METHODS, problems);
  if (!(ENHANCEMENT_POLICIES as readonly unknown[]).includes(raw.enhancementPolicy)) {
    problems.push(`evaluation.enhancementPolicy: expected ${ENHANCEMENT_POLICIES.join(' or ')}`);
  }
  return problems;
};
