import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ROLES, type Role } from '@app/domain';
import { IDENTITY_STORE, systemAuthClock, USERS_OPTIONS, type AuthClock } from '../auth.constants';
import type { IdentityStore, UserChanges, UserRecord } from '../store/identity-store.port';
import {
  decideLogin,
  DEFAULT_LOCKOUT_POLICY,
  isLocked,
  type LockoutPolicy,
  type LoginVerdict,
} from './lockout';
import type { CreateUserInput, User, UserDirectory } from './user';
import { normalizeUsername, validateNewUser, validatePassword, validateRoles } from './user-rules';
import { DuplicateUsernameError, UserNotFoundError } from './users.errors';
import { aboutRequest, type RequestOrigin } from '../request-origin';

export interface UsersServiceOptions {
  lockout?: LockoutPolicy;
  clock?: AuthClock;
}

/** A user with what the token checks need; for identity's own use, never handed to other modules. */
export interface SessionUser {
  user: User;
  /** Bumped when the user is disabled or their roles or password change: tokens of an older version are dead. */
  tokenVersion: number;
}

export type LoginAttempt =
  | { verdict: 'SUCCESS'; user: User; tokenVersion: number }
  | { verdict: Exclude<LoginVerdict, 'SUCCESS'> | 'UNKNOWN_USER' };

const isoOrNull = (epochMs: number | null): string | null =>
  epochMs === null ? null : new Date(epochMs).toISOString();

const toUser = (record: UserRecord, now: number): User => ({
  id: record.id,
  username: record.username,
  displayName: record.displayName,
  // Only known roles leave the store: a hand-edited record cannot invent a role the guard would then match.
  roles: record.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
  active: record.active,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  lockedUntil: isLocked({ failedLogins: 0, lockedUntil: record.lockedUntil }, now)
    ? isoOrNull(record.lockedUntil)
    : null,
  lastLoginAt: isoOrNull(record.lastLoginAt),
});

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

/**
 * Users of the identity store. Public methods never return the password hash. Also the USER_DIRECTORY other
 * modules use in local mode.
 */
