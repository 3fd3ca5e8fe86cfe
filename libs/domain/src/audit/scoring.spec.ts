import { CMM_525_0002_V1, DomainError } from '@app/domain';
import type { ManagementDimension, NotApplicable } from '@app/domain';
import { expectedResults, resultsOf, scoreSheet } from '@app/testing';
import { computeResults } from './scoring';

const V1 = CMM_525_0002_V1;
const na = (reason: string): NotApplicable => ({ notApplicable: true, reason });
const dims = (STRATEGY: number, CAPABILITY: number, OPERATIONS: number, MULTIMODAL: number) => ({
  STRATEGY,
  CAPABILITY,
  OPERATIONS,
  MULTIMODAL,
});

/** Full sheets, one per dimension, with every item scored (Annex D). */
const FULL_SHEETS: [ManagementDimension, Record<string, number>, Record<string, number>, number][] = [
  [
    'STRATEGY',
    {
      'STRATEGY.GOALS.CLARITY': 10,
      'STRATEGY.GOALS.MEASURABILITY': 8,
      'STRATEGY.GOALS.ACHIEVABILITY': 7,
      'STRATEGY.GOALS.RELEVANCE': 5,
      'STRATEGY.PRIORITIES.CUSTOMER_EXPERIENCE': 10,
      'STRATEGY.PRIORITIES.TECHNOLOGY_INNOVATION': 9,
      'STRATEGY.PRIORITIES.SERVICE_QUALITY': 8.5,
      'STRATEGY.PRIORITIES.OPERATIONAL_EFFICIENCY': 6,
      'STRATEGY.PLAN.SPECIFICITY': 8,
      'STRATEGY.PLAN.FEASIBILITY': 7.5,
      'STRATEGY.PLAN.COORDINATION': 9,
    },
    // 10+8+7+5 = 30 · 10+9+8.5+6 = 33.5 · 8+7.5+9 = 24.5
    { 'D.1.1': 30, 'D.1.2': 33.5, 'D.1.3': 24.5 },
    88, // 30 + 33.5 + 24.5
  ],
  [
    'CAPABILITY',
    {
      'CAPABILITY.ORGANISATION.STRUCTURE': 4,
      'CAPABILITY.ORGANISATION.RESPONSIBILITIES': 5,
      'CAPABILITY.ORGANISATION.TEAMWORK': 4,
      'CAPABILITY.DATA.MANAGEMENT': 7,
      'CAPABILITY.DATA.APPLICATION': 6,
      'CAPABILITY.DATA.SECURITY': 4,
      'CAPABILITY.KNOWLEDGE.MANAGEMENT': 5,
      'CAPABILITY.KNOWLEDGE.APPLICATION': 5,
      'CAPABILITY.KNOWLEDGE.INNOVATION': 2,
      'CAPABILITY.INTELLIGENCE.TECHNOLOGY_APPLICATION': 8,
      'CAPABILITY.INTELLIGENCE.SYSTEM_PERFORMANCE': 6.5,
      'CAPABILITY.INTELLIGENCE.INNOVATION': 5,
      'CAPABILITY.BUSINESS.PROCESSING': 7,
      'CAPABILITY.BUSINESS.SERVICE': 6,
      'CAPABILITY.TECHNOLOGY.ARCHITECTURE': 4,
      'CAPABILITY.TECHNOLOGY.APPLICATION': 4.25,
    },
    // 4+5+4 · 7+6+4 · 5+5+2 · 8+6.5+5 · 7+6 · 4+4.25
    { 'D.2.1': 13, 'D.2.2': 17, 'D.2.3': 12, 'D.2.4': 19.5, 'D.2.5': 13, 'D.2.6': 8.25 },
    82.75, // 13 + 17 + 12 + 19.5 + 13 + 8.25
  ],
  [
    'OPERATIONS',
    {
      'OPERATIONS.MATCHING.ASSESSMENT_ACCURACY': 7,
      'OPERATIONS.MATCHING.DEMAND_FIT': 6,
      'OPERATIONS.EXPERIENCE.DESIGN': 9,
      'OPERATIONS.EXPERIENCE.MANAGEMENT': 8,
      'OPERATIONS.EXPERIENCE.SATISFACTION': 4,
      'OPERATIONS.PLAN.QUALITY': 6,
      'OPERATIONS.PLAN.EFFECT': 5,
      'OPERATIONS.PROCESS.DESIGN': 8,
      'OPERATIONS.PROCESS.EFFECT': 9,
      'OPERATIONS.QUALITY.STANDARDS': 7,
      'OPERATIONS.QUALITY.CONTROL': 6,
      'OPERATIONS.PERFORMANCE.INDICATORS': 4,
      'OPERATIONS.PERFORMANCE.ASSESSMENT': 3.5,
    },
    // 7+6 · 9+8+4 · 6+5 · 8+9 · 7+6 · 4+3.5
    { 'D.3.1': 13, 'D.3.2': 21, 'D.3.3': 11, 'D.3.4': 17, 'D.3.5': 13, 'D.3.6': 7.5 },
    82.5, // 13 + 21 + 11 + 17 + 13 + 7.5
  ],
  [
    'MULTIMODAL',
    {
      'MULTIMODAL.MULTIMEDIA.DESIGN': 15,
      'MULTIMODAL.MULTIMEDIA.EFFECT': 14,
      'MULTIMODAL.MULTIMEDIA.INNOVATION': 12,
      'MULTIMODAL.INTEGRATION.DESIGN': 16,
      'MULTIMODAL.INTEGRATION.EFFECT': 13.33,
    },
    { 'D.4.1': 41, 'D.4.2': 29.33 }, // 15+14+12 · 16+13.33
    70.33, // 41 + 29.33
  ],
];

