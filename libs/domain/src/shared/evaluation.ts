/** Service characteristics of §5.1.1 (服务能力, 替代能力, 经营能力, 客户体验). */
export const SERVICE_CHARACTERISTICS = [
  'SERVICE_CAPABILITY',
  'SUBSTITUTION_CAPABILITY',
  'BUSINESS_CAPABILITY',
  'CUSTOMER_EXPERIENCE',
] as const;
export type ServiceCharacteristic = (typeof SERVICE_CHARACTERISTICS)[number];

/** Management dimensions of §13.1.1 (战略规划, 能力建设, 多元化运营, 多模态交互). */
export const MANAGEMENT_DIMENSIONS = ['STRATEGY', 'CAPABILITY', 'OPERATIONS', 'MULTIMODAL'] as const;
export type ManagementDimension = (typeof MANAGEMENT_DIMENSIONS)[number];

/** Test methods of §5.1.2 (文档审查, 现场观察, 系统测试, 数据分析). */
export const TEST_METHODS = [
  'DOCUMENT_REVIEW',
  'ON_SITE_OBSERVATION',
  'SYSTEM_TEST',
  'DATA_ANALYSIS',
] as const;
export type TestMethod = (typeof TEST_METHODS)[number];

/** Enhancement indicator groups of §13.1.2 (创新能力指标, 可持续发展指标). */
export const ENHANCEMENT_GROUP_CODES = ['INNOVATION', 'SUSTAINABILITY'] as const;
export type EnhancementGroupCode = (typeof ENHANCEMENT_GROUP_CODES)[number];

/** R-SCORE-4 (Decision Q17): 员工管理 (§11.7) and 数据安全管理 (§11.8), assessed conform / nonconform, not scored. */
export const CONFORMITY_ITEM_CODES = ['STAFF_MANAGEMENT', 'DATA_SECURITY_MANAGEMENT'] as const;
export type ConformityItemCode = (typeof CONFORMITY_ITEM_CODES)[number];

export const CONFORMITY_RESULTS = ['CONFORM', 'NONCONFORM'] as const;
export type ConformityResult = (typeof CONFORMITY_RESULTS)[number];

/**
 * R-SCORE-3: how the enhancement indicators meet the composite. ADD_CAPPED_AT_100 (Decision Q16, shipped):
 * total = min(100, composite + enhancement); SEPARATE: total = composite, enhancement reported beside it.
 */
export const ENHANCEMENT_POLICIES = ['ADD_CAPPED_AT_100', 'SEPARATE'] as const;
export type EnhancementPolicy = (typeof ENHANCEMENT_POLICIES)[number];

/**
 * The evaluation results a certificate shows (§7.2.2), computed from the audit's score sheet under the audit's
 * scheme version. A certificate keeps the results it was granted on (R-SCORE-7). Scores are in points with at
 * most 2 decimals.
 */
export interface EvaluationResults {
  /** R-SCORE-7 / R-SCHEME-1: the scheme version whose items and weights produced these results. */
  schemeVersion: string;
  /** R-SCORE-5: per characteristic, 0–100, as recorded. */
  characteristics: Record<ServiceCharacteristic, number>;
  /** R-SCORE-5: the §5.1.2 test methods each characteristic was assessed with. */
  characteristicMethods: Record<ServiceCharacteristic, TestMethod[]>;
  /** R-SCORE-1: per dimension, 0–100 (rescaled when items are not applicable), rounded to 2 decimals. */
  management: Record<ManagementDimension, number>;
  /** Sum of the applicable item scores of each Annex D sheet, keyed by sheet code (`D.1.1`). */
  sheets: Record<string, number>;
  /** R-SCORE-2: Σ dimension × weight (C.5), rounded half up to 2 decimals once, at the end. */
  composite: number;
  /** R-SCORE-3: §13.1.2 enhancement points per group and in total. */
  enhancement: { groups: Record<EnhancementGroupCode, number>; total: number };
  enhancementPolicy: EnhancementPolicy;
  /** R-SCORE-3: min(100, composite + enhancement) under ADD_CAPPED_AT_100; the composite under SEPARATE. */
  total: number;
  /** R-SCORE-4 */
  conformity: Record<ConformityItemCode, ConformityResult>;
  /** Management items recorded as not applicable, with the auditor's reason, in scheme order. */
  notApplicable: { item: string; reason: string }[];
}
