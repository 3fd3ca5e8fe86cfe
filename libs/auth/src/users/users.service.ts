import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ROLES, type Role } from '@app/domain';
import { AUTH_DATABASE } from '../auth.constants';
import type { AuthDatabase } from '../store/auth-database';
import type { CreateUserInput, User, UserDirectory } from './user';
import { normalizeUsername, validateNewUser, validateRoles } from './user-rules';
import { DuplicateUsernameError, UserNotFoundError } from './users.errors';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  active: number;
  created_at: string;
  updated_at: string;
}

const toUser = (row: UserRow): User => ({
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
 * modules use. better-sqlite3 is synchronous; methods are async because hashing is, and so the directory
 * port can later be served by something remote.
 */
@Injectable()
export class UsersService implements UserDirectory {
  /** Verified against when the username is unknown, so "no such user" costs the same time as "wrong password". */
  private dummyHash?: Promise<string>;

  constructor(@Inject(AUTH_DATABASE) private readonly db: AuthDatabase) {}

  async create(input: CreateUserInput): Promise<User> {
    const valid = validateNewUser(input);
    const passwordHash = await argon2.hash(valid.password, ARGON2_OPTIONS);
    const now = new Date().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username: valid.username,
      display_name: valid.displayName,
      password_hash: passwordHash,
      roles: JSON.stringify(valid.roles),
      active: 1,
      created_at: now,
      updated_at: now,
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
    return toUser(row);
  }

  async findById(id: string): Promise<User | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row === undefined ? null : toUser(row);
  }

  async findByUsername(username: string): Promise<User | null> {
    const row = this.rowByUsername(username);
    return row === undefined ? null : toUser(row);
  }

  async list(): Promise<User[]> {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
    return rows.map(toUser);
  }

  /** For start-up hints ("no account yet: create one with the CLI"). */
  async countUsers(): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number };
    return row.n;
  }

  /**
   * The user when the password matches an active account, else null; one answer for every failure so the
   * caller cannot tell an unknown name from a wrong password or a disabled account.
   */
  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const row = this.rowByUsername(username);
    const hash = row?.password_hash ?? (await this.getDummyHash());
    const matches = await argon2.verify(hash, password).catch(() => false);
    if (row === undefined || !matches || row.active !== 1) return null;
    return toUser(row);
  }

  /** Disable (false) or re-enable (true) an account; the auth guard sees it on the next request. */
  async setActive(username: string, active: boolean): Promise<User> {
    return this.update(username, 'active = ?', active ? 1 : 0);
  }

  /** Replace the roles; effective on the next request, since the guard reads roles from here, not the token. */
  async setRoles(username: string, roles: readonly string[]): Promise<User> {
    return this.update(username, 'roles = ?', JSON.stringify(validateRoles(roles)));
  }

  private update(username: string, assignment: 'active = ?' | 'roles = ?', value: string | number): User {
    const normalized = normalizeUsername(username);
    const result = this.db
      .prepare(`UPDATE users SET ${assignment}, updated_at = ? WHERE username = ?`)
      .run(value, new Date().toISOString(), normalized);
    if (result.changes === 0) throw new UserNotFoundError(normalized);
    return toUser(this.rowByUsername(normalized) as UserRow);
  }

  private rowByUsername(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(normalizeUsername(username)) as
      UserRow | undefined;
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(32).toString('hex'), ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
