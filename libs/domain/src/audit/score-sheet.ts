import type {
  ConformityItemCode,
  ConformityResult,
  ServiceCharacteristic,
  TestMethod,
} from '../shared/evaluation';
import { CONFORMITY_RESULTS } from '../shared/evaluation';
import { hasAtMostDecimals } from '../shared/exact-score';
import { enhancementItems, managementItems } from '../scheme/evaluation-scheme';
import type { EvaluationScheme, ScoreItem } from '../scheme/evaluation-scheme';

/** A management item the auditor found not applicable to the organisation, with the reason (never silent). */
export interface NotApplicable {
  notApplicable: true;
  reason: string;
}

/**
 * The filled-in score sheets of an audit (Annex D, §13.1.2, R-SCORE-4, R-SCORE-5), keyed by the scheme's codes.
 * Entries are keyed by code, so an item cannot be given twice: a JSON object has no duplicate keys once parsed.
 * The only lists are the test methods of a characteristic, and those are checked for duplicates.
 */
export interface ScoreSheetInput {
  /** Every management item of the scheme: a score from 0 to its maximum, or not applicable with a reason. */
  items: Record<string, number | NotApplicable>;
  /** Every enhancement item of the scheme (0 allowed). */
  enhancement: Record<string, number>;
  conformity: Record<ConformityItemCode, { result: ConformityResult; note?: string }>;
  characteristics: Record<ServiceCharacteristic, { score: number; methods: TestMethod[] }>;
}

/** One thing wrong with a score sheet. `field` is a path into the sheet; `items[D.1.1]` names a whole sheet. */
export interface ScoreProblem {
  field: string;
  problem: string;
}

type Entry = Record<string, unknown>;
const isObject = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

const SECTIONS = ['items', 'enhancement', 'conformity', 'characteristics'] as const;

/** R-SCORE-1: a score is a number from 0 to its maximum with at most 2 decimals; null when it is one. */
const scoreProblem = (value: unknown, max: number): string | null => {
  if (typeof value !== 'number') return 'not a number';
  if (!Number.isFinite(value)) return 'not a finite number';
  if (value < 0) return 'negative';
  if (value > max) return `above the maximum ${max}`;
  if (!hasAtMostDecimals(value, 2)) return 'more than 2 decimals';
  return null;
};

const isNotApplicable = (value: unknown): value is NotApplicable =>
  isObject(value) && value.notApplicable === true && isText(value.reason);

/** Keys of a section that the scheme does not know. */
const unknownKeys = (section: Entry, known: readonly string[], what: string, path: string): ScoreProblem[] =>
  Object.keys(section)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: `${path}.${key}`, problem: `unknown ${what}` }));

const checkItems = (items: Entry, scheme: EvaluationScheme): ScoreProblem[] => {
  const refs = managementItems(scheme);
  const enhancementCodes = enhancementItems(scheme).map(({ item }) => item.code);
  const problems: ScoreProblem[] = Object.keys(items)
    .filter((key) => !refs.some(({ item }) => item.code === key))
    .map((key) => ({
      field: `items.${key}`,
      problem: enhancementCodes.includes(key)
        ? 'unknown item (an enhancement item: give it under enhancement)'
        : 'unknown item',
    }));
  for (const { item } of refs) {
    const field = `items.${item.code}`;
    const value = items[item.code];
    if (value === undefined) {
      problems.push({ field, problem: 'missing: give a score or { notApplicable: true, reason }' });
    } else if (isObject(value) && value.notApplicable === true) {
      if (!isText(value.reason))
        problems.push({ field: `${field}.reason`, problem: 'not applicable without a reason' });
    } else if (isObject(value)) {
      problems.push({ field, problem: 'expected a score or { notApplicable: true, reason }' });
    } else {
      const problem = scoreProblem(value, item.max);
      if (problem) problems.push({ field, problem });
    }
  }
  // A dimension (and each sheet) needs at least one scored item: there is nothing to rescale otherwise.
  for (const dimension of scheme.dimensions) {
    const allNotApplicable = (list: ScoreItem[]) => list.every((item) => isNotApplicable(items[item.code]));
    if (allNotApplicable(dimension.sheets.flatMap((sheet) => sheet.items))) {
      problems.push({
        field: `items[${dimension.dimension}]`,
        problem: 'every item of the dimension is not applicable',
      });
      continue;
    }
    for (const sheet of dimension.sheets.filter((s) => allNotApplicable(s.items))) {
      problems.push({
        field: `items[${sheet.code}]`,
        problem: `every item of sheet ${sheet.code} is not applicable`,
      });
    }
  }
  return problems;
};

const checkEnhancement = (enhancement: Entry, scheme: EvaluationScheme): ScoreProblem[] => {
  const items = enhancementItems(scheme).map(({ item }) => item);
  const problems = unknownKeys(
    enhancement,
    items.map((item) => item.code),
    'enhancement item',
    'enhancement',
  );
  for (const item of items) {
    const field = `enhancement.${item.code}`;
    const value = enhancement[item.code];
    if (value === undefined) problems.push({ field, problem: 'missing: give a score (0 allowed)' });
    else {
      const problem = scoreProblem(value, item.max);
      if (problem) problems.push({ field, problem });
    }
  }
  return problems;
};

