import { CMM_525_0002_V1 } from './cmm-525-0002.v1';
import { enhancementItems, managementItems } from './evaluation-scheme';
import type { DimensionDefinition, EvaluationScheme } from './evaluation-scheme';
import { SchemeCatalogue, SchemeDefinitionError } from './scheme-catalogue';

const V1 = CMM_525_0002_V1.evaluation;

/** The problems SchemeCatalogue.load reports for V1.0 with its evaluation changed by `change`. */
const problemsOf = (change: (evaluation: EvaluationScheme) => void): string[] => {
  const evaluation = structuredClone(V1);
  change(evaluation);
  try {
    SchemeCatalogue.load([{ ...CMM_525_0002_V1, evaluation }]);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemeDefinitionError);
    return (error as SchemeDefinitionError).problems;
  }
  return [];
};

const dimension = (evaluation: EvaluationScheme, code: string): DimensionDefinition =>
  evaluation.dimensions.find((d) => d.dimension === code) as DimensionDefinition;

describe('CMM-525-0002 V1.0 indicator system (§13.1, Annex C, Annex D)', () => {
  it('R-SCORE-1 ships the four dimensions of §13.1.1 with their 17 Annex D sheets and 45 items', () => {
    expect(V1.dimensions.map((d) => [d.dimension, d.code, d.label.zh, d.sheets.length])).toEqual([
      ['STRATEGY', 'C.1', '战略规划', 3],
      ['CAPABILITY', 'C.2', '能力建设', 6],
      ['OPERATIONS', 'C.3', '多元化运营', 6],
      ['MULTIMODAL', 'C.4', '多模态交互', 2],
    ]);
    // 3 + 6 + 6 + 2 sheets; 11 + 16 + 13 + 5 items
    expect(V1.dimensions.flatMap((d) => d.sheets.map((s) => s.code))).toHaveLength(17);
    expect(managementItems(V1)).toHaveLength(45);
  });

  it.each([
    ['D.1.1', '战略目标', 30, [10, 8, 7, 5]],
    ['D.1.2', '规划重点', 40, [12, 10, 10, 8]],
    ['D.1.3', '实施计划', 30, [10, 10, 10]],
    ['D.2.1', '组织能力', 15, [5, 5, 5]],
    ['D.2.2', '数据能力', 20, [8, 7, 5]],
    ['D.2.3', '知识应用', 15, [6, 6, 3]],
    ['D.2.4', '智能应用', 25, [10, 8, 7]],
    ['D.2.5', '业务能力', 15, [8, 7]],
    ['D.2.6', '技术能力', 10, [5, 5]],
    ['D.3.1', '能力匹配', 15, [8, 7]],
    ['D.3.2', '客户体验', 25, [10, 10, 5]],
    ['D.3.3', '运营计划', 15, [8, 7]],
    ['D.3.4', '流程管理', 20, [10, 10]],
    ['D.3.5', '质量管理', 15, [8, 7]],
    ['D.3.6', '绩效管理', 10, [5, 5]],
    ['D.4.1', '多媒体应用', 60, [20, 20, 20]],
    ['D.4.2', '实体服务一体化', 40, [20, 20]],
  ])('R-SCORE-1 sheet %s %s is worth %i: item maxima %j (the §13.1.1 weights)', (code, zh, max, maxima) => {
    const sheet = V1.dimensions.flatMap((d) => d.sheets).find((s) => s.code === code);
    expect(sheet).toMatchObject({ label: { zh }, max });
    expect(sheet?.items.map((i) => i.max)).toEqual(maxima);
  });

  it('R-SCORE-1 D.1.1 carries the Annex D items with their content; the rule gives none for other sheets', () => {
    const [goals] = dimension(V1, 'STRATEGY').sheets;
    expect(goals.items.map((i) => [i.code, i.label.zh, i.max, i.content])).toEqual([
      ['STRATEGY.GOALS.CLARITY', '目标明确性', 10, '智能客户服务的战略目标明确、具体，符合组织的发展战略'],
      ['STRATEGY.GOALS.MEASURABILITY', '目标可衡量性', 8, '战略目标具有可衡量性，能够通过具体指标进行评估'],
      ['STRATEGY.GOALS.ACHIEVABILITY', '目标可实现性', 7, '战略目标具有可实现性，考虑组织的实际能力和资源'],
      ['STRATEGY.GOALS.RELEVANCE', '目标相关性', 5, '战略目标与组织的业务目标和客户需求相关'],
    ]);
    const others = managementItems(V1).filter(({ sheet }) => sheet.code !== 'D.1.1');
    expect(others.every(({ item }) => item.content === null)).toBe(true);
  });

  it('R-SCORE-2 carries the C.5 weights 0.20 / 0.35 / 0.35 / 0.10', () => {
    expect(V1.dimensions.map((d) => d.compositeWeight)).toEqual([0.2, 0.35, 0.35, 0.1]);
  });

  it('R-SCORE-3 ships the §13.1.2 enhancement items (innovation 3+2+2, sustainability 2+2+1), added capped at 100', () => {
    expect(enhancementItems(V1).map(({ item }) => [item.code, item.label.zh, item.max])).toEqual([
      ['INNOVATION.TECHNOLOGY', '技术创新能力', 3],
      ['INNOVATION.SERVICE', '服务创新能力', 2],
      ['INNOVATION.MANAGEMENT', '管理创新能力', 2],
      ['SUSTAINABILITY.PLANNING', '可持续发展规划', 2],
      ['SUSTAINABILITY.IMPLEMENTATION', '可持续发展实施', 2],
      ['SUSTAINABILITY.EFFECT', '可持续发展效果', 1],
    ]);
    expect(V1.enhancementPolicy).toBe('ADD_CAPPED_AT_100');
  });

  it('R-SCORE-4 R-SCORE-5 ships the conformity items, the §5.1.1 characteristics and the §5.1.2 methods', () => {
    expect(V1.conformityItems.map((c) => [c.code, c.label.zh, c.clause])).toEqual([
      ['STAFF_MANAGEMENT', '员工管理要求', '§11.7'],
      ['DATA_SECURITY_MANAGEMENT', '数据安全管理要求', '§11.8'],
    ]);
    expect(V1.characteristics.map((c) => [c.characteristic, c.aspects.map((a) => a.zh)])).toEqual([
      ['SERVICE_CAPABILITY', ['响应速度', '解决效率', '服务覆盖', '服务连续性']],
      ['SUBSTITUTION_CAPABILITY', ['替代比例', '替代效果', '学习能力', '适应性']],
      ['BUSINESS_CAPABILITY', ['业务整合', '交易处理', '数据分析', '价值创造']],
      ['CUSTOMER_EXPERIENCE', ['体验一致性', '个性化服务', '满意度', '忠诚度']],
    ]);
    expect(V1.testMethods.map((m) => [m.code, m.label.zh])).toEqual([
      ['DOCUMENT_REVIEW', '文档审查'],
      ['ON_SITE_OBSERVATION', '现场观察'],
      ['SYSTEM_TEST', '系统测试'],
      ['DATA_ANALYSIS', '数据分析'],
    ]);
  });

  it('R-SCORE-1 every item has a unique hierarchical code under its dimension or group, and both labels', () => {
    const codes = [...managementItems(V1), ...enhancementItems(V1)].map(({ item }) => item.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { item, dimension: d } of managementItems(V1)) {
      expect(item.code.startsWith(`${d.dimension}.`)).toBe(true);
      expect(item.label.en.length).toBeGreaterThan(0);
    }
  });
});

