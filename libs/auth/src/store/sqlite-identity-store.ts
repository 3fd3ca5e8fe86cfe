import { openAuthDatabase, statementOf, type AuthDatabase } from './auth-database';
import type {
  IdentityStore,
  LoginOutcome,
  RefreshTokenRecord,
  RefreshTokenRecords,
  RevokedAccessTokenRecords,
  SettingRecords,
  SubjectRecord,
  SubjectRecords,
  UserChanges,
  UserRecord,
  UserRecords,
} from './identity-store.port';

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

interface RefreshTokenRow {
  token_hash: string;
  family_id: string;
  user_id: string;
  token_version: number;
  issued_at: number;
  expires_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

interface SubjectRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  last_seen_at: number;
}

const userOf = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  roles: JSON.parse(row.roles) as string[],
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  failedLogins: row.failed_logins,
  lockedUntil: row.locked_until,
  lastLoginAt: row.last_login_at,
  tokenVersion: row.token_version,
});

const refreshTokenOf = (row: RefreshTokenRow): RefreshTokenRecord => ({
  tokenHash: row.token_hash,
  familyId: row.family_id,
  userId: row.user_id,
  tokenVersion: row.token_version,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  rotatedAt: row.rotated_at,
  revokedAt: row.revoked_at,
});

const subjectOf = (row: SubjectRow): SubjectRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: JSON.parse(row.roles) as string[],
  lastSeenAt: row.last_seen_at,
});

/** The columns of the changes a user update may make. */
const USER_COLUMNS: Record<keyof UserChanges, string> = {
  active: 'active',
  roles: 'roles',
  passwordHash: 'password_hash',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
};

const columnValue = (field: keyof UserChanges, value: UserChanges[keyof UserChanges]): unknown =>
  field === 'roles' ? JSON.stringify(value) : field === 'active' ? (value ? 1 : 0) : value;

/**
 * By code, neither `instanceof SqliteError` nor `instanceof Error`: the native addon builds its errors with the
 * class of the first copy of better-sqlite3 loaded in the process, which may belong to another module registry
 * or realm (Jest test files).
 */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

class SqliteUserRecords implements UserRecords {
  constructor(private readonly db: AuthDatabase) {}

  async insert(user: UserRecord): Promise<boolean> {
    try {
      statementOf(
        this.db,
        `INSERT INTO users (id, username, display_name, password_hash, roles, active, created_at, updated_at,
           failed_logins, locked_until, last_login_at, token_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        user.id,
        user.username,
        user.displayName,
        user.passwordHash,
        JSON.stringify(user.roles),
        user.active ? 1 : 0,
        user.createdAt,
        user.updatedAt,
        user.failedLogins,
        user.lockedUntil,
        user.lastLoginAt,
        user.tokenVersion,
      );
      return true;
    } catch (error) {
      // The UNIQUE NOCASE constraint decides, so two concurrent creations cannot both win.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    return this.rowWhere('id', id);
  }

  async byUsername(username: string): Promise<UserRecord | undefined> {
    return this.rowWhere('username', username);
  }

  async list(): Promise<UserRecord[]> {
    return (statementOf(this.db, 'SELECT * FROM users ORDER BY username').all() as UserRow[]).map(userOf);
  }

  async count(): Promise<number> {
    return (statementOf(this.db, 'SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async recordLogin(seen: UserRecord, outcome: LoginOutcome): Promise<UserRecord | undefined> {
    return this.db.transaction((): UserRecord | undefined => {
      const changed = statementOf(
        this.db,
        `UPDATE users SET failed_logins = ?, locked_until = ?, last_login_at = COALESCE(?, last_login_at)
         WHERE id = ? AND failed_logins = ? AND locked_until IS ? AND password_hash = ? AND active = ?`,
      ).run(
        outcome.failedLogins,
        outcome.lockedUntil,
        outcome.lastLoginAt,
        seen.id,
        seen.failedLogins,
        seen.lockedUntil,
        seen.passwordHash,
        seen.active ? 1 : 0,
      ).changes;
      return changed === 0 ? undefined : this.rowWhere('id', seen.id);
    })();
  }

  async update(
    username: string,
    changes: UserChanges,
    options: { updatedAt: string; bumpTokenVersion: boolean },
  ): Promise<UserRecord | undefined> {
    const fields = Object.keys(changes) as (keyof UserChanges)[];
    const assignments = [
      ...fields.map((field) => `${USER_COLUMNS[field]} = ?`),
      'updated_at = ?',
      ...(options.bumpTokenVersion ? ['token_version = token_version + 1'] : []),
    ];
    return this.db.transaction((): UserRecord | undefined => {
      const result = this.db
        .prepare(`UPDATE users SET ${assignments.join(', ')} WHERE username = ?`)
        .run(...fields.map((field) => columnValue(field, changes[field])), options.updatedAt, username);
      return result.changes === 0 ? undefined : this.rowWhere('username', username);
    })();
  }

  private rowWhere(column: 'id' | 'username', value: string): UserRecord | undefined {
    const row = statementOf(this.db, `SELECT * FROM users WHERE ${column} = ?`).get(value) as
      UserRow | undefined;
    return row === undefined ? undefined : userOf(row);
  }
}

class SqliteRefreshTokenRecords implements RefreshTokenRecords {
  constructor(private readonly db: AuthDatabase) {}

  async insert(record: RefreshTokenRecord): Promise<void> {
    statementOf(
      this.db,
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, token_version, issued_at, expires_at,
         rotated_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.tokenHash,
      record.familyId,
      record.userId,
      record.tokenVersion,
      record.issuedAt,
      record.expiresAt,
      record.rotatedAt,
      record.revokedAt,
    );
  }

  async byHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const row = statementOf(this.db, 'SELECT * FROM refresh_tokens WHERE token_hash = ?').get(tokenHash) as
      RefreshTokenRow | undefined;
    return row === undefined ? undefined : refreshTokenOf(row);
  }

  async markRotated(tokenHash: string, now: number): Promise<boolean> {
    return (
      statementOf(
        this.db,
        `UPDATE refresh_tokens SET rotated_at = ?
         WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
      ).run(now, tokenHash, now).changes === 1
    );
  }

