import { dateOf, isIsoDate } from '../shared/calendar';
import type { Command } from '../shared/decider';
import { invalidTransition, refuse, type RefusalCode } from '../shared/errors';
import { MANAGEMENT_DIMENSIONS, SERVICE_CHARACTERISTICS, type EvaluationResults } from '../shared/evaluation';
import type { Role } from '../shared/roles';
import type { CertificateApproval } from './certificate.events';
import type { CertificateState, IssuedCertificate } from './certificate.state';

/** A certificate that is still in force publicly: VALID or SUSPENDED. */
export type LiveCertificate = IssuedCertificate & { status: 'VALID' | 'SUSPENDED' };

/** The calendar date (UTC+8) the command is handled on. */
export const todayOf = (command: Command): string => dateOf(command.context.now);

/** R-ACT-1: the acting user approves, on the date the command is handled. */
export const approvalOf = (command: Command): CertificateApproval => ({
  approver: command.context.actor,
  date: todayOf(command),
});

/** Not issued, revoked or cancelled certificates accept nothing but an issue (REVOKED and CANCELLED are final). */
export const requireLive = (command: Command, state: CertificateState): LiveCertificate =>
  state.status === 'VALID' || state.status === 'SUSPENDED'
    ? (state as LiveCertificate)
    : invalidTransition(command.type, state.status);

/** Who may act (domain-rules §1). ADMIN never makes certification decisions, so it is never in `allowed`. */
export const requireRole = (command: Command, allowed: readonly Role[], code: RefusalCode): void => {
  const { role } = command.context.actor;
  if (!allowed.includes(role)) {
    refuse(code, `${command.type} may not be done by ${role} (allowed: ${allowed.join(', ')})`, {
      role,
      allowed: [...allowed],
    });
  }
};

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

export const requireText = (value: unknown, field: string, code: RefusalCode): string =>
  isText(value) ? value : refuse(code, `${field} is required`, { field });

export const optionalText = (value: unknown, field: string, code: RefusalCode): string | null =>
  value === undefined || value === null ? null : requireText(value, field, code);

/** A non-empty list of non-blank texts (corrections required, notice reasons). */
export const requireTextList = (value: unknown, field: string, code: RefusalCode): string[] =>
  Array.isArray(value) && value.length > 0 && value.every(isText)
    ? [...value]
    : refuse(code, `${field} must list at least one item, none blank`, { field });

export const requireIsoDate = (value: unknown, field: string, code: RefusalCode): string =>
  isIsoDate(value) ? value : refuse(code, `${field} must be an ISO date (YYYY-MM-DD)`, { field, value });

export const requireOneOf = <T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  code: RefusalCode,
): T =>
  (allowed as readonly unknown[]).includes(value)
    ? (value as T)
    : refuse(code, `${field} must be one of ${allowed.join(', ')}`, { field, value });

const isScore = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;

/**
 * §7.2.2: characteristic, management and composite results, each from 0 to 100, naming the scheme version they
 * were computed under. The certificate copies them as they are: it never recomputes them (R-SCORE-7).
 */
export const requireEvaluationResults = (value: unknown, code: RefusalCode): EvaluationResults => {
  const results = value as Partial<EvaluationResults> | undefined;
  const complete =
    !!results &&
    typeof results === 'object' &&
    isText(results.schemeVersion) &&
    !!results.characteristics &&
    !!results.management &&
    SERVICE_CHARACTERISTICS.every((c) => isScore(results.characteristics?.[c])) &&
    MANAGEMENT_DIMENSIONS.every((d) => isScore(results.management?.[d])) &&
    isScore(results.composite);
  return complete
    ? (value as EvaluationResults)
    : refuse(
        code,
        'evaluation results need their scheme version, every characteristic, management dimension and the composite (0–100)',
        {
          field: 'evaluationResults',
        },
      );
};
