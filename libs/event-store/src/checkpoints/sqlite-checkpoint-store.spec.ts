import { describeCheckpointStoreContract } from '@app/testing/checkpoint-store-contract';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

describeCheckpointStoreContract('SQLite', async () => {
  const store = SqliteEventStore.open({ path: ':memory:' });
  return { checkpoints: new SqliteCheckpointStore(store), dispose: () => store.close() };
});

describe('SqliteCheckpointStore', () => {
  it('keeps checkpoints on $checkpoint-<name> streams, out of readAll', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      await new SqliteCheckpointStore(store).save('registry', { commit: 3n, prepare: 3n }, null);
      expect(await store.streamExists('$checkpoint-registry')).toBe(true);
      expect(await store.readAll()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