  async revokeFamily(familyId: string, now: number): Promise<number> {
    return statementOf(
      this.db,
      'UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL',
    ).run(now, familyId).changes;
  }

  async revokeOfUser(userId: string, now: number): Promise<number> {
    return statementOf(
      this.db,
      'UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    ).run(now, userId).changes;
  }

  async isFamilyLive(familyId: string, now: number): Promise<boolean> {
    return (
      statementOf(
        this.db,
        `SELECT 1 FROM refresh_tokens
         WHERE family_id = ? AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > ? LIMIT 1`,
      ).get(familyId, now) !== undefined
    );
  }

  async purgeExpired(now: number): Promise<void> {
    statementOf(this.db, 'DELETE FROM refresh_tokens WHERE expires_at <= ?').run(now);
  }
}

class SqliteRevokedAccessTokenRecords implements RevokedAccessTokenRecords {
  constructor(private readonly db: AuthDatabase) {}

  async revoke(jti: string, expiresAt: number, now: number): Promise<void> {
    statementOf(this.db, 'DELETE FROM revoked_access_tokens WHERE expires_at <= ?').run(now);
    if (expiresAt <= now) return;
    statementOf(this.db, 'INSERT OR REPLACE INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?)').run(
      jti,
      expiresAt,
    );
  }

  async isRevoked(jti: string): Promise<boolean> {
    return statementOf(this.db, 'SELECT 1 FROM revoked_access_tokens WHERE jti = ?').get(jti) !== undefined;
  }
}

class SqliteSubjectRecords implements SubjectRecords {
  constructor(private readonly db: AuthDatabase) {}

  async put(subject: SubjectRecord): Promise<void> {
    statementOf(
      this.db,
      `INSERT INTO oidc_subjects (id, username, display_name, roles, last_seen_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
         roles = excluded.roles, last_seen_at = excluded.last_seen_at`,
    ).run(
      subject.id,
      subject.username,
      subject.displayName,
      JSON.stringify(subject.roles),
      subject.lastSeenAt,
    );
  }

  async byId(id: string): Promise<SubjectRecord | undefined> {
    const row = statementOf(this.db, 'SELECT * FROM oidc_subjects WHERE id = ?').get(id) as
      SubjectRow | undefined;
    return row === undefined ? undefined : subjectOf(row);
  }

  async list(): Promise<SubjectRecord[]> {
    return (statementOf(this.db, 'SELECT * FROM oidc_subjects ORDER BY id').all() as SubjectRow[]).map(
      subjectOf,
    );
  }
}

class SqliteSettingRecords implements SettingRecords {
  constructor(private readonly db: AuthDatabase) {}

  async putIfAbsent(key: string, value: string): Promise<string> {
    statementOf(this.db, 'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return (await this.get(key)) as string;
  }

  async get(key: string): Promise<string | undefined> {
    const row = statementOf(this.db, 'SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }
}

/**
 * The embedded identity store: a SQLite file (WAL, busy timeout) that the API replicas and the CLI of ONE host
 * share. better-sqlite3 is synchronous: each method's work is done when its promise is made.
 */
export class SqliteIdentityStore implements IdentityStore {
  readonly users: UserRecords;
  readonly refreshTokens: RefreshTokenRecords;
  readonly revokedAccessTokens: RevokedAccessTokenRecords;
  readonly subjects: SubjectRecords;
  readonly settings: SettingRecords;

  constructor(readonly db: AuthDatabase) {
    this.users = new SqliteUserRecords(db);
    this.refreshTokens = new SqliteRefreshTokenRecords(db);
    this.revokedAccessTokens = new SqliteRevokedAccessTokenRecords(db);
    this.subjects = new SqliteSubjectRecords(db);
    this.settings = new SqliteSettingRecords(db);
  }

  /** Opens (creating the folder and file if missing) and migrates the file at `path`; ':memory:' is private. */
  static open(path: string): SqliteIdentityStore {
    return new SqliteIdentityStore(openAuthDatabase(path));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
