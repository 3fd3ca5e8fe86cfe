import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ROLES, type Role } from '@app/domain';
import { AUTH_DATABASE, systemAuthClock, USERS_OPTIONS, type AuthClock } from '../auth.constants';
import { statementOf, type AuthDatabase } from '../store/auth-database';
import { revokeRefreshTokensOfUser } from '../tokens/refresh-tokens';
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

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  active: number;
  created_at: string;
  updated_at: string;
  failed_logins: number;
  locked_until: number | null;
  last_login_at: number | null;
  token_version: number;
}

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

const toUser = (row: UserRow, now: number): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  // Only known roles leave the store: a hand-edited row cannot invent a role the guard would then match.
  roles: (JSON.parse(row.roles) as string[]).filter((role): role is Role =>
    (ROLES as readonly string[]).includes(role),
  ),
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lockedUntil: isLocked({ failedLogins: 0, lockedUntil: row.locked_until }, now)
    ? isoOrNull(row.locked_until)
    : null,
  lastLoginAt: isoOrNull(row.last_login_at),
});

/**
 * By code, neither `instanceof SqliteError` nor `instanceof Error`: the native addon builds its errors with the
 * class of the first copy of better-sqlite3 loaded in the process, which may belong to another module registry
 * or realm (Jest test files).
 */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

/**
 * The embedded user store. Public methods never return the password hash. Also the USER_DIRECTORY other
 * modules use in local mode. better-sqlite3 is synchronous; methods are async because hashing is, and so the
 * directory port can later be served by something remote.
 */
