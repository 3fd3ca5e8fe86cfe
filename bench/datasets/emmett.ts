import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  certificateDecider,
  certificateStreamName,
  fold,
  type CertificateCommand,
  type CertificateState,
} from '@app/domain';
import { delay } from '../lib/children';
import { commitRaceRetry, type Emmett, type LooseEvent } from '../lib/emmett';
import { datasetDir } from '../lib/paths';
import type { Profile } from '../lib/profile';
import { sourceHash } from '../lib/source-hash';
import { certificateHistory, schemes } from './cache';

/**
 * The same certificates as the command dataset, written through Emmett's SQLite event store (one append of each
 * certificate's events, decided by the same decider); cached like the other datasets.
 */
export const ensureEmmettDataset = async (
  profile: Profile,
  emmett: Emmett,
  numbers: readonly string[],
): Promise<string> => {
  const key = sourceHash(
    ['bench/datasets', 'apps/cli/src/demo/organisations.ts', 'libs/domain/src'],
    ['emmett', String(profile.commandCertificates), String(profile.commandStreamLength)],
  );
  const path = join(
    datasetDir(`emmett-${profile.commandCertificates}x${profile.commandStreamLength}`, key),
    'events.sqlite',
  );
  if (existsSync(path)) return path;
  const temporary = `${path}.tmp`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(temporary + suffix, { force: true });
  const store = emmett.sqlite.getSQLiteEventStore({ fileName: temporary });
  const retry = commitRaceRetry(() => undefined);
  const catalogue = schemes();
  for (let index = 0; index < numbers.length; index++) {
    let state: CertificateState = certificateDecider.initialState;
    const events: LooseEvent[] = [];
    for (const step of certificateHistory(index, profile.commandStreamLength)) {
      const decided = certificateDecider.decide(
        {
          ...step.command,
          context: { actor: step.actor, now: step.now, schemes: catalogue },
        } as CertificateCommand,
        state,
      );
      state = fold(certificateDecider.evolve, state, decided);
      events.push(...(decided as unknown as LooseEvent[]));
    }
    // Expected at the version of a new stream (Emmett checks a numeric version only): should a retried append
    // have been stored after all, the retry fails instead of doubling the stream.
    await emmett.core.asyncRetry(
      () =>
        store.appendToStream(certificateStreamName(numbers[index]), events, {
          expectedStreamVersion: emmett.sqlite.SQLiteEventStoreDefaultStreamVersion,
        }),
      retry,
    );
  }
  // Emmett closes its connection after each operation without waiting: let the last close finish, then fold the
  // WAL into the file so that copying the file alone copies every event.
  await delay(200);
  const db = new Database(temporary);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(temporary, path);
  return path;
};
