import type Database from 'better-sqlite3';

/** Schema version stored in `PRAGMA user_version`, for future migrations. */
export const SCHEMA_VERSION = 1;

/**
 * One append-only table. `global_position` (AUTOINCREMENT, never reused) is the log order; SQLite has a
 * single writer, so positions become visible in commit order and a reader never sees a later gap filled.
 * UNIQUE(stream_id, stream_revision) is the stream index and the last line of optimistic concurrency.
 */
export const migrate = (db: Database.Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      global_position INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id        TEXT    NOT NULL UNIQUE,
      stream_id       TEXT    NOT NULL,
      stream_revision INTEGER NOT NULL,
      type            TEXT    NOT NULL,
      schema_version  INTEGER NOT NULL,
      data            TEXT    NOT NULL,
      metadata        TEXT    NOT NULL,
      recorded_at     TEXT    NOT NULL,
      UNIQUE (stream_id, stream_revision)
    );
  `);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`Event store schema version ${version} is newer than this code (${SCHEMA_VERSION})`);
  }
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
};

export interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}