describe('load-time check of the indicator system (R-SCHEME-1, R-SCORE-1…5)', () => {
  it('accepts the shipped V1.0', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  it('R-SCORE-1 refuses a dimension whose sheet maxima do not add up to 100, naming the dimension', () => {
    const problems = problemsOf((e) => {
      const goals = dimension(e, 'STRATEGY').sheets[0];
      goals.max = 25; // 25 + 40 + 30 = 95
      goals.items[0].max = 5; // 5 + 8 + 7 + 5 = 25: the sheet itself is consistent
    });
    expect(problems).toEqual([
      '[0] evaluation.dimensions[STRATEGY]: sheet maxima add up to 95, expected 100',
    ]);
  });

  it('R-SCORE-1 refuses a sheet whose item maxima do not add up to the sheet maximum', () => {
    const problems = problemsOf((e) => {
      dimension(e, 'CAPABILITY').sheets[1].items[2].max = 4; // D.2.2: 8 + 7 + 4 = 19
    });
    expect(problems).toEqual([
      '[0] evaluation.dimensions[CAPABILITY].sheets[D.2.2]: item maxima add up to 19, expected 20',
    ]);
  });

  it('R-SCORE-2 refuses composite weights that do not add up to 1, naming each dimension and weight', () => {
    const problems = problemsOf((e) => {
      dimension(e, 'MULTIMODAL').compositeWeight = 0.15; // 0.20 + 0.35 + 0.35 + 0.15 = 1.05
    });
    expect(problems).toEqual([
      '[0] evaluation.dimensions: composite weights add up to 1.05 ' +
        '(STRATEGY 0.2 + CAPABILITY 0.35 + OPERATIONS 0.35 + MULTIMODAL 0.15), expected 1',
    ]);
    expect(() =>
      SchemeCatalogue.load([{ ...CMM_525_0002_V1, evaluation: { ...V1, dimensions: [] } }]),
    ).toThrow(/evaluation\.dimensions/);
  });

  it('R-SCORE-2 accepts weights whose binary sum is not exactly 1 (0.1 + 0.2 + 0.3 + 0.4)', () => {
    const problems = problemsOf((e) => {
      e.dimensions.forEach((d, i) => (d.compositeWeight = [0.1, 0.2, 0.3, 0.4][i]));
    });
    expect(problems).toEqual([]);
  });

  it('lists every problem at once, each naming its entry', () => {
    const problems = problemsOf((e) => {
      e.dimensions[3] = { ...e.dimensions[1] }; // CAPABILITY twice, MULTIMODAL missing
      const goals = e.dimensions[0].sheets[0];
      goals.items[1] = { ...goals.items[0] }; // STRATEGY.GOALS.CLARITY twice
      goals.items[3].max = -5; // negative maximum (the sheet's sum is not checked on top of it)
      e.enhancement[1].items[0].max = 0;
      (e as { enhancementPolicy: string }).enhancementPolicy = 'ADD_UNCAPPED';
      e.characteristics.pop();
      e.conformityItems = [e.conformityItems[0], e.conformityItems[0]];
    });
    expect(problems).toEqual([
      '[0] evaluation.dimensions: CAPABILITY is given 2 times',
      '[0] evaluation.dimensions: MULTIMODAL is missing',
      '[0] evaluation.dimensions[STRATEGY].sheets[D.1.1].items[STRATEGY.GOALS.RELEVANCE].max: expected a positive number with at most 2 decimals',
      // 0.20 + 0.35 + 0.35 + 0.35 = 1.25
      '[0] evaluation.dimensions: composite weights add up to 1.25 ' +
        '(STRATEGY 0.2 + CAPABILITY 0.35 + OPERATIONS 0.35 + CAPABILITY 0.35), expected 1',
      '[0] evaluation.enhancement[SUSTAINABILITY].items[SUSTAINABILITY.PLANNING].max: expected a positive number with at most 2 decimals',
      '[0] evaluation: item code STRATEGY.GOALS.CLARITY is used 2 times',
      '[0] evaluation: item code CAPABILITY.ORGANISATION.STRUCTURE is used 2 times',
      '[0] evaluation: item code CAPABILITY.ORGANISATION.RESPONSIBILITIES is used 2 times',
      '[0] evaluation: item code CAPABILITY.ORGANISATION.TEAMWORK is used 2 times',
      '[0] evaluation: item code CAPABILITY.DATA.MANAGEMENT is used 2 times',
      '[0] evaluation: item code CAPABILITY.DATA.APPLICATION is used 2 times',
      '[0] evaluation: item code CAPABILITY.DATA.SECURITY is used 2 times',
      '[0] evaluation: item code CAPABILITY.KNOWLEDGE.MANAGEMENT is used 2 times',
      '[0] evaluation: item code CAPABILITY.KNOWLEDGE.APPLICATION is used 2 times',
      '[0] evaluation: item code CAPABILITY.KNOWLEDGE.INNOVATION is used 2 times',
      '[0] evaluation: item code CAPABILITY.INTELLIGENCE.TECHNOLOGY_APPLICATION is used 2 times',
      '[0] evaluation: item code CAPABILITY.INTELLIGENCE.SYSTEM_PERFORMANCE is used 2 times',
      '[0] evaluation: item code CAPABILITY.INTELLIGENCE.INNOVATION is used 2 times',
      '[0] evaluation: item code CAPABILITY.BUSINESS.PROCESSING is used 2 times',
      '[0] evaluation: item code CAPABILITY.BUSINESS.SERVICE is used 2 times',
      '[0] evaluation: item code CAPABILITY.TECHNOLOGY.ARCHITECTURE is used 2 times',
      '[0] evaluation: item code CAPABILITY.TECHNOLOGY.APPLICATION is used 2 times',
      '[0] evaluation: sheet code D.2.1 is used 2 times',
      '[0] evaluation: sheet code D.2.2 is used 2 times',
      '[0] evaluation: sheet code D.2.3 is used 2 times',
      '[0] evaluation: sheet code D.2.4 is used 2 times',
      '[0] evaluation: sheet code D.2.5 is used 2 times',
      '[0] evaluation: sheet code D.2.6 is used 2 times',
      '[0] evaluation.conformityItems: STAFF_MANAGEMENT is given 2 times',
      '[0] evaluation.conformityItems: DATA_SECURITY_MANAGEMENT is missing',
      '[0] evaluation.characteristics: CUSTOMER_EXPERIENCE is missing',
      '[0] evaluation.enhancementPolicy: expected ADD_CAPPED_AT_100 or SEPARATE',
    ]);
  });

  it('refuses a scheme version without an indicator system', () => {
    const { evaluation: _none, ...withoutEvaluation } = CMM_525_0002_V1;
    expect(() => SchemeCatalogue.load([withoutEvaluation])).toThrow(
      '[0] evaluation: expected the indicator system of the scheme version',
    );
  });

  it('refuses codes that are not hierarchical under their dimension or group, and empty lists', () => {
    const problems = problemsOf((e) => {
      dimension(e, 'OPERATIONS').sheets[0].items[0].code = 'STRATEGY.MATCHING.X';
      e.enhancement[0].items = [];
      e.testMethods = [];
    });
    expect(problems).toEqual([
      '[0] evaluation.dimensions[OPERATIONS].sheets[D.3.1].items[STRATEGY.MATCHING.X].code: expected an upper-case dotted code starting with OPERATIONS.',
      '[0] evaluation.enhancement[INNOVATION].items: expected a non-empty list',
      '[0] evaluation.testMethods: expected a non-empty list',
      '[0] evaluation.testMethods: DOCUMENT_REVIEW is missing',
      '[0] evaluation.testMethods: ON_SITE_OBSERVATION is missing',
      '[0] evaluation.testMethods: SYSTEM_TEST is missing',
      '[0] evaluation.testMethods: DATA_ANALYSIS is missing',
    ]);
  });
});