@Injectable()
export class UsersService implements UserDirectory {
  private readonly logger = new Logger(UsersService.name);
  private readonly lockout: LockoutPolicy;
  private readonly clock: AuthClock;
  /** Verified against when the username is unknown, so "no such user" costs the same time as "wrong password". */
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(AUTH_DATABASE) private readonly db: AuthDatabase,
    @Optional() @Inject(USERS_OPTIONS) options?: UsersServiceOptions,
  ) {
    this.lockout = options?.lockout ?? DEFAULT_LOCKOUT_POLICY;
    this.clock = options?.clock ?? systemAuthClock;
  }

  async create(input: CreateUserInput): Promise<User> {
    const valid = validateNewUser(input);
    const passwordHash = await argon2.hash(valid.password, ARGON2_OPTIONS);
    const now = new Date(this.clock.now()).toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username: valid.username,
      display_name: valid.displayName,
      password_hash: passwordHash,
      roles: JSON.stringify(valid.roles),
      active: 1,
      created_at: now,
      updated_at: now,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      token_version: 0,
    };
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, username, display_name, password_hash, roles, active, created_at, updated_at)
           VALUES (@id, @username, @display_name, @password_hash, @roles, @active, @created_at, @updated_at)`,
        )
        .run(row);
    } catch (error) {
      // The UNIQUE NOCASE constraint decides, so two concurrent creations cannot both win.
      if (isUniqueViolation(error)) {
        throw new DuplicateUsernameError(valid.username);
      }
      throw error;
    }
    return toUser(row, this.clock.now());
  }

  async findById(id: string): Promise<User | null> {
    const row = this.rowById(id);
    return row === undefined ? null : toUser(row, this.clock.now());
  }

  /** The user and their token version, for the checks on every authenticated request. */
  async findForSession(id: string): Promise<SessionUser | null> {
    const row = this.rowById(id);
    return row === undefined
      ? null
      : { user: toUser(row, this.clock.now()), tokenVersion: row.token_version };
  }

  async findByUsername(username: string): Promise<User | null> {
    const row = this.rowByUsername(username);
    return row === undefined ? null : toUser(row, this.clock.now());
  }

  async list(): Promise<User[]> {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
    const now = this.clock.now();
    return rows.map((row) => toUser(row, now));
  }

  /** For start-up hints ("no account yet: create one with the CLI"). */
  async countUsers(): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number };
    return row.n;
  }

  /**
   * The user when the password matches an active account, else null; one answer for every failure so the
   * caller cannot tell an unknown name from a wrong password or a disabled account. No side effect: logins go
   * through attemptLogin, which also counts failures.
   */
  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const row = this.rowByUsername(username);
    const matches = await this.passwordMatches(row, password);
    if (row === undefined || !matches || row.active !== 1) return null;
    return toUser(row, this.clock.now());
  }

  /**
   * A password login, with the lockout rules (lockout.ts): counts a failure, locks the account at the threshold,
   * resets the count and records the login time on success. The password is always checked with argon2, even
   * for an unknown or locked account, so the time taken reveals neither.
   */
  async attemptLogin(username: string, password: string, origin?: RequestOrigin): Promise<LoginAttempt> {
    const row = this.rowByUsername(username);
    const matches = await this.passwordMatches(row, password);
    if (row === undefined) return { verdict: 'UNKNOWN_USER' };
    const now = this.clock.now();
    // Decided on the row as it is now (another attempt may have run during the hashing), in one transaction.
    return this.db
      .transaction((): LoginAttempt => {
        const current = this.rowById(row.id);
        if (current === undefined) return { verdict: 'UNKNOWN_USER' };
        const decision = decideLogin(
          { failedLogins: current.failed_logins, lockedUntil: current.locked_until },
          // A password changed while we were hashing: the old one no longer counts as right.
          {
            passwordMatches: matches && current.password_hash === row.password_hash,
            active: current.active === 1,
          },
          now,
          this.lockout,
        );
        const success = decision.verdict === 'SUCCESS';
        this.db
          .prepare(
            `UPDATE users SET failed_logins = ?, locked_until = ?, last_login_at = COALESCE(?, last_login_at)
             WHERE id = ?`,
          )
          .run(decision.next.failedLogins, decision.next.lockedUntil, success ? now : null, current.id);
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
        const updated = this.rowById(current.id) as UserRow;
        return { verdict: 'SUCCESS', user: toUser(updated, now), tokenVersion: updated.token_version };
      })
      .immediate();
  }

  /**
   * Disable (false) or re-enable (true) an account. Disabling revokes every token of the user at once (their
   * refresh tokens, and access tokens through the token version); re-enabling revives none.
   */
  async setActive(username: string, active: boolean): Promise<User> {
    return this.update(username, { active: active ? 1 : 0 }, !active);
  }

  /** Replace the roles, with the same rules as creation; the user's tokens are revoked (log in again). */
  async setRoles(username: string, roles: readonly string[]): Promise<User> {
    return this.update(username, { roles: JSON.stringify(validateRoles(roles)) }, true);
  }

  /**
   * A new password under the policy; revokes the user's tokens and lifts a lockout (the operator who resets it
   * has checked who is asking).
   */
  async resetPassword(username: string, password: string): Promise<User> {
    const normalized = normalizeUsername(username);
    validatePassword(password, normalized);
    if (this.rowByUsername(normalized) === undefined) throw new UserNotFoundError(normalized);
    const hash = await argon2.hash(password, ARGON2_OPTIONS);
    return this.update(normalized, { password_hash: hash, failed_logins: 0, locked_until: null }, true);
  }

  /** Lifts a lockout before its time (an operator who has checked the user). */
  async unlock(username: string): Promise<User> {
    return this.update(username, { failed_logins: 0, locked_until: null }, false);
  }

  private update(
    username: string,
    changes: Partial<Pick<UserRow, 'active' | 'roles' | 'password_hash' | 'failed_logins' | 'locked_until'>>,
    revokeTokens: boolean,
  ): User {
    const normalized = normalizeUsername(username);
    const now = this.clock.now();
    const columns = Object.keys(changes);
    const assignments = [
      ...columns.map((column) => `${column} = @${column}`),
      'updated_at = @updated_at',
      ...(revokeTokens ? ['token_version = token_version + 1'] : []),
    ];
    return this.db.transaction((): User => {
      const result = this.db
        .prepare(`UPDATE users SET ${assignments.join(', ')} WHERE username = @username`)
        .run({ ...changes, updated_at: new Date(now).toISOString(), username: normalized });
      if (result.changes === 0) throw new UserNotFoundError(normalized);
      const row = this.rowByUsername(normalized) as UserRow;
      if (revokeTokens) revokeRefreshTokensOfUser(this.db, row.id, now);
      return toUser(row, now);
    })();
  }

  private rowById(id: string): UserRow | undefined {
    return statementOf(this.db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  private rowByUsername(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(normalizeUsername(username)) as
      UserRow | undefined;
  }

  private async passwordMatches(row: UserRow | undefined, password: string): Promise<boolean> {
    const hash = row?.password_hash ?? (await this.getDummyHash());
    return argon2.verify(hash, password).catch(() => false);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(32).toString('hex'), ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
