import { CMM_525_0002_V1, SchemeCatalogue } from '@app/domain';
import type { Actor, CommandContext, Role, SchemeVersion } from '@app/domain';

export const defaultSchemes = SchemeCatalogue.load([CMM_525_0002_V1]);

/** A catalogue with the shipped scheme changed by `overrides` (e.g. a pass threshold). */
export const schemesWith = (overrides: Partial<SchemeVersion>): SchemeCatalogue =>
  SchemeCatalogue.load([{ ...CMM_525_0002_V1, ...overrides }]);

/** Named users, one per role, plus spares for independence tests. */
export const actors = {
  intake: { id: 'user-intake', role: 'INTAKE_OFFICER' },
  programmeManager: { id: 'user-pm', role: 'PROGRAMME_MANAGER' },
  leadAuditor: { id: 'user-lead', role: 'AUDITOR' },
  auditor: { id: 'user-auditor', role: 'AUDITOR' },
  reviewer: { id: 'user-reviewer', role: 'TECHNICAL_REVIEWER' },
  decisionMaker: { id: 'user-decider', role: 'DECISION_MAKER' },
  registryOfficer: { id: 'user-registry', role: 'REGISTRY_OFFICER' },
  regulator: { id: 'user-regulator', role: 'REGULATOR' },
  admin: { id: 'user-admin', role: 'ADMIN' },
  system: { id: 'system', role: 'SYSTEM' },
} satisfies Record<string, Actor>;

export const actAs = (id: string, role: Role): Actor => ({ id, role });

/** The context a command arrives with: who, when, and the scheme catalogue. */
export const ctx = (
  actor: Actor,
  now: string,
  schemes: SchemeCatalogue = defaultSchemes,
): CommandContext => ({
  actor,
  now,
  schemes,
});