const checkConformity = (conformity: Entry, scheme: EvaluationScheme): ScoreProblem[] => {
  const codes = scheme.conformityItems.map((c) => c.code);
  const problems = unknownKeys(conformity, codes, 'conformity item', 'conformity');
  for (const code of codes) {
    const field = `conformity.${code}`;
    const value = conformity[code];
    if (value === undefined)
      problems.push({ field, problem: 'missing: give { result: CONFORM | NONCONFORM }' });
    else if (!isObject(value)) problems.push({ field, problem: 'expected { result, note? }' });
    else {
      if (!(CONFORMITY_RESULTS as readonly unknown[]).includes(value.result)) {
        problems.push({ field: `${field}.result`, problem: `expected ${CONFORMITY_RESULTS.join(' or ')}` });
      }
      if (value.note !== undefined && typeof value.note !== 'string') {
        problems.push({ field: `${field}.note`, problem: 'expected a text' });
      }
    }
  }
  return problems;
};

const checkMethods = (methods: unknown, field: string, scheme: EvaluationScheme): ScoreProblem[] => {
  if (!Array.isArray(methods) || methods.length === 0) {
    return [{ field, problem: 'expected at least one test method (§5.1.2)' }];
  }
  const known = scheme.testMethods.map((m) => m.code as unknown);
  const problems = methods
    .map((method, i) => ({ method, i }))
    .filter(({ method }) => !known.includes(method))
    .map(({ method, i }) => ({
      field: `${field}[${i}]`,
      problem: `unknown test method ${JSON.stringify(method)}`,
    }));
  for (const method of new Set(methods.filter((m) => known.includes(m)))) {
    const count = methods.filter((m) => m === method).length;
    if (count > 1) problems.push({ field, problem: `${String(method)} given ${count} times` });
  }
  return problems;
};

const checkCharacteristics = (characteristics: Entry, scheme: EvaluationScheme): ScoreProblem[] => {
  const codes = scheme.characteristics.map((c) => c.characteristic);
  const problems = unknownKeys(characteristics, codes, 'characteristic', 'characteristics');
  for (const code of codes) {
    const field = `characteristics.${code}`;
    const value = characteristics[code];
    if (value === undefined) problems.push({ field, problem: 'missing: give { score, methods }' });
    else if (!isObject(value)) problems.push({ field, problem: 'expected { score, methods }' });
    else {
      // R-SCORE-5: a characteristic is scored from 0 to 100.
      const problem = scoreProblem(value.score, 100);
      if (problem) problems.push({ field: `${field}.score`, problem });
      problems.push(...checkMethods(value.methods, `${field}.methods`, scheme));
    }
  }
  return problems;
};

/**
 * R-SCORE-1, R-SCORE-3, R-SCORE-4, R-SCORE-5: every problem of a score sheet against the scheme version's
 * indicator system, all at once. Empty when the sheet can be scored.
 */
export const validateScoreSheet = (input: unknown, scheme: EvaluationScheme): ScoreProblem[] => {
  if (!isObject(input)) return [{ field: '', problem: 'expected a score sheet object' }];
  const problems = unknownKeys(input, SECTIONS, 'field', '').map((p) => ({ ...p, field: p.field.slice(1) }));
  const section = (name: (typeof SECTIONS)[number], check: (value: Entry) => ScoreProblem[]) => {
    const value = input[name];
    if (isObject(value)) problems.push(...check(value));
    else problems.push({ field: name, problem: 'expected an object keyed by code' });
  };
  section('items', (v) => checkItems(v, scheme));
  section('enhancement', (v) => checkEnhancement(v, scheme));
  section('conformity', (v) => checkConformity(v, scheme));
  section('characteristics', (v) => checkCharacteristics(v, scheme));
  return problems;
};

/**
 * The sheet as it is stored: only what the scheme asks for, in scheme order (extra properties of an entry are
 * dropped). Call on a sheet that validateScoreSheet accepted.
 */
export const normaliseScoreSheet = (input: ScoreSheetInput, scheme: EvaluationScheme): ScoreSheetInput => {
  const items: ScoreSheetInput['items'] = {};
  for (const { item } of managementItems(scheme)) {
    const entry = input.items[item.code];
    items[item.code] = typeof entry === 'number' ? entry : { notApplicable: true, reason: entry.reason };
  }
  const enhancement: ScoreSheetInput['enhancement'] = {};
  for (const { item } of enhancementItems(scheme)) enhancement[item.code] = input.enhancement[item.code];
  const conformity = {} as ScoreSheetInput['conformity'];
  for (const { code } of scheme.conformityItems) {
    const { result, note } = input.conformity[code];
    conformity[code] = note === undefined ? { result } : { result, note };
  }
  const characteristics = {} as ScoreSheetInput['characteristics'];
  for (const { characteristic } of scheme.characteristics) {
    const { score, methods } = input.characteristics[characteristic];
    characteristics[characteristic] = { score, methods: [...methods] };
  }
  return { items, enhancement, conformity, characteristics };
};
