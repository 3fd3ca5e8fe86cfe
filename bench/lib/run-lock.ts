import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { CACHE_DIR } from './paths';

/** The lock's directory, inside the cache it guards (gitignored with it). */
const LOCK_PATH = join(CACHE_DIR, 'run.lock');

/**
 * One bench run at a time in a checkout. Two runs at once share the cached datasets — one may delete or rename
 * files the other is still generating, and the cache then holds read models built from part of a log — and each
 * measures the other's load. The lock is held for the whole run (its own-process cases run under it) and is
 * released when the process ends, however it ends; a lock whose holder died goes stale after a minute.
 */
export const lockBenchRun = async (): Promise<() => Promise<void>> => {
  mkdirSync(CACHE_DIR, { recursive: true });
  try {
    return await lockfile.lock(CACHE_DIR, {
      lockfilePath: LOCK_PATH,
      stale: 60_000,
      update: 10_000,
      onCompromised: (error) => {
        console.error(`bench: lost the lock on ${CACHE_DIR} (${error.message}); stopping`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new Error(
        `bench: another bench run is using ${CACHE_DIR} (its lock: ${LOCK_PATH}); run one at a time`,
      );
    }
    throw error;
  }
};
