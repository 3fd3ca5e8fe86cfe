import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionFromSequence } from '@app/event-store';
import { SqliteReadStore } from '@app/read-models';
import { tableNameOf } from '@app/read-models/embedded/schema';
import {
  CERTIFICATES,
  describeReadStoreContract,
  describeSharedReadStoreContract,
} from '@app/testing/read-store-contract';

describeReadStoreContract('embedded SQLite in memory', async () => {
  const store = SqliteReadStore.open({ path: ':memory:' });
  return { store, dispose: () => store.close() };
});

describe('embedded SQLite on a file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'read-store-contract-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  // One store for the whole suite: the tests must not rely on a fresh database.
  describeReadStoreContract('embedded SQLite file', async () => {
    const store = SqliteReadStore.open({ path: join(directory, 'contract.sqlite') });
    return { store, dispose: () => store.close() };
  });

  // Two connections to one file, as the API and a CLI rebuild open it.
  describeSharedReadStoreContract('embedded SQLite file', async () => {
    const first = SqliteReadStore.open({ path: join(directory, 'shared.sqlite') });
    const second = SqliteReadStore.open({ path: join(directory, 'shared.sqlite') });
    return { first, second, dispose: async () => void (await Promise.all([first.close(), second.close()])) };
  });

  it('keeps documents, checkpoints and the active generation across close and reopen', async () => {
    const path = join(directory, 'durable.sqlite');
    const first = SqliteReadStore.open({ path });
    await first.prepare('registry', 'v3', [{ fields: ['number'], unique: true }]);
    await first.commit({
      projection: 'registry',
      generation: 'v3',
      writes: [{ id: 'c1', document: CERTIFICATES[0] }],
      checkpoint: positionFromSequence(7),
    });
    await first.activate('registry', 'v3');
    await first.close();

    const reopened = SqliteReadStore.open({ path });
    try {
      expect(await reopened.activeGeneration('registry')).toBe('v3');
      expect(await reopened.get('registry', 'c1')).toEqual(CERTIFICATES[0]);
      expect((await reopened.checkpoint('registry', 'v3'))?.position).toEqual(positionFromSequence(7));
    } finally {
      await reopened.close();
    }
  });

  it('uses the index on the field’s column for an indexed equality', async () => {
    const store = SqliteReadStore.open({ path: ':memory:' });
    try {
      await store.prepare('registry', 'v1', [{ fields: ['holder.name'] }]);
      // The plan is only visible through the driver, which the adapter keeps private.
      const db = (store as unknown as { db: Database.Database }).db;
      const table = tableNameOf('registry', 'v1');
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "${table}" WHERE "$.holder.name" = ?`)
        .all('x') as { detail: string }[];
      expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX/);
    } finally {
      await store.close();
    }
  });

  it('a failed commit writes neither documents nor the checkpoint (one transaction)', async () => {
    const store = SqliteReadStore.open({ path: join(directory, 'atomic.sqlite') });
    try {
      await store.prepare('registry', 'v1', [{ fields: ['number'], unique: true }]);
      await store.commit({
        projection: 'registry',
        generation: 'v1',
        writes: [{ id: 'c1', document: CERTIFICATES[0] }],
        checkpoint: positionFromSequence(1),
      });
      const failure = await store
        .commit({
          projection: 'registry',
          generation: 'v1',
          writes: [
            { id: 'c2', document: CERTIFICATES[1] },
            { id: 'c9', document: { ...CERTIFICATES[0], id: 'c9' } },
          ],
          checkpoint: positionFromSequence(2),
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      // Not toThrow: the driver's error class may come from another Jest module registry (not instanceof Error).
      expect(String((failure as { message?: unknown } | null)?.message)).toMatch(/UNIQUE/);
      expect(await store.get('registry', 'c2', 'v1')).toBeNull();
      expect((await store.checkpoint('registry', 'v1'))?.position).toEqual(positionFromSequence(1));
    } finally {
      await store.close();
    }
  });

  it('rejects field paths that are not dotted identifiers', async () => {
    const store = SqliteReadStore.open({ path: ':memory:' });
    try {
      await store.prepare('registry', 'v1', []);
      await store.activate('registry', 'v1');
      await expect(store.find('registry', { where: { "x') OR 1=1 --": { eq: 1 } } })).rejects.toThrow(
        RangeError,
      );
      await expect(store.prepare('registry', 'v2', [{ fields: ['a b'] }])).rejects.toThrow(RangeError);
    } finally {
      await store.close();
    }
  });
});