@Injectable()
export class UsersService implements UserDirectory {
  private readonly logger = new Logger(UsersService.name);
  private readonly lockout: LockoutPolicy;
  private readonly clock: AuthClock;
  /** Verified against when the username is unknown, so "no such user" costs the same time as "wrong password". */
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(IDENTITY_STORE) private readonly store: IdentityStore,
    @Optional() @Inject(USERS_OPTIONS) options?: UsersServiceOptions,
  ) {
    this.lockout = options?.lockout ?? DEFAULT_LOCKOUT_POLICY;
    this.clock = options?.clock ?? systemAuthClock;
  }

  async create(input: CreateUserInput): Promise<User> {
    const valid = validateNewUser(input);
    const passwordHash = await argon2.hash(valid.password, ARGON2_OPTIONS);
    const now = new Date(this.clock.now()).toISOString();
    const record: UserRecord = {
      id: randomUUID(),
      username: valid.username,
      displayName: valid.displayName,
      passwordHash,
      roles: [...valid.roles],
      active: true,
      createdAt: now,
      updatedAt: now,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      tokenVersion: 0,
    };
    if (!(await this.store.users.insert(record))) throw new DuplicateUsernameError(valid.username);
    return toUser(record, this.clock.now());
  }

  async findById(id: string): Promise<User | null> {
    const record = await this.store.users.byId(id);
    return record === undefined ? null : toUser(record, this.clock.now());
  }

  /** The user and their token version, for the checks on every authenticated request. */
  async findForSession(id: string): Promise<SessionUser | null> {
    const record = await this.store.users.byId(id);
    return record === undefined
      ? null
      : { user: toUser(record, this.clock.now()), tokenVersion: record.tokenVersion };
  }

  async findByUsername(username: string): Promise<User | null> {
    const record = await this.store.users.byUsername(normalizeUsername(username));
    return record === undefined ? null : toUser(record, this.clock.now());
  }

  async list(): Promise<User[]> {
    const records = await this.store.users.list();
    const now = this.clock.now();
    return records.map((record) => toUser(record, now));
  }

  /** For start-up hints ("no account yet: create one with the CLI"). */
  countUsers(): Promise<number> {
    return this.store.users.count();
  }

  /**
   * The user when the password matches an active account, else null; one answer for every failure so the
   * caller cannot tell an unknown name from a wrong password or a disabled account. No side effect: logins go
   * through attemptLogin, which also counts failures.
   */
  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const record = await this.store.users.byUsername(normalizeUsername(username));
    const matches = await this.passwordMatches(record, password);
    if (record === undefined || !matches || !record.active) return null;
    return toUser(record, this.clock.now());
  }

  /**
   * A password login, with the lockout rules (lockout.ts): counts a failure, locks the account at the threshold,
   * resets the count and records the login time on success. The password is always checked with argon2, even
   * for an unknown or locked account, so the time taken reveals neither.
   */
  async attemptLogin(username: string, password: string, origin?: RequestOrigin): Promise<LoginAttempt> {
    const record = await this.store.users.byUsername(normalizeUsername(username));
    const matches = await this.passwordMatches(record, password);
    if (record === undefined) return { verdict: 'UNKNOWN_USER' };
    const now = this.clock.now();
    // Decided on the user as they are now (another attempt may have run during the hashing) and recorded only if
    // they are still so; else decided again.
    for (;;) {
      const current = await this.store.users.byId(record.id);
      if (current === undefined) return { verdict: 'UNKNOWN_USER' };
      const decision = decideLogin(
        { failedLogins: current.failedLogins, lockedUntil: current.lockedUntil },
        // A password changed while we were hashing: the old one no longer counts as right.
        { passwordMatches: matches && current.passwordHash === record.passwordHash, active: current.active },
        now,
        this.lockout,
      );
      const success = decision.verdict === 'SUCCESS';
      const updated = await this.store.users.recordLogin(current, {
        failedLogins: decision.next.failedLogins,
        lockedUntil: decision.next.lockedUntil,
        lastLoginAt: success ? now : null,
      });
      if (updated === undefined) continue;
      if (decision.lockedNow) {
        this.logger.warn(
          aboutRequest(
            `Account ${current.username} locked until ${isoOrNull(decision.next.lockedUntil)} after ` +
              `${this.lockout.threshold} consecutive failed logins`,
            origin,
          ),
        );
      }
      if (!success) return { verdict: decision.verdict as Exclude<LoginVerdict, 'SUCCESS'> };
      return { verdict: 'SUCCESS', user: toUser(updated, now), tokenVersion: updated.tokenVersion };
    }
  }

  /**
   * Disable (false) or re-enable (true) an account. Disabling revokes every token of the user at once (their
   * refresh tokens, and access tokens through the token version); re-enabling revives none.
   */
  async setActive(username: string, active: boolean): Promise<User> {
    return this.update(username, { active }, !active);
  }

  /** Replace the roles, with the same rules as creation; the user's tokens are revoked (log in again). */
  async setRoles(username: string, roles: readonly string[]): Promise<User> {
    return this.update(username, { roles: [...validateRoles(roles)] }, true);
  }

  /**
   * A new password under the policy; revokes the user's tokens and lifts a lockout (the operator who resets it
   * has checked who is asking).
   */
  async resetPassword(username: string, password: string): Promise<User> {
    const normalized = normalizeUsername(username);
    validatePassword(password, normalized);
    if ((await this.store.users.byUsername(normalized)) === undefined)
      throw new UserNotFoundError(normalized);
    const hash = await argon2.hash(password, ARGON2_OPTIONS);
    return this.update(normalized, { passwordHash: hash, failedLogins: 0, lockedUntil: null }, true);
  }

  /** Lifts a lockout before its time (an operator who has checked the user). */
  async unlock(username: string): Promise<User> {
    return this.update(username, { failedLogins: 0, lockedUntil: null }, false);
  }

  /**
   * Applies the changes; with `revokeTokens`, the token version is bumped first (every access token of the user is
   * dead from then on, and a refresh is refused) and then their refresh tokens are revoked.
   */
  private async update(username: string, changes: UserChanges, revokeTokens: boolean): Promise<User> {
    const normalized = normalizeUsername(username);
    const now = this.clock.now();
    const updated = await this.store.users.update(normalized, changes, {
      updatedAt: new Date(now).toISOString(),
      bumpTokenVersion: revokeTokens,
    });
    if (updated === undefined) throw new UserNotFoundError(normalized);
    if (revokeTokens) await this.store.refreshTokens.revokeOfUser(updated.id, now);
    return toUser(updated, now);
  }

  private async passwordMatches(record: UserRecord | undefined, password: string): Promise<boolean> {
    const hash = record?.passwordHash ?? (await this.getDummyHash());
    return argon2.verify(hash, password).catch(() => false);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(32).toString('hex'), ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
