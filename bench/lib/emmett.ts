import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SkipCase } from './case';

export type EmmettCore = typeof import('@event-driven-io/emmett');
export type EmmettSqlite = typeof import('@event-driven-io/emmett-sqlite');
/** Emmett's event shape (its `Event` wants a plain record as data; the domain's data types are interfaces). */
export type LooseEvent = { type: string; data: Record<string, unknown> };

export interface Emmett {
  core: EmmettCore;
  sqlite: EmmettSqlite;
  version: string;
}

export const loadEmmett = async (): Promise<Emmett> => {
  try {
    const core = await import('@event-driven-io/emmett');
    const sqlite = await import('@event-driven-io/emmett-sqlite');
    const manifest = join(
      dirname(dirname(require.resolve('@event-driven-io/emmett-sqlite'))),
      'package.json',
    );
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return { core, sqlite, version };
  } catch (error) {
    throw new SkipCase(
      `Emmett's SQLite event store cannot be loaded here (${(error as Error).message.split('\n')[0]}): ` +
        '@event-driven-io/emmett-sqlite needs the sqlite3 native addon, built from source at npm install',
    );
  }
};

/**
 * Emmett 0.38's SQLite store opens a sqlite3 connection for every operation and starts it with
 * `db.run('PRAGMA journal_mode = WAL')` without waiting for it. sqlite3 runs one connection's statements in
 * parallel (it is not in serialized mode), and that PRAGMA returns a row, so it stays in progress until it is
 * finalised: when the operation's own statements overtake it, the transaction's COMMIT fails with this error.
 * Measured with sqlite3 alone, Emmett's statements in a loop: 12 of 5,000 transactions failed so, none once the
 * PRAGMA was awaited; through Emmett, a few commands in a thousand. Emmett then rolls the transaction back, so
 * nothing was stored (the same loop's rows matched its successful commits) and the command can be run again.
 */
const COMMIT_RACE = 'SQLITE_BUSY: cannot commit transaction - SQL statements in progress';

/** The retry policy for that race (Emmett's own `asyncRetry` options): at once, at most twice, counted. */
export const commitRaceRetry = (onRetry: () => void) => ({
  retries: 2,
  minTimeout: 0,
  maxTimeout: 0,
  shouldRetryError: (error: unknown) => error instanceof Error && error.message.includes(COMMIT_RACE),
  onRetry,
});
