import { CMM_525_0002_V1_EVALUATION } from './cmm-525-0002.v1.evaluation';
import type { SchemeVersion } from './scheme-definition';

/** CMM-525-0002 V1.0 with the defaults of domain-rules.md. */
export const CMM_525_0002_V1: SchemeVersion = {
  id: 'CMM-525-0002@V1.0',
  ruleCode: 'CMM-525-0002',
  version: 'V1.0',
  standard: 'GB/T 43045.1-2023',
  effectiveFrom: '2025-01-01',
  statedValidUntil: '2025-05-20',
  status: 'ACTIVE',
  certificationBody: '北京希莫认证服务有限公司',
  eligibility: { minManagementSystemMonths: 3, violationLookbackMonths: 12, sanctionLookbackMonths: 12 },
  acceptanceWorkingDays: 5,
  decisionNoticeWorkingDays: 5,
  auditDays: {
    INITIAL: { min: 3, max: 5 },
    RECERTIFICATION: { min: 3, max: 5 },
    SURVEILLANCE: { min: 1, max: 2 },
    SPECIAL_SURVEILLANCE: { min: 1, max: 2 },
  },
  nonconformityDueDays: 90,
  majorNonconformityMaxMonths: 6,
  conditionalGrantDeadlineDays: 90,
  certificateValidityYears: 3,
  certificateNumberFormat: 'CMM-ICS-{year}-{seq:5}',
  maxSuspensionMonths: 6,
  revocationAppealWindowDays: 30,
  recertificationWindowMonths: 3,
  surveillanceIntervalMonths: 12,
  passThreshold: null,
  evaluation: CMM_525_0002_V1_EVALUATION,
};
