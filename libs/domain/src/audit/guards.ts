import { dateOf } from '../shared/calendar';
import type { CommandContext } from '../shared/decider';
import { invalidTransition, refuse } from '../shared/errors';
import type { RuleId } from '../shared/errors';
import type { Actor, Role } from '../shared/roles';
import type { SchemeVersion } from '../scheme/scheme-definition';
import type { AuditCommand } from './commands';
import { isInvolvedInAudit, isTeamMember } from './state';
import type { AuditFile, AuditState, Nonconformity } from './state';
import type { AuditStatus } from './vocabulary';

/** The calendar date of the command (UTC+8); the domain never reads the clock. */
export const today = (context: CommandContext): string => dateOf(context.now);

export const schemeOf = (file: AuditFile, context: CommandContext): SchemeVersion =>
  context.schemes.get(file.schemeVersion);

export const isNonEmptyText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

export const isNonEmptyTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every(isNonEmptyText);

/** Refuses with `code` unless `value` is non-empty text; names the field in the details. */
export const requireText = (value: unknown, field: string, code: RuleId): string =>
  isNonEmptyText(value) ? value : refuse(code, `${field} is required`, { field });

/** The scheduled audit, in one of `allowed` states; anything else is an invalid transition. */
export const requireFile = (
  command: AuditCommand,
  state: AuditState,
  allowed: readonly AuditStatus[],
): AuditFile =>
  state.status !== 'NONE' && allowed.includes(state.status)
    ? state
    : invalidTransition(command.type, state.status);

export const requireRole = (actor: Actor, roles: readonly Role[], code: RuleId, action: string): void => {
  if (!roles.includes(actor.role)) {
    refuse(code, `${action} is reserved to ${roles.join(' or ')}`, { actorId: actor.id, role: actor.role });
  }
};

/** The actor acts as an AUDITOR on the audit's current team (R-AUD-2 defines the team). */
export const requireTeamMember = (file: AuditFile, actor: Actor, code: RuleId, action: string): void => {
  if (actor.role !== 'AUDITOR' || !isTeamMember(file, actor.id)) {
    refuse(code, `${action} is reserved to the audit team`, { actorId: actor.id, role: actor.role });
  }
};

/** The actor is the audit's lead auditor (审核组长), acting as AUDITOR. */
export const requireLeadAuditor = (file: AuditFile, actor: Actor, code: RuleId, action: string): void => {
  if (actor.role !== 'AUDITOR' || file.team?.leadAuditor.id !== actor.id) {
    refuse(code, `${action} is reserved to the lead auditor`, { actorId: actor.id, role: actor.role });
  }
};

/**
 * R-IND-1 / R-IND-3: the decision maker took no part in the audit or its review. Checked on the user id, before
 * the role, so that no role (ADMIN included) and no flag can get around it.
 */
export const requireIndependentDecisionMaker = (file: AuditFile, actor: Actor): void => {
  if (isInvolvedInAudit(file, actor.id)) {
    refuse('R-IND-1', 'the decision maker took part in the audit or its technical review', {
      actorId: actor.id,
      role: actor.role,
    });
  }
  requireRole(actor, ['DECISION_MAKER'], 'R-AUD-6', 'a certification decision');
};

export const findNonconformity = (file: AuditFile, nonconformityId: string): Nonconformity =>
  file.nonconformities.find((nc) => nc.id === nonconformityId) ??
  refuse('R-AUD-4', `unknown nonconformity ${nonconformityId}`, { nonconformityId });
