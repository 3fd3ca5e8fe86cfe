import { CMM_525_0002_V1 } from '@app/domain';
import type { ScoreSheetInput } from '@app/domain';
import { scoreSheet } from '@app/testing';
import { validateScoreSheet } from './score-sheet';
import type { ScoreProblem } from './score-sheet';

const V1 = CMM_525_0002_V1.evaluation;
const na = (reason: string) => ({ notApplicable: true as const, reason });

/** The sample sheet with one section entry replaced (`undefined` removes it). */
const withEntry = (section: keyof ScoreSheetInput, key: string, value: unknown): unknown => {
  const sheet = scoreSheet() as unknown as Record<string, Record<string, unknown>>;
  if (value === undefined) delete sheet[section][key];
  else sheet[section][key] = value;
  return sheet;
};

const problems = (input: unknown): ScoreProblem[] => validateScoreSheet(input, V1);

describe('validateScoreSheet (R-SCORE-1, R-SCORE-3…5)', () => {
  it('accepts the complete sample sheet, with not-applicable items that carry a reason', () => {
    expect(problems(scoreSheet())).toEqual([]);
    expect(problems(scoreSheet({ items: { 'STRATEGY.GOALS.CLARITY': na('No strategy yet') } }))).toEqual([]);
  });

  it.each<[string, keyof ScoreSheetInput, string, unknown, ScoreProblem]>([
    [
      'above the maximum',
      'items',
      'STRATEGY.GOALS.CLARITY',
      10.01,
      { field: 'items.STRATEGY.GOALS.CLARITY', problem: 'above the maximum 10' },
    ],
    [
      'negative',
      'items',
      'STRATEGY.GOALS.RELEVANCE',
      -1,
      { field: 'items.STRATEGY.GOALS.RELEVANCE', problem: 'negative' },
    ],
    [
      'NaN',
      'items',
      'CAPABILITY.DATA.SECURITY',
      NaN,
      { field: 'items.CAPABILITY.DATA.SECURITY', problem: 'not a finite number' },
    ],
    [
      'Infinity',
      'items',
      'CAPABILITY.DATA.SECURITY',
      Infinity,
      { field: 'items.CAPABILITY.DATA.SECURITY', problem: 'not a finite number' },
    ],
    [
      'a string',
      'items',
      'OPERATIONS.PLAN.EFFECT',
      '7',
      { field: 'items.OPERATIONS.PLAN.EFFECT', problem: 'not a number' },
    ],
    [
      'null',
      'items',
      'OPERATIONS.PLAN.EFFECT',
      null,
      { field: 'items.OPERATIONS.PLAN.EFFECT', problem: 'not a number' },
    ],
    [
      '3 decimals',
      'items',
      'STRATEGY.GOALS.ACHIEVABILITY',
      6.255,
      { field: 'items.STRATEGY.GOALS.ACHIEVABILITY', problem: 'more than 2 decimals' },
    ],
    [
      'unknown item',
      'items',
      'STRATEGY.GOALS.VISION',
      3,
      { field: 'items.STRATEGY.GOALS.VISION', problem: 'unknown item' },
    ],
    [
      'an enhancement item among the items',
      'items',
      'INNOVATION.TECHNOLOGY',
      3,
      {
        field: 'items.INNOVATION.TECHNOLOGY',
        problem: 'unknown item (an enhancement item: give it under enhancement)',
      },
    ],
    [
      'missing item',
      'items',
      'MULTIMODAL.INTEGRATION.EFFECT',
      undefined,
      {
        field: 'items.MULTIMODAL.INTEGRATION.EFFECT',
        problem: 'missing: give a score or { notApplicable: true, reason }',
      },
    ],
    [
      'not applicable, blank reason',
      'items',
      'STRATEGY.PLAN.FEASIBILITY',
      na(' '),
      { field: 'items.STRATEGY.PLAN.FEASIBILITY.reason', problem: 'not applicable without a reason' },
    ],
    [
      'not applicable, no reason',
      'items',
      'STRATEGY.PLAN.FEASIBILITY',
      { notApplicable: true },
      { field: 'items.STRATEGY.PLAN.FEASIBILITY.reason', problem: 'not applicable without a reason' },
    ],
    [
      'another object',
      'items',
      'STRATEGY.PLAN.FEASIBILITY',
      { score: 3 },
      {
        field: 'items.STRATEGY.PLAN.FEASIBILITY',
        problem: 'expected a score or { notApplicable: true, reason }',
      },
    ],
    [
      'enhancement above the maximum',
      'enhancement',
      'INNOVATION.TECHNOLOGY',
      3.5,
      { field: 'enhancement.INNOVATION.TECHNOLOGY', problem: 'above the maximum 3' },
    ],
    [
      'enhancement negative',
      'enhancement',
      'SUSTAINABILITY.EFFECT',
      -0.5,
      { field: 'enhancement.SUSTAINABILITY.EFFECT', problem: 'negative' },
    ],
    [
      'enhancement missing',
      'enhancement',
      'SUSTAINABILITY.EFFECT',
      undefined,
      { field: 'enhancement.SUSTAINABILITY.EFFECT', problem: 'missing: give a score (0 allowed)' },
    ],
    [
      'enhancement not applicable',
      'enhancement',
      'SUSTAINABILITY.EFFECT',
      na('x'),
      { field: 'enhancement.SUSTAINABILITY.EFFECT', problem: 'not a number' },
    ],
    [
      'enhancement unknown',
      'enhancement',
      'INNOVATION.PRODUCT',
      1,
      { field: 'enhancement.INNOVATION.PRODUCT', problem: 'unknown enhancement item' },
    ],
    [
      'conformity missing',
      'conformity',
      'STAFF_MANAGEMENT',
      undefined,
      { field: 'conformity.STAFF_MANAGEMENT', problem: 'missing: give { result: CONFORM | NONCONFORM }' },
    ],
    [
      'conformity unknown',
      'conformity',
      'TRAINING',
      { result: 'CONFORM' },
      { field: 'conformity.TRAINING', problem: 'unknown conformity item' },
    ],
    [
      'conformity bad result',
      'conformity',
      'STAFF_MANAGEMENT',
      { result: 'PARTIAL' },
      { field: 'conformity.STAFF_MANAGEMENT.result', problem: 'expected CONFORM or NONCONFORM' },
    ],
    [
      'conformity not an object',
      'conformity',
      'STAFF_MANAGEMENT',
      'CONFORM',
      { field: 'conformity.STAFF_MANAGEMENT', problem: 'expected { result, note? }' },
    ],
    [
      'conformity note not a text',
      'conformity',
      'STAFF_MANAGEMENT',
      { result: 'CONFORM', note: 5 },
      { field: 'conformity.STAFF_MANAGEMENT.note', problem: 'expected a text' },
    ],
    [
      'characteristic missing',
      'characteristics',
      'CUSTOMER_EXPERIENCE',
      undefined,
      { field: 'characteristics.CUSTOMER_EXPERIENCE', problem: 'missing: give { score, methods }' },
    ],
    [
      'characteristic unknown',
      'characteristics',
      'LOYALTY',
      { score: 80, methods: ['SYSTEM_TEST'] },
      { field: 'characteristics.LOYALTY', problem: 'unknown characteristic' },
    ],
    [
      'characteristic above 100',
      'characteristics',
      'CUSTOMER_EXPERIENCE',
      { score: 101, methods: ['SYSTEM_TEST'] },
      { field: 'characteristics.CUSTOMER_EXPERIENCE.score', problem: 'above the maximum 100' },
    ],
    [
      'characteristic negative',
      'characteristics',
      'CUSTOMER_EXPERIENCE',
      { score: -1, methods: ['SYSTEM_TEST'] },
      { field: 'characteristics.CUSTOMER_EXPERIENCE.score', problem: 'negative' },
    ],
    [
      'characteristic without methods',
      'characteristics',
      'CUSTOMER_EXPERIENCE',
      { score: 80, methods: [] },
      {
        field: 'characteristics.CUSTOMER_EXPERIENCE.methods',
        problem: 'expected at least one test method (§5.1.2)',
      },
    ],
    [
      'characteristic, unknown method',
      'characteristics',
      'CUSTOMER_EXPERIENCE',
      { score: 80, methods: ['SYSTEM_TEST', 'INTERVIEW'] },
      { field: 'characteristics.CUSTOMER_EXPERIENCE.methods[1]', problem: 'unknown test method "INTERVIEW"' },
    ],
    [
      'characteristic, method twice',
      'characteristics',
      'CUSTOMER_EXPERIENCE',
      { score: 80, methods: ['SYSTEM_TEST', 'SYSTEM_TEST'] },
      { field: 'characteristics.CUSTOMER_EXPERIENCE.methods', problem: 'SYSTEM_TEST given 2 times' },
    ],
  ])('refuses %s', (_, section, key, value, problem) => {
    expect(problems(withEntry(section, key, value))).toEqual([problem]);
  });

  it('R-SCORE-1 refuses a sheet or a dimension entirely not applicable', () => {
    const goals = ['CLARITY', 'MEASURABILITY', 'ACHIEVABILITY', 'RELEVANCE'].map(
      (n) => `STRATEGY.GOALS.${n}`,
    );
    const multimodal = [
      'MULTIMEDIA.DESIGN',
      'MULTIMEDIA.EFFECT',
      'MULTIMEDIA.INNOVATION',
      'INTEGRATION.DESIGN',
      'INTEGRATION.EFFECT',
    ];
    const items = Object.fromEntries([
      ...goals.map((code) => [code, na('No strategy yet')]),
      ...multimodal.map((code) => [`MULTIMODAL.${code}`, na('Text channel only')]),
    ]);
    expect(problems(scoreSheet({ items }))).toEqual([
      { field: 'items[D.1.1]', problem: 'every item of sheet D.1.1 is not applicable' },
      { field: 'items[MULTIMODAL]', problem: 'every item of the dimension is not applicable' },
    ]);
  });

  it('refuses what is not a score sheet', () => {
    for (const input of [null, undefined, 'sheet', 42, []]) {
      expect(problems(input)).toEqual([{ field: '', problem: 'expected a score sheet object' }]);
    }
    expect(problems({})).toEqual(
      ['items', 'enhancement', 'conformity', 'characteristics'].map((field) => ({
        field,
        problem: 'expected an object keyed by code',
      })),
    );
    expect(problems({ ...scoreSheet(), results: { composite: 99 } })).toEqual([
      { field: 'results', problem: 'unknown field' },
    ]);
  });

  it('R-SCORE-1 lists every problem at once', () => {
    const sheet = scoreSheet({
      items: {
        'STRATEGY.GOALS.CLARITY': 12,
        'STRATEGY.GOALS.MEASURABILITY': -2,
        'STRATEGY.GOALS.VISION': 5,
        'CAPABILITY.DATA.SECURITY': NaN,
        'OPERATIONS.PLAN.EFFECT': 'seven' as unknown as number,
      },
    }) as unknown as { items: Record<string, unknown> };
    delete sheet.items['MULTIMODAL.INTEGRATION.EFFECT'];
    expect(problems(sheet)).toEqual([
      { field: 'items.STRATEGY.GOALS.VISION', problem: 'unknown item' },
      { field: 'items.STRATEGY.GOALS.CLARITY', problem: 'above the maximum 10' },
      { field: 'items.STRATEGY.GOALS.MEASURABILITY', problem: 'negative' },
      { field: 'items.CAPABILITY.DATA.SECURITY', problem: 'not a finite number' },
      { field: 'items.OPERATIONS.PLAN.EFFECT', problem: 'not a number' },
      {
        field: 'items.MULTIMODAL.INTEGRATION.EFFECT',
        problem: 'missing: give a score or { notApplicable: true, reason }',
      },
    ]);
  });
});
