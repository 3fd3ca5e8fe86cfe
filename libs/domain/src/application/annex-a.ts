import { isIsoDate } from '../shared/calendar';
import { MANAGEMENT_DIMENSIONS, type ManagementDimension } from '../shared/evaluation';
import { isValidUscc } from '../shared/uscc';

/** 附录A 认证申请表 — the application form (R-APP-1). */
export interface AnnexA {
  /** A.1 基本信息 */
  organisation: {
    name: string;
    /** 统一社会信用代码 */
    uscc: string;
    address: string;
    /** Personal data (PIPL): never public. */
    legalRepresentative: string;
    contactPerson: string;
    phone: string;
    email: string;
    /** 智能客户服务规模 */
    serviceScale: string;
    /** 智能客户服务成立时间 */
    serviceFoundedOn: string;
  };
  /** A.2 智能客户服务概况 */
  serviceOverview: {
    staffCount: number;
    channels: string[];
    serviceHours: string;
    annualVolume: number;
    /** 客户满意度, percent. */
    satisfactionRate: number;
    mainServices: string[];
  };
  /** A.3 管理体系现状 */
  managementSystem: {
    /** Date the management system went into operation (R-APP-3: ≥ 3 months before acceptance). */
    operatingSince: string;
    areas: Record<ManagementDimension, { status: string; improvementPlan: string }>;
  };
  /** A.4 绩效指标 */
  performanceIndicators: {
    category: 'SERVICE' | 'OPERATIONS' | 'TECHNICAL';
    name: string;
    target: string;
    actual: string;
  }[];
  /** A.5 申请声明 */
  declaration: {
    signedBy: string;
    signedOn: string;
    /** The four statements of A.5 (truthful, accepts audit and surveillance, follows the rule, improves). */
    statementsAccepted: boolean;
    /** Major violations (重大违法违规行为) declared by the applicant, with their dates (R-APP-3). */
    majorViolations: { date: string; description: string }[];
  };
}

export interface FieldProblem {
  field: string;
  problem: string;
}

const text = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0;
const count = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const list = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(text);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

/** Every problem of an Annex A form at once (R-APP-1), so the applicant can fix them in one go. */
export const validateAnnexA = (form: AnnexA | undefined): FieldProblem[] => {
  if (!form || typeof form !== 'object')
    return [{ field: 'annexA', problem: 'the application form is missing' }];
  const problems: FieldProblem[] = [];
  const check = (ok: boolean, field: string, problem: string): void => {
    if (!ok) problems.push({ field, problem });
  };
  const o = form.organisation ?? ({} as AnnexA['organisation']);
  check(text(o.name), 'organisation.name', 'required');
  check(
    isValidUscc(o.uscc),
    'organisation.uscc',
    '统一社会信用代码 must be 18 characters with a valid GB 32100-2015 check character',
  );
  check(text(o.address), 'organisation.address', 'required');
  check(text(o.legalRepresentative), 'organisation.legalRepresentative', 'required');
  check(text(o.contactPerson), 'organisation.contactPerson', 'required');
  check(
    typeof o.phone === 'string' && PHONE.test(o.phone),
    'organisation.phone',
    'a telephone number is required',
  );
  check(
    typeof o.email === 'string' && EMAIL.test(o.email),
    'organisation.email',
    'an e-mail address is required',
  );
  check(text(o.serviceScale), 'organisation.serviceScale', 'required');
  check(isIsoDate(o.serviceFoundedOn), 'organisation.serviceFoundedOn', 'an ISO date is required');

  const s = form.serviceOverview ?? ({} as AnnexA['serviceOverview']);
  check(count(s.staffCount), 'serviceOverview.staffCount', 'a non-negative integer is required');
  check(list(s.channels), 'serviceOverview.channels', 'at least one channel is required');
  check(text(s.serviceHours), 'serviceOverview.serviceHours', 'required');
  check(count(s.annualVolume), 'serviceOverview.annualVolume', 'a non-negative integer is required');
  check(
    typeof s.satisfactionRate === 'number' && s.satisfactionRate >= 0 && s.satisfactionRate <= 100,
    'serviceOverview.satisfactionRate',
    'a percentage from 0 to 100 is required',
  );
  check(list(s.mainServices), 'serviceOverview.mainServices', 'at least one service is required');

  const m = form.managementSystem ?? ({} as AnnexA['managementSystem']);
  check(isIsoDate(m.operatingSince), 'managementSystem.operatingSince', 'an ISO date is required');
  for (const area of MANAGEMENT_DIMENSIONS) {
    check(text(m.areas?.[area]?.status), `managementSystem.areas.${area}.status`, 'required');
  }

  const indicators = form.performanceIndicators;
  check(
    Array.isArray(indicators) && indicators.length > 0,
    'performanceIndicators',
    'at least one indicator is required',
  );
  (Array.isArray(indicators) ? indicators : []).forEach((indicator, i) => {
    check(
      ['SERVICE', 'OPERATIONS', 'TECHNICAL'].includes(indicator?.category),
      `performanceIndicators[${i}].category`,
      'SERVICE, OPERATIONS or TECHNICAL',
    );
    check(text(indicator?.name), `performanceIndicators[${i}].name`, 'required');
    check(text(indicator?.target), `performanceIndicators[${i}].target`, 'required');
    check(text(indicator?.actual), `performanceIndicators[${i}].actual`, 'required');
  });

  const d = form.declaration ?? ({} as AnnexA['declaration']);
  check(text(d.signedBy), 'declaration.signedBy', 'the declaration must be signed');
  check(isIsoDate(d.signedOn), 'declaration.signedOn', 'an ISO date is required');
  check(
    d.statementsAccepted === true,
    'declaration.statementsAccepted',
    'the statements of A.5 must be accepted',
  );
  check(
    Array.isArray(d.majorViolations) &&
      d.majorViolations.every((v) => isIsoDate(v?.date) && text(v?.description)),
    'declaration.majorViolations',
    'a list (possibly empty) of {date, description}',
  );
  return problems;
};
