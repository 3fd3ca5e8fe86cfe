import { positionFromSequence } from '@app/event-store';
import type { ReadDocument } from '../projection';
import { SqliteReadStore } from './sqlite-read-store';

const numbered = (id: string, n: number): ReadDocument & { n: number } => ({ id, n });

describe('SqliteReadStore group commit', () => {
  let store: SqliteReadStore;
  beforeEach(async () => {
    store = SqliteReadStore.open({ path: ':memory:' });
    for (const projection of ['a', 'b', 'c']) {
      await store.prepare(projection, 'v1', [{ fields: ['n'], unique: true }]);
      await store.activate(projection, 'v1');
    }
    await store.commit({
      projection: 'b',
      generation: 'v1',
      writes: [{ id: 'taken', document: numbered('taken', 1) }],
      checkpoint: positionFromSequence(1),
    });
  });
  afterEach(() => store.close());

  it('commits of one turn land together, and a failing one is rolled back alone, documents included', async () => {
    const results = await Promise.allSettled([
      store.commit({
        projection: 'a',
        generation: 'v1',
        writes: [{ id: 'x', document: numbered('x', 1) }],
        checkpoint: positionFromSequence(5),
      }),
      store.commit({
        projection: 'b',
        generation: 'v1',
        // The first write is fine, the second breaks the unique index: neither may stay.
        writes: [
          { id: 'y', document: numbered('y', 2) },
          { id: 'z', document: numbered('z', 1) },
        ],
        checkpoint: positionFromSequence(5),
      }),
      store.commit({
        projection: 'c',
        generation: 'v1',
        writes: [{ id: 'w', document: numbered('w', 1) }],
        checkpoint: positionFromSequence(5),
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.get('b', 'y')).toBeNull();
    expect((await store.checkpoint('b', 'v1'))?.position).toEqual(positionFromSequence(1));
    expect(await store.get('a', 'x')).toEqual(numbered('x', 1));
    expect(await store.get('c', 'w')).toEqual(numbered('w', 1));
  });

  it('close writes the commits already accepted', async () => {
    const pending = store.commit({
      projection: 'a',
      generation: 'v1',
      writes: [{ id: 'late', document: numbered('late', 9) }],
      checkpoint: positionFromSequence(7),
    });
    await store.close();
    await expect(pending).resolves.toBeUndefined();
  });
});
