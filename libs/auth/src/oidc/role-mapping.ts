import type { Role } from '@app/domain';
import { ASSIGNABLE_ROLES } from '../users/user-rules';

/** Provider role name → the roles of ours it grants. */
export type RoleMap = ReadonlyMap<string, readonly Role[]>;

export class RoleMapError extends Error {
  override readonly name = 'RoleMapError';
}

const isAssignable = (value: unknown): value is Role =>
  typeof value === 'string' && (ASSIGNABLE_ROLES as readonly string[]).includes(value);

/**
 * AUTH_OIDC_ROLE_MAP: a JSON object `{"provider-role": "AUDITOR", "other": ["REGULATOR", "ADMIN"]}`. Every target
 * must be one of our roles and never SYSTEM (the timers' identity, domain-rules §1): a bad map stops start-up
 * rather than silently granting nothing, or too much.
 */
export const parseRoleMap = (json: string): RoleMap => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new RoleMapError('AUTH_OIDC_ROLE_MAP is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new RoleMapError('AUTH_OIDC_ROLE_MAP must be a JSON object: {"provider role": "OUR_ROLE" | [...]}');
  }
  const problems: string[] = [];
  const map = new Map<string, Role[]>();
  for (const [name, target] of Object.entries(raw as Record<string, unknown>)) {
    const targets = Array.isArray(target) ? (target as unknown[]) : [target];
    const bad = targets.filter((role) => !isAssignable(role));
    if (targets.length === 0 || bad.length > 0) {
      problems.push(
        `'${name}' → ${JSON.stringify(target)}: each target must be one of ${ASSIGNABLE_ROLES.join(', ')}` +
          ' (SYSTEM is never granted from a token)',
      );
      continue;
    }
    map.set(name, [...new Set(targets as Role[])]);
  }
  if (problems.length > 0) throw new RoleMapError(`AUTH_OIDC_ROLE_MAP: ${problems.join('; ')}`);
  return map;
};

/** The value at a dotted path (`realm_access.roles`); own properties only, so `__proto__` paths find nothing. */
export const claimAt = (claims: Record<string, unknown>, path: string): unknown => {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
};

/** The provider role names of a claim value: an array of strings, or one string of space-separated names. */
const providerRoleNames = (value: unknown): string[] => {
  if (typeof value === 'string') return value.split(/\s+/).filter((name) => name.length > 0);
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === 'string');
  return [];
};

/**
 * Our roles for the provider's roles, in the claim's order, without duplicates. With a map, only mapped names
 * count (an IdP's own "ADMIN" group is not ours unless the map says so); without one, names equal to our roles
 * count. Unknown names are dropped, and SYSTEM is never accepted from a token, whatever the map or claim says.
 */
export const mapRoles = (claimValue: unknown, roleMap: RoleMap | undefined): Role[] => {
  const roles: Role[] = [];
  for (const name of providerRoleNames(claimValue)) {
    const granted = roleMap === undefined ? (isAssignable(name) ? [name] : []) : (roleMap.get(name) ?? []);
    for (const role of granted) if (isAssignable(role) && !roles.includes(role)) roles.push(role);
  }
  return roles;
};
