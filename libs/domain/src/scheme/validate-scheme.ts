import { AUDIT_TYPES } from '../audit/audit-type';
import { isIsoDate } from '../shared/calendar';
import { validateEvaluationScheme } from './validate-evaluation-scheme';

type Check = (value: unknown) => boolean;
const positiveInt: Check = (v) => Number.isInteger(v) && (v as number) > 0;
const nonEmpty: Check = (v) => typeof v === 'string' && v.trim().length > 0;

const required: Record<string, Check> = {
  id: nonEmpty,
  ruleCode: nonEmpty,
  version: nonEmpty,
  standard: nonEmpty,
  effectiveFrom: isIsoDate,
  certificationBody: nonEmpty,
  'eligibility.minManagementSystemMonths': positiveInt,
  'eligibility.violationLookbackMonths': positiveInt,
  'eligibility.sanctionLookbackMonths': positiveInt,
  acceptanceWorkingDays: positiveInt,
  decisionNoticeWorkingDays: positiveInt,
  nonconformityDueDays: positiveInt,
  majorNonconformityMaxMonths: positiveInt,
  conditionalGrantDeadlineDays: positiveInt,
  certificateValidityYears: positiveInt,
  maxSuspensionMonths: positiveInt,
  revocationAppealWindowDays: positiveInt,
  recertificationWindowMonths: positiveInt,
  surveillanceIntervalMonths: positiveInt,
};

const at = (obj: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );

/** Every problem of one scheme version, as `path: what is wrong`. Empty when valid. */
export const validateSchemeVersion = (raw: unknown): string[] => {
  if (!raw || typeof raw !== 'object') return ['expected an object'];
  const problems = Object.entries(required)
    .filter(([path, check]) => !check(at(raw, path)))
    .map(([path]) => `${path}: invalid value ${JSON.stringify(at(raw, path))}`);

  const v = raw as Record<string, unknown>;
  if (v.statedValidUntil !== null && !isIsoDate(v.statedValidUntil))
    problems.push('statedValidUntil: expected a date or null');
  if (v.status !== 'ACTIVE' && v.status !== 'RETIRED') problems.push('status: expected ACTIVE or RETIRED');
  if (
    v.passThreshold !== null &&
    !(typeof v.passThreshold === 'number' && v.passThreshold >= 0 && v.passThreshold <= 100)
  ) {
    problems.push('passThreshold: expected null or a number from 0 to 100');
  }
  const format = v.certificateNumberFormat;
  if (typeof format !== 'string' || !format.includes('{year}') || !/\{seq:\d+\}/.test(format)) {
    problems.push('certificateNumberFormat: must contain {year} and {seq:N}');
  }
  for (const type of AUDIT_TYPES) {
    const range = at(raw, `auditDays.${type}`) as { min?: unknown; max?: unknown } | undefined;
    if (
      !range ||
      !positiveInt(range.min) ||
      !positiveInt(range.max) ||
      (range.min as number) > (range.max as number)
    ) {
      problems.push(`auditDays.${type}: expected {min, max} positive integers with min <= max`);
    }
  }
  problems.push(...validateEvaluationScheme(v.evaluation));
  return problems;
};