describe('computeResults — management dimensions (R-SCORE-1)', () => {
  it('R-SCORE-1 golden D.1.1 sheet: 目标明确性 10 + 目标可衡量性 8 + 目标可实现性 7 + 目标相关性 5 = 30', () => {
    const results = resultsOf(
      scoreSheet({
        items: {
          'STRATEGY.GOALS.CLARITY': 10,
          'STRATEGY.GOALS.MEASURABILITY': 8,
          'STRATEGY.GOALS.ACHIEVABILITY': 7,
          'STRATEGY.GOALS.RELEVANCE': 5,
        },
      }),
    );
    expect(results.sheets['D.1.1']).toBe(30);
  });

  it.each(FULL_SHEETS)(
    'R-SCORE-1 full %s sheets add up per sheet and per dimension',
    (dimension, items, sheets, score) => {
      const results = resultsOf(scoreSheet({ items }));
      expect(results.sheets).toMatchObject(sheets);
      expect(results.management[dimension]).toBe(score);
    },
  );

  it('R-SCORE-2 the four full sheets together: 88×0.20 + 82.75×0.35 + 82.5×0.35 + 70.33×0.10 = 82.47', () => {
    const items = Object.assign({}, ...FULL_SHEETS.map(([, i]) => i)) as Record<string, number>;
    const results = resultsOf(scoreSheet({ items }));
    expect(results.management).toEqual(dims(88, 82.75, 82.5, 70.33));
    // 17.6 + 28.9625 + 28.875 + 7.033 = 82.4705 → 82.47
    expect(results.composite).toBe(82.47);
  });

  it('R-SCORE-1 a perfect and an empty sheet', () => {
    expect(expectedResults({ fraction: 1 })).toMatchObject({
      management: dims(100, 100, 100, 100),
      composite: 100,
    });
    expect(expectedResults({ fraction: 0 })).toMatchObject({ management: dims(0, 0, 0, 0), composite: 0 });
  });
});

