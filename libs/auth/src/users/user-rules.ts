import { ROLES, type Role } from '@app/domain';
import { passwordProblems } from './password-policy';
import { InvalidUserError, type UserFieldProblem } from './users.errors';
import type { CreateUserInput } from './user';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const MAX_DISPLAY_NAME_LENGTH = 128;

/** SYSTEM is the timers' identity (domain-rules §1): no person may act as it. */
export const ASSIGNABLE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'SYSTEM');

/** Usernames are case-insensitive: kept and compared lower-case. */
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

export interface ValidUser {
  username: string;
  password: string;
  roles: Role[];
  displayName: string;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const roleProblems = (roles: readonly string[]): string[] => {
  const problems: string[] = [];
  if (roles.length === 0) problems.push('at least one role is required');
  for (const role of roles) {
    if (role === 'SYSTEM') problems.push('SYSTEM is reserved for timers and cannot be given to a user');
    else if (!(ASSIGNABLE_ROLES as readonly string[]).includes(role)) {
      problems.push(`unknown role '${role}' (one of ${ASSIGNABLE_ROLES.join(', ')})`);
    }
  }
  return problems;
};

/** Order is kept (the first role is the acting role on routes open to any user); duplicates are dropped. */
const distinctRoles = (roles: readonly string[]): Role[] => [...new Set(roles as readonly Role[])];

/** A non-empty list of roles a person may hold, or InvalidUserError on `roles`. */
export const validateRoles = (roles: readonly string[]): Role[] => {
  const problems = roleProblems(roles);
  if (problems.length > 0) throw new InvalidUserError([{ field: 'roles', problems }]);
  return distinctRoles(roles);
};

/** Checks every field and reports every problem at once (one round trip for the operator). */
export const validateNewUser = (input: CreateUserInput): ValidUser => {
  const problems: UserFieldProblem[] = [];
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    problems.push({
      field: 'username',
      problems: ['must be 3 to 64 characters among a-z, 0-9, dot, underscore and hyphen'],
    });
  }

  const passwordFound = passwordProblems(input.password, username);
  if (passwordFound.length > 0) problems.push({ field: 'password', problems: passwordFound });

  const rolesFound = roleProblems(input.roles);
  if (rolesFound.length > 0) problems.push({ field: 'roles', problems: rolesFound });

  const displayName = (input.displayName ?? username).trim();
  if (
    displayName.length === 0 ||
    displayName.length > MAX_DISPLAY_NAME_LENGTH ||
    CONTROL_CHARACTERS.test(displayName)
  ) {
    problems.push({
      field: 'displayName',
      problems: [`must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters without control characters`],
    });
  }

  if (problems.length > 0) throw new InvalidUserError(problems);
  return { username, password: input.password, roles: distinctRoles(input.roles), displayName };
};

/** A new password for an existing user (reset), under the same policy as at creation; InvalidUserError otherwise. */
export const validatePassword = (password: string, username: string): string => {
  const problems = passwordProblems(password, normalizeUsername(username));
  if (problems.length > 0) throw new InvalidUserError([{ field: 'password', problems }]);
  return password;
};
