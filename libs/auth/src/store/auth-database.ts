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
