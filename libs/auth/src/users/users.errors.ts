/** A field of a user that does not meet the rules, with every problem found. */
export interface UserFieldProblem {
  field: 'username' | 'password' | 'roles' | 'displayName';
  problems: string[];
}

/** Base of the errors the user store raises on purpose; `code` is stable for callers (CLI, a future admin API). */
export abstract class UserStoreError extends Error {
  abstract readonly code: string;
}

export class InvalidUserError extends UserStoreError {
  override readonly name = 'InvalidUserError';
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly details: UserFieldProblem[]) {
    super(`invalid user: ${details.map((d) => `${d.field}: ${d.problems.join('; ')}`).join(' | ')}`);
  }
}

export class DuplicateUsernameError extends UserStoreError {
  override readonly name = 'DuplicateUsernameError';
  readonly code = 'USERNAME_TAKEN';
  constructor(readonly username: string) {
    super(`a user named '${username}' already exists`);
  }
}

export class UserNotFoundError extends UserStoreError {
  override readonly name = 'UserNotFoundError';
  readonly code = 'USER_NOT_FOUND';
  constructor(readonly username: string) {
    super(`no user named '${username}'`);
  }
}
