import type Database from 'better-sqlite3';
import { REFERENCING_EVENT_TYPES, STREAM_REFERENCES_VERSION, streamReferencesOf } from '@app/domain';

/** Schema version stored in `PRAGMA user_version`: 2 added the stream references index. */
export const SCHEMA_VERSION = 2;

/**
 * One append-only table. `global_position` (AUTOINCREMENT, never reused) is the log order; SQLite has a
 * single writer, so positions become visible in commit order and a reader never sees a later gap filled.
 * UNIQUE(stream_id, stream_revision) is the stream index and the last line of optimistic concurrency.
 *
 * `stream_references` indexes which stream names which (`streamReferencesOf`), written in the transaction of
 * the append; `stream_references_rules` holds the version of the rules it was derived with — when the code's
 * rules are newer, the index is derived again from the stored events (also the backfill of older stores).
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
    CREATE TABLE IF NOT EXISTS stream_references (
      stream_id            TEXT NOT NULL,
      referenced_stream_id TEXT NOT NULL,
      PRIMARY KEY (stream_id, referenced_stream_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS stream_references_by_referenced
      ON stream_references (referenced_stream_id, stream_id);
    CREATE TABLE IF NOT EXISTS stream_references_rules (version INTEGER NOT NULL);
  `);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`Event store schema version ${version} is newer than this code (${SCHEMA_VERSION})`);
  }
  if (rulesVersion(db) !== STREAM_REFERENCES_VERSION) {
    // IMMEDIATE: a second process opening the store at the same time waits, then finds the index current.
    db.transaction(() => deriveStreamReferences(db)).immediate();
  }
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
};

/** Events read per query while the references index is derived. */
const BACKFILL_PAGE_SIZE = 1000;

/** The version of the rules the references index was derived with; null before the first derivation. */
const rulesVersion = (db: Database.Database): number | null => {
  const rules = db.prepare('SELECT max(version) AS version FROM stream_references_rules').get();
  return (rules as { version: number | null }).version;
};

/** Derives the references index from the stored events, unless (checked again under the lock) it is current. */
const deriveStreamReferences = (db: Database.Database): void => {
  const version = rulesVersion(db);
  if (version === STREAM_REFERENCES_VERSION) return;
  if (version !== null && version > STREAM_REFERENCES_VERSION) {
    throw new Error(
      `Stream references rules version ${version} is newer than this code (${STREAM_REFERENCES_VERSION})`,
    );
  }
  db.exec('DELETE FROM stream_references; DELETE FROM stream_references_rules;');
  const insert = insertReferenceStatement(db);
  // In pages: the connection cannot insert while a query is being iterated.
  const page = db.prepare<
    unknown[],
    { global_position: number; stream_id: string; type: string; data: string }
  >(
    `SELECT global_position, stream_id, type, data FROM events
      WHERE global_position > ? AND type IN (${REFERENCING_EVENT_TYPES.map(() => '?').join(', ')})
      ORDER BY global_position LIMIT ${BACKFILL_PAGE_SIZE}`,
  );
  for (let after = 0; ;) {
    const rows = page.all(after, ...REFERENCING_EVENT_TYPES);
    if (rows.length === 0) break;
    for (const row of rows) {
      for (const referenced of streamReferencesOf(row.stream_id, row.type, parseOrNull(row.data))) {
        insert.run(row.stream_id, referenced);
      }
    }
    after = rows[rows.length - 1].global_position;
  }
  db.prepare('INSERT INTO stream_references_rules (version) VALUES (?)').run(STREAM_REFERENCES_VERSION);
};

/** Stored data that no longer parses (tampering) refers to nothing; verification reports it, not the migration. */
const parseOrNull = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

export const insertReferenceStatement = (db: Database.Database): Database.Statement<[string, string]> =>
  db.prepare('INSERT OR IGNORE INTO stream_references (stream_id, referenced_stream_id) VALUES (?, ?)');
