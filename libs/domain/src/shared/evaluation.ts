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

/**
 * The evaluation results a certificate shows (§7.2.2), as recorded on the audit's score sheets.
 * A certificate keeps the results it was granted on (R-SCORE-7).
 */
export interface EvaluationResults {
  characteristics: Record<ServiceCharacteristic, number>;
  management: Record<ManagementDimension, number>;
  composite: number;
}
