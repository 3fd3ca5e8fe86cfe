import type { Role } from '@app/domain';

/** A user as the rest of the system sees it: never with the password hash. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** ISO instant until which logins are refused after repeated failures; null when not locked now. */
  lockedUntil: string | null;
  /** ISO instant of the last successful password login; null when never. */
  lastLoginAt: string | null;
}

export interface CreateUserInput {
  username: string;
  password: string;
  roles: readonly string[];
  /** Defaults to the username. */
  displayName?: string;
}

/** What other modules may ask about a user (token USER_DIRECTORY), e.g. whether a team member holds AUDITOR. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
}

export interface UserDirectory {
  findById(id: string): Promise<DirectoryUser | null>;
}
