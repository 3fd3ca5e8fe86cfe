import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type AuthDatabase = Database.Database;

/**
 * Ordered migrations; PRAGMA user_version records how many ran. Append only: a shipped migration never changes.
 * Usernames are stored lower-case and compared NOCASE, so 'Alice' and 'alice' cannot both exist.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id            TEXT PRIMARY KEY,
     username      TEXT NOT NULL COLLATE NOCASE UNIQUE,
     display_name  TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     roles         TEXT NOT NULL,
     active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
     created_at    TEXT NOT NULL,
     updated_at    TEXT NOT NULL
   );
   CREATE TABLE settings (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // Identity hardening: lockout, last login, token revocation (token_version), refresh-token families, the
  // access-token denylist (logout) and the subjects seen from an OpenID Connect provider. Times are epoch ms.
  `ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE users ADD COLUMN locked_until INTEGER;
   ALTER TABLE users ADD COLUMN last_login_at INTEGER;
   ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE refresh_tokens (
     token_hash    TEXT PRIMARY KEY,
     family_id     TEXT NOT NULL,
     user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     token_version INTEGER NOT NULL,
     issued_at     INTEGER NOT NULL,
     expires_at    INTEGER NOT NULL,
     rotated_at    INTEGER,
     revoked_at    INTEGER
   );
   CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
   CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
   CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);
   CREATE TABLE revoked_access_tokens (
     jti        TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);
   CREATE TABLE oidc_subjects (
     id           TEXT PRIMARY KEY,
     username     TEXT NOT NULL,
     display_name TEXT NOT NULL,
     roles        TEXT NOT NULL,
     last_seen_at INTEGER NOT NULL
   );`,
];

const migrate = (db: AuthDatabase): void => {
  // IMMEDIATE: two processes opening a fresh file at once (API and CLI) must not both run migration 1.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]);
    }
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
};

/** Opens (creating the folder and file if missing) and migrates the auth database. ':memory:' is private to the caller. */
export const openAuthDatabase = (path: string): AuthDatabase => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

const statements = new WeakMap<AuthDatabase, Map<string, Database.Statement>>();

/**
 * `sql` prepared once per database: for the checks every authenticated request runs (preparing a statement costs
 * more than running these lookups).
 */
export const statementOf = (db: AuthDatabase, sql: string): Database.Statement => {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = new Map();
    statements.set(db, prepared);
  }
  let statement = prepared.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    prepared.set(sql, statement);
  }
  return statement;
};
