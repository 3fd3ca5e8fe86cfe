/**
 * Test data for the certificate specs (imported by *.spec.ts only). Relative imports for the domain; the score
 * sheet comes from the testing kit so the results are the ones the domain computes.
 *
 * Timeline of the default certificate: GRANT decided 2026-01-08, issued 2026-01-10, expires 2029-01-08
 * (decision + 3 years, R-CERT-2).
 */
import { resultsOf, scoreSheet } from '@app/testing';
import type { CommandContext } from '../shared/decider';
import type { EvaluationResults } from '../shared/evaluation';
import type { Actor } from '../shared/roles';
import type { CertificateCommand, IssueCertificate } from './certificate.commands';
import type {
  CertificateCancelled,
  CertificateIssued,
  CertificateReinstated,
  CertificateRevoked,
  CertificateSuspended,
  RevocationAppealDecided,
  RevocationAppealLodged,
  RevocationNoticeIssued,
  RevocationOpened,
} from './certificate.events';

export const NUMBER = 'CMM-ICS-2026-00042';
export const SCHEME_ID = 'CMM-525-0002@V1.0';
export const DECISION_DATE = '2026-01-08';
export const ISSUE_DATE = '2026-01-10';
export const EXPIRY_DATE = '2029-01-08';

const decisionMaker: Actor = { id: 'user-decider', role: 'DECISION_MAKER' };

/** An instant whose calendar date in UTC+8 is `date` (10:00 Beijing time). */
export const at = (date: string): string => `${date}T02:00:00Z`;

/** Builds a command of the given type; the context comes from `ctx(...)` of @app/testing. */
export const command = <T extends CertificateCommand['type']>(
  type: T,
  data: Extract<CertificateCommand, { type: T }>['data'],
  context: CommandContext,
): Extract<CertificateCommand, { type: T }> =>
  ({ type, data, context }) as Extract<CertificateCommand, { type: T }>;

/**
 * The results the certificate was granted on, computed by the domain from a full score sheet:
 * composite 84×0.20 + 88×0.35 + 79×0.35 + 70×0.10 = 16.8 + 30.8 + 27.65 + 7 = 82.25.
 */
export const results: EvaluationResults = resultsOf(
  scoreSheet({
    management: { STRATEGY: 84, CAPABILITY: 88, OPERATIONS: 79, MULTIMODAL: 70 },
    characteristics: {
      SERVICE_CAPABILITY: 86,
      SUBSTITUTION_CAPABILITY: 78.5,
      BUSINESS_CAPABILITY: 81,
      CUSTOMER_EXPERIENCE: 90,
    },
  }),
);

export const holder = {
  name: '示例智能客服有限公司',
  address: '北京市朝阳区示例路1号',
  uscc: '91110105MA01ABCD13',
};

export const grant = {
  auditId: 'audit-initial-1',
  auditType: 'INITIAL' as const,
  decisionDate: DECISION_DATE,
  decisionMaker,
};

export const issueData = (overrides: Partial<IssueCertificate['data']> = {}): IssueCertificate['data'] => ({
  number: NUMBER,
  applicationId: 'application-1',
  schemeVersion: SCHEME_ID,
  grant,
  holder,
  scope: '智能客户服务（在线客服、语音机器人）',
  evaluationResults: results,
  ...overrides,
});

export const issued = (overrides: Partial<CertificateIssued['data']> = {}): CertificateIssued => ({
  type: 'CertificateIssued',
  data: {
    number: NUMBER,
    applicationId: 'application-1',
    schemeVersion: SCHEME_ID,
    basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
    certificationBody: '北京希莫认证服务有限公司',
    holder,
    scope: '智能客户服务（在线客服、语音机器人）',
    evaluationResults: results,
    grant,
    decisionDate: DECISION_DATE,
    issueDate: ISSUE_DATE,
    effectiveDate: DECISION_DATE,
    expiryDate: EXPIRY_DATE,
    statusBefore: 'NONE',
    statusAfter: 'VALID',
    reason: 'GRANT',
    documentRevision: 1,
    approver: decisionMaker,
    date: ISSUE_DATE,
    ...overrides,
  },
});

/** Suspended on 2026-06-01 with a deadline of 2026-09-01. */
export const suspended = (overrides: Partial<CertificateSuspended['data']> = {}): CertificateSuspended => ({
  type: 'CertificateSuspended',
  data: {
    statusBefore: 'VALID',
    statusAfter: 'SUSPENDED',
    ground: 'MINOR_NC_NOT_CORRECTED',
    reason: 'NC-3 not corrected by its due date',
    correctionsRequired: ['Correct NC-3 (complaint handling records)'],
    deadline: '2026-09-01',
    auditId: 'audit-surv-1',
    approver: decisionMaker,
    date: '2026-06-01',
    ...overrides,
  },
});

export const reinstated = (): CertificateReinstated => ({
  type: 'CertificateReinstated',
  data: {
    statusBefore: 'SUSPENDED',
    statusAfter: 'VALID',
    verification: { kind: 'REVIEW', reference: 'review-7' },
    reason: 'Correction verified',
    approver: decisionMaker,
    date: '2026-07-01',
  },
});

/** Investigation opened 2026-03-01. */
export const revocationOpened = (overrides: Partial<RevocationOpened['data']> = {}): RevocationOpened => ({
  type: 'RevocationOpened',
  data: {
    ground: 'FALSE_INFORMATION',
    findings: 'Performance data of Q3 were fabricated',
    auditId: null,
    approver: decisionMaker,
    date: '2026-03-01',
    ...overrides,
  },
});

/** Notice issued 2026-03-10, appeal window until 2026-04-09 (30 days). */
export const noticeIssued = (): RevocationNoticeIssued => ({
  type: 'RevocationNoticeIssued',
  data: {
    reasons: ['False performance data submitted'],
    appealWindowEndsAt: '2026-04-09',
    approver: decisionMaker,
    date: '2026-03-10',
  },
});

export const appealLodged = (): RevocationAppealLodged => ({
  type: 'RevocationAppealLodged',
  data: { grounds: 'The data were a draft sent by mistake', approver: decisionMaker, date: '2026-03-20' },
});

export const appealDecided = (verdict: 'UPHELD' | 'REJECTED'): RevocationAppealDecided => ({
  type: 'RevocationAppealDecided',
  data: {
    verdict,
    reason: 'Appeal examined',
    procedureClosed: verdict === 'UPHELD',
    approver: decisionMaker,
    date: '2026-04-01',
  },
});

export const revoked = (): CertificateRevoked => ({
  type: 'CertificateRevoked',
  data: {
    statusBefore: 'VALID',
    statusAfter: 'REVOKED',
    ground: 'FALSE_INFORMATION',
    reasons: ['False performance data submitted'],
    reason: 'Revocation final',
    appealVerdict: null,
    approver: decisionMaker,
    date: '2026-04-10',
  },
});

export const cancelled = (): CertificateCancelled => ({
  type: 'CertificateCancelled',
  data: {
    statusBefore: 'VALID',
    statusAfter: 'CANCELLED',
    ground: 'HOLDER_REQUEST',
    reason: 'Holder stopped the service',
    approver: decisionMaker,
    date: '2026-05-01',
  },
});
