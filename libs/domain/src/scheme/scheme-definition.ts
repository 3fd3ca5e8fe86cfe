import type { AuditType } from '../audit/audit-type';
import type { EvaluationScheme } from './evaluation-scheme';

/** A range of on-site audit days (R-AUD-1). */
export interface DayRange {
  min: number;
  max: number;
}

/**
 * One version of the certification rule with every scheme parameter (R-SCHEME-1).
 * Deciders read parameters from here, never from constants in code.
 */
export interface SchemeVersion {
  /** e.g. `CMM-525-0002@V1.0`: the reference stored on applications, decisions and certificates. */
  id: string;
  ruleCode: string;
  version: string;
  standard: string;
  effectiveFrom: string;
  /** The validity printed in the rule text, kept for reference. */
  statedValidUntil: string | null;
  /** A retired version accepts no new applications; files already under it keep their terms. */
  status: 'ACTIVE' | 'RETIRED';
  certificationBody: string;
  eligibility: {
    /** R-APP-3: management system in operation for at least this many months. */
    minManagementSystemMonths: number;
    /** R-APP-3: no major violation declared within this many months. */
    violationLookbackMonths: number;
    /** R-APP-3: no own-fault suspension or revocation within this many months. */
    sanctionLookbackMonths: number;
  };
  /** R-APP-4 / R-AUD-8: working-day service levels. */
  acceptanceWorkingDays: number;
  decisionNoticeWorkingDays: number;
  /** R-AUD-1 */
  auditDays: Record<AuditType, DayRange>;
  /** R-AUD-3: default due date of a nonconformity, in days from the last audit day. */
  nonconformityDueDays: number;
  /** R-AUD-4: a MAJOR nonconformity is verified within this many months of the last audit day. */
  majorNonconformityMaxMonths: number;
  /** R-AUD-7: deadline of a conditional grant, in days from the decision. */
  conditionalGrantDeadlineDays: number;
  /** R-CERT-2 */
  certificateValidityYears: number;
  /** R-CERT-1: `{year}` and `{seq:N}` (zero-padded to N digits) are substituted. */
  certificateNumberFormat: string;
  /** R-CERT-5 */
  maxSuspensionMonths: number;
  /** R-CERT-7 */
  revocationAppealWindowDays: number;
  /** R-CERT-9 */
  recertificationWindowMonths: number;
  /** R-TIME-2 */
  surveillanceIntervalMonths: number;
  /** R-SCORE-6: composite score below which GRANT and RENEW are refused; null = no threshold. */
  passThreshold: number | null;
  /** R-SCORE-1…5, R-SCORE-7: the indicator system, weights and score sheets of this version. */
  evaluation: EvaluationScheme;
}
