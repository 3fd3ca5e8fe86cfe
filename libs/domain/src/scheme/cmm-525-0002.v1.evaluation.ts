import type { EvaluationScheme, Label, ScoreItem, ScoreSheet } from './evaluation-scheme';

/*
 * The indicator system of CMM-525-0002 V1.0 as data: §13.1.1 (management indicators: 一级指标 = dimension,
 * 二级指标 = Annex D score sheet, 三级指标 = item, max = weight), Annex C (C.5 composite weights), §13.1.2
 * (enhancement indicators), §11.7/§11.8 (conformity items, Decision Q17) and §5.1 (characteristics, methods).
 * Chinese labels are the rule's words; only D.1.1 has 评价内容 text in Annex D, every other item's content is null.
 */

const label = (zh: string, en: string): Label => ({ zh, en });

const item = (
  code: string,
  zh: string,
  en: string,
  max: number,
  content: string | null = null,
): ScoreItem => ({
  code,
  label: label(zh, en),
  max,
  content,
});

const sheet = (code: string, zh: string, en: string, max: number, items: ScoreItem[]): ScoreSheet => ({
  code,
  label: label(zh, en),
  max,
  items,
});

export const CMM_525_0002_V1_EVALUATION: EvaluationScheme = {
  dimensions: [
    {
      dimension: 'STRATEGY',
      code: 'C.1',
      label: label('战略规划', 'Strategic planning'),
      compositeWeight: 0.2,
      sheets: [
        sheet('D.1.1', '战略目标', 'Strategic goals', 30, [
          item(
            'STRATEGY.GOALS.CLARITY',
            '目标明确性',
            'Clarity of goals',
            10,
            '智能客户服务的战略目标明确、具体，符合组织的发展战略',
          ),
          item(
            'STRATEGY.GOALS.MEASURABILITY',
            '目标可衡量性',
            'Measurability of goals',
            8,
            '战略目标具有可衡量性，能够通过具体指标进行评估',
          ),
          item(
            'STRATEGY.GOALS.ACHIEVABILITY',
            '目标可实现性',
            'Achievability of goals',
            7,
            '战略目标具有可实现性，考虑组织的实际能力和资源',
          ),
          item(
            'STRATEGY.GOALS.RELEVANCE',
            '目标相关性',
            'Relevance of goals',
            5,
            '战略目标与组织的业务目标和客户需求相关',
          ),
        ]),
        sheet('D.1.2', '规划重点', 'Planning priorities', 40, [
          item(
            'STRATEGY.PRIORITIES.CUSTOMER_EXPERIENCE',
            '客户体验导向',
            'Customer-experience orientation',
            12,
          ),
          item(
            'STRATEGY.PRIORITIES.TECHNOLOGY_INNOVATION',
            '技术创新驱动',
            'Driven by technological innovation',
            10,
          ),
          item('STRATEGY.PRIORITIES.SERVICE_QUALITY', '服务质量提升', 'Improvement of service quality', 10),
          item(
            'STRATEGY.PRIORITIES.OPERATIONAL_EFFICIENCY',
            '运营效率优化',
            'Optimisation of operational efficiency',
            8,
          ),
        ]),
        sheet('D.1.3', '实施计划', 'Implementation plan', 30, [
          item('STRATEGY.PLAN.SPECIFICITY', '计划具体性', 'Specificity of the plan', 10),
          item('STRATEGY.PLAN.FEASIBILITY', '计划可行性', 'Feasibility of the plan', 10),
          item('STRATEGY.PLAN.COORDINATION', '计划协调性', 'Coordination of the plan', 10),
        ]),
      ],
    },
    {
      dimension: 'CAPABILITY',
      code: 'C.2',
      label: label('能力建设', 'Capability building'),
      compositeWeight: 0.35,
      sheets: [
        sheet('D.2.1', '组织能力', 'Organisational capability', 15, [
          item(
            'CAPABILITY.ORGANISATION.STRUCTURE',
            '组织架构合理性',
            'Soundness of the organisational structure',
            5,
          ),
          item('CAPABILITY.ORGANISATION.RESPONSIBILITIES', '职责明确性', 'Clarity of responsibilities', 5),
          item('CAPABILITY.ORGANISATION.TEAMWORK', '团队协作性', 'Teamwork', 5),
        ]),
        sheet('D.2.2', '数据能力', 'Data capability', 20, [
          item('CAPABILITY.DATA.MANAGEMENT', '数据管理能力', 'Data management capability', 8),
          item('CAPABILITY.DATA.APPLICATION', '数据应用能力', 'Data application capability', 7),
          item('CAPABILITY.DATA.SECURITY', '数据安全能力', 'Data security capability', 5),
        ]),
        sheet('D.2.3', '知识应用', 'Knowledge application', 15, [
          item('CAPABILITY.KNOWLEDGE.MANAGEMENT', '知识管理能力', 'Knowledge management capability', 6),
          item('CAPABILITY.KNOWLEDGE.APPLICATION', '知识应用能力', 'Knowledge application capability', 6),
          item('CAPABILITY.KNOWLEDGE.INNOVATION', '知识创新能力', 'Knowledge innovation capability', 3),
        ]),
        sheet('D.2.4', '智能应用', 'Intelligent application', 25, [
          item(
            'CAPABILITY.INTELLIGENCE.TECHNOLOGY_APPLICATION',
            '技术应用能力',
            'Technology application capability',
            10,
          ),
          item('CAPABILITY.INTELLIGENCE.SYSTEM_PERFORMANCE', '系统性能', 'System performance', 8),
          item('CAPABILITY.INTELLIGENCE.INNOVATION', '创新能力', 'Innovation capability', 7),
        ]),
        sheet('D.2.5', '业务能力', 'Business capability', 15, [
          item('CAPABILITY.BUSINESS.PROCESSING', '业务处理能力', 'Business processing capability', 8),
          item('CAPABILITY.BUSINESS.SERVICE', '服务能力', 'Service capability', 7),
        ]),
        sheet('D.2.6', '技术能力', 'Technical capability', 10, [
          item(
            'CAPABILITY.TECHNOLOGY.ARCHITECTURE',
            '技术架构合理性',
            'Soundness of the technical architecture',
            5,
          ),
          item('CAPABILITY.TECHNOLOGY.APPLICATION', '技术应用能力', 'Technology application capability', 5),
        ]),
      ],
    },
    {
      dimension: 'OPERATIONS',
      code: 'C.3',
      label: label('多元化运营', 'Diversified operations'),
      compositeWeight: 0.35,
      sheets: [
        sheet('D.3.1', '能力匹配', 'Capability matching', 15, [
          item(
            'OPERATIONS.MATCHING.ASSESSMENT_ACCURACY',
            '能力评估准确性',
            'Accuracy of capability assessment',
            8,
          ),
          item('OPERATIONS.MATCHING.DEMAND_FIT', '需求匹配度', 'Degree of match with demand', 7),
        ]),
        sheet('D.3.2', '客户体验', 'Customer experience', 25, [
          item('OPERATIONS.EXPERIENCE.DESIGN', '体验设计合理性', 'Soundness of experience design', 10),
          item(
            'OPERATIONS.EXPERIENCE.MANAGEMENT',
            '体验管理有效性',
            'Effectiveness of experience management',
            10,
          ),
          item('OPERATIONS.EXPERIENCE.SATISFACTION', '体验满意度', 'Experience satisfaction', 5),
        ]),
        sheet('D.3.3', '运营计划', 'Operations plan', 15, [
          item('OPERATIONS.PLAN.QUALITY', '计划制定质量', 'Quality of plan making', 8),
          item('OPERATIONS.PLAN.EFFECT', '计划实施效果', 'Effect of plan implementation', 7),
        ]),
        sheet('D.3.4', '流程管理', 'Process management', 20, [
          item('OPERATIONS.PROCESS.DESIGN', '流程设计合理性', 'Soundness of process design', 10),
          item('OPERATIONS.PROCESS.EFFECT', '流程实施效果', 'Effect of process implementation', 10),
        ]),
        sheet('D.3.5', '质量管理', 'Quality management', 15, [
          item('OPERATIONS.QUALITY.STANDARDS', '质量标准合理性', 'Soundness of quality standards', 8),
          item('OPERATIONS.QUALITY.CONTROL', '质量控制有效性', 'Effectiveness of quality control', 7),
        ]),
        sheet('D.3.6', '绩效管理', 'Performance management', 10, [
          item(
            'OPERATIONS.PERFORMANCE.INDICATORS',
            '绩效指标科学性',
            'Scientific soundness of performance indicators',
            5,
          ),
          item(
            'OPERATIONS.PERFORMANCE.ASSESSMENT',
            '绩效评估有效性',
            'Effectiveness of performance assessment',
            5,
          ),
        ]),
      ],
    },
    {
      dimension: 'MULTIMODAL',
      code: 'C.4',
      label: label('多模态交互', 'Multimodal interaction'),
      compositeWeight: 0.1,
      sheets: [
        sheet('D.4.1', '多媒体应用', 'Multimedia application', 60, [
          item('MULTIMODAL.MULTIMEDIA.DESIGN', '应用设计合理性', 'Soundness of application design', 20),
          item('MULTIMODAL.MULTIMEDIA.EFFECT', '应用实施效果', 'Effect of application implementation', 20),
          item('MULTIMODAL.MULTIMEDIA.INNOVATION', '应用创新性', 'Innovativeness of application', 20),
        ]),
        sheet('D.4.2', '实体服务一体化', 'Integration with physical services', 40, [
          item('MULTIMODAL.INTEGRATION.DESIGN', '一体化设计合理性', 'Soundness of integration design', 20),
          item('MULTIMODAL.INTEGRATION.EFFECT', '一体化实施效果', 'Effect of integration implementation', 20),
        ]),
      ],
    },
  ],
  enhancement: [
    {
      code: 'INNOVATION',
      label: label('创新能力指标', 'Innovation capability indicators'),
      items: [
        item('INNOVATION.TECHNOLOGY', '技术创新能力', 'Technological innovation capability', 3),
        item('INNOVATION.SERVICE', '服务创新能力', 'Service innovation capability', 2),
        item('INNOVATION.MANAGEMENT', '管理创新能力', 'Management innovation capability', 2),
      ],
    },
    {
      code: 'SUSTAINABILITY',
      label: label('可持续发展指标', 'Sustainable development indicators'),
      items: [
        item('SUSTAINABILITY.PLANNING', '可持续发展规划', 'Sustainable development planning', 2),
        item('SUSTAINABILITY.IMPLEMENTATION', '可持续发展实施', 'Sustainable development implementation', 2),
        item('SUSTAINABILITY.EFFECT', '可持续发展效果', 'Sustainable development effect', 1),
      ],
    },
  ],
  conformityItems: [
    {
      code: 'STAFF_MANAGEMENT',
      label: label('员工管理要求', 'Staff management requirements'),
      clause: '§11.7',
    },
    {
      code: 'DATA_SECURITY_MANAGEMENT',
      label: label('数据安全管理要求', 'Data security management requirements'),
      clause: '§11.8',
    },
  ],
  characteristics: [
    {
      characteristic: 'SERVICE_CAPABILITY',
      label: label('服务能力特性', 'Service capability'),
      clause: '§5.1.1',
      aspects: [
        label('响应速度', 'Response speed'),
        label('解决效率', 'Resolution efficiency'),
        label('服务覆盖', 'Service coverage'),
        label('服务连续性', 'Service continuity'),
      ],
    },
    {
      characteristic: 'SUBSTITUTION_CAPABILITY',
      label: label('替代能力特性', 'Substitution capability'),
      clause: '§5.1.1',
      aspects: [
        label('替代比例', 'Substitution rate'),
        label('替代效果', 'Substitution effect'),
        label('学习能力', 'Learning capability'),
        label('适应性', 'Adaptability'),
      ],
    },
    {
      characteristic: 'BUSINESS_CAPABILITY',
      label: label('经营能力特性', 'Business capability'),
      clause: '§5.1.1',
      aspects: [
        label('业务整合', 'Business integration'),
        label('交易处理', 'Transaction processing'),
        label('数据分析', 'Data analysis'),
        label('价值创造', 'Value creation'),
      ],
    },
    {
      characteristic: 'CUSTOMER_EXPERIENCE',
      label: label('客户体验特性', 'Customer experience'),
      clause: '§5.1.1',
      aspects: [
        label('体验一致性', 'Consistency of experience'),
        label('个性化服务', 'Personalised service'),
        label('满意度', 'Satisfaction'),
        label('忠诚度', 'Loyalty'),
      ],
    },
  ],
  testMethods: [
    { code: 'DOCUMENT_REVIEW', label: label('文档审查', 'Document review') },
    { code: 'ON_SITE_OBSERVATION', label: label('现场观察', 'On-site observation') },
    { code: 'SYSTEM_TEST', label: label('系统测试', 'System testing') },
    { code: 'DATA_ANALYSIS', label: label('数据分析', 'Data analysis') },
  ],
  enhancementPolicy: 'ADD_CAPPED_AT_100',
};
