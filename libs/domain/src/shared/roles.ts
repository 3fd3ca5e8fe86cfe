/** Roles of domain-rules §1. A user acts in one role per command. */
export const ROLES = [
  'INTAKE_OFFICER', // 受理审查员
  'PROGRAMME_MANAGER', // 审核方案管理员
  'AUDITOR', // 审核员 / 审核组长
  'TECHNICAL_REVIEWER', // 技术委员会委员
  'DECISION_MAKER', // 认证决定人员
  'REGISTRY_OFFICER', // 证书管理员
  'REGULATOR', // 监管人员
  'ADMIN', // 系统管理员
  'SYSTEM', // timers only
] as const;
export type Role = (typeof ROLES)[number];

/** Who caused an event (R-ACT-1). */
export interface Actor {
  id: string;
  role: Role;
}