describe('computeResults — composite rounding (R-SCORE-2)', () => {
  it.each([
    // [dimensions S, C, O, M, composite, arithmetic]
    [dims(82, 79, 84, 75), 80.95, '16.4 + 27.65 + 29.4 + 7.5 = 80.95'],
    [dims(82.01, 79, 84, 75), 80.95, '16.402 + 27.65 + 29.4 + 7.5 = 80.952 → 80.95'],
    [dims(82.02, 79, 84, 75), 80.95, '16.404 + 27.65 + 29.4 + 7.5 = 80.954 → 80.95'],
    [dims(82.03, 79, 84, 75), 80.96, '16.406 + 27.65 + 29.4 + 7.5 = 80.956 → 80.96'],
    [dims(82, 79.1, 84, 75), 80.99, '16.4 + 27.685 + 29.4 + 7.5 = 80.985 → half up 80.99'],
    [dims(82, 79.01, 84, 75), 80.95, '16.4 + 27.6535 + 29.4 + 7.5 = 80.9535 → 80.95'],
    [dims(82, 79, 84, 75.05), 80.96, '16.4 + 27.65 + 29.4 + 7.505 = 80.955 → half up 80.96'],
    [dims(99.99, 99.99, 99.99, 99.99), 99.99, '(0.2 + 0.35 + 0.35 + 0.1) × 99.99 = 99.99'],
  ])('R-SCORE-2 dimensions %j give composite %d (%s)', (management, composite) => {
    const results = expectedResults({ management });
    expect(results.management).toEqual(management);
    expect(results.composite).toBe(composite);
  });

  it('R-SCORE-2 exact arithmetic: binary floats would round 80.955 down to 80.95', () => {
    // In floats 82×0.2 + 79×0.35 + 84×0.35 + 75.05×0.1 = 80.95499999999998, which rounds to 80.95.
    const float = 82 * 0.2 + 79 * 0.35 + 84 * 0.35 + 75.05 * 0.1;
    expect(Math.round(float * 100) / 100).toBe(80.95);
    expect(expectedResults({ management: dims(82, 79, 84, 75.05) }).composite).toBe(80.96);
  });

  it('R-SCORE-2 item sums are exact too: 0.1 + 0.2 is 0.3 on the sheet', () => {
    const results = resultsOf(
      scoreSheet({
        items: {
          'STRATEGY.GOALS.CLARITY': 0.1,
          'STRATEGY.GOALS.MEASURABILITY': 0.2,
          'STRATEGY.GOALS.ACHIEVABILITY': 0,
        },
        enhancement: { 'INNOVATION.TECHNOLOGY': 0.1, 'INNOVATION.SERVICE': 0.2, 'INNOVATION.MANAGEMENT': 0 },
      }),
    );
    // D.1.1: 0.1 + 0.2 + 0 + RELEVANCE (82% of 5 = 4.1) = 4.4
    expect(results.sheets['D.1.1']).toBe(4.4);
    expect(results.enhancement.groups.INNOVATION).toBe(0.3);
  });
});

describe('computeResults — not applicable items (R-SCORE-1)', () => {
  const strategy = (goals: (number | NotApplicable)[], priorities: number[], plan: number[]) => {
    const codes = (sheet: string, names: string[]) => names.map((n) => `STRATEGY.${sheet}.${n}`);
    const entries = [
      ...codes('GOALS', ['CLARITY', 'MEASURABILITY', 'ACHIEVABILITY', 'RELEVANCE']).map((c, i) => [
        c,
        goals[i],
      ]),
      ...codes('PRIORITIES', [
        'CUSTOMER_EXPERIENCE',
        'TECHNOLOGY_INNOVATION',
        'SERVICE_QUALITY',
        'OPERATIONAL_EFFICIENCY',
      ]).map((c, i) => [c, priorities[i]]),
      ...codes('PLAN', ['SPECIFICITY', 'FEASIBILITY', 'COORDINATION']).map((c, i) => [c, plan[i]]),
    ];
    return Object.fromEntries(entries) as Record<string, number | NotApplicable>;
  };

  it('R-SCORE-1 rescales the dimension: applicable sum ÷ applicable maxima × 100', () => {
    const reason = 'No written strategy statement to assess yet';
    const results = resultsOf(
      scoreSheet({ items: strategy([na(reason), 6, 5, 4], [10, 8, 8, 6], [8, 8, 9]) }),
    );
    // applicable: 15 + 32 + 25 = 72 of 100 − 10 = 90 → 72 / 90 × 100 = 80
    expect(results.management.STRATEGY).toBe(80);
    expect(results.sheets['D.1.1']).toBe(15); // 6 + 5 + 4: the sheet shows its applicable sum
    expect(results.notApplicable).toEqual([{ item: 'STRATEGY.GOALS.CLARITY', reason }]);
    // 80×0.20 + 79×0.35 + 84×0.35 + 75×0.10 = 16 + 27.65 + 29.4 + 7.5 = 80.55
    expect(results.composite).toBe(80.55);
  });

  it('R-SCORE-2 the composite uses the exact rescaled dimension, not its rounded report', () => {
    const items = strategy([8, 6, na('Not assessed: new service line'), 4], [10, 8, 8, 6], [4, 4, 4]);
    const results = resultsOf(scoreSheet({ items, management: { MULTIMODAL: 75.01 } }));
    // STRATEGY = 62 / 93 × 100 = 66.666… → reported 66.67
    expect(results.management.STRATEGY).toBe(66.67);
    // exact: 13.3333… + 27.65 + 29.4 + 7.501 = 77.8843… → 77.88
    // (from the rounded 66.67 it would be 13.334 + 27.65 + 29.4 + 7.501 = 77.885 → 77.89)
    expect(results.composite).toBe(77.88);
  });
});

describe('computeResults — enhancement, conformity, characteristics (R-SCORE-3…5)', () => {
  const separate = { ...V1, evaluation: { ...V1.evaluation, enhancementPolicy: 'SEPARATE' as const } };

  it('R-SCORE-3 ADD_CAPPED_AT_100 adds the enhancement to the composite', () => {
    expect(expectedResults()).toMatchObject({
      composite: 80.95,
      // innovation 2 + 1 + 1 = 4, sustainability 1 + 1 + 0.5 = 2.5
      enhancement: { groups: { INNOVATION: 4, SUSTAINABILITY: 2.5 }, total: 6.5 },
      enhancementPolicy: 'ADD_CAPPED_AT_100',
      total: 87.45, // 80.95 + 6.5
    });
  });

  it('R-SCORE-3 ADD_CAPPED_AT_100 caps the total at 100', () => {
    const full = { 'INNOVATION.TECHNOLOGY': 3, 'INNOVATION.SERVICE': 2, 'INNOVATION.MANAGEMENT': 2 };
    // 95 + (3 + 2 + 2 + 1 + 1 + 0.5) = 95 + 9.5 = 104.5 → 100
    expect(expectedResults({ fraction: 0.95, enhancement: full })).toMatchObject({
      composite: 95,
      enhancement: { total: 9.5 },
      total: 100,
    });
  });

  it('R-SCORE-3 SEPARATE keeps the total at the composite and reports the enhancement beside it', () => {
    expect(expectedResults({ scheme: separate })).toMatchObject({
      composite: 80.95,
      enhancement: { groups: { INNOVATION: 4, SUSTAINABILITY: 2.5 }, total: 6.5 },
      enhancementPolicy: 'SEPARATE',
      total: 80.95,
    });
  });

  it('R-SCORE-4 R-SCORE-5 conformity items and characteristics are reported as recorded, with the scheme version', () => {
    const results = expectedResults({
      conformity: { DATA_SECURITY_MANAGEMENT: { result: 'NONCONFORM', note: 'No access review since 2025' } },
      characteristics: { SUBSTITUTION_CAPABILITY: { score: 71.5, methods: ['SYSTEM_TEST'] } },
    });
    expect(results).toMatchObject({
      schemeVersion: 'CMM-525-0002@V1.0',
      conformity: { STAFF_MANAGEMENT: 'CONFORM', DATA_SECURITY_MANAGEMENT: 'NONCONFORM' },
      characteristics: {
        SERVICE_CAPABILITY: 85,
        SUBSTITUTION_CAPABILITY: 71.5,
        BUSINESS_CAPABILITY: 80,
        CUSTOMER_EXPERIENCE: 88,
      },
      characteristicMethods: { SUBSTITUTION_CAPABILITY: ['SYSTEM_TEST'] },
      notApplicable: [],
    });
    expect(Object.keys(results.sheets)).toHaveLength(17);
  });

  it('R-SCORE-1 refuses to compute a sheet that does not fit the scheme', () => {
    const sheet = scoreSheet({ items: { 'STRATEGY.GOALS.CLARITY': 11 } });
    expect(() => computeResults(sheet, V1.evaluation, V1.id)).toThrow(DomainError);
    expect(() => computeResults(sheet, V1.evaluation, V1.id)).toThrow(/R-SCORE-1/);
  });
});
