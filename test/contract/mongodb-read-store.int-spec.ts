import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { positionFromSequence } from '@app/event-store';
import type { ReadDocument } from '@app/read-models';
import { MongoReadStore } from '@app/read-models/mongodb';
import {
  CERTIFICATES,
  describeReadStoreContract,
  describeSharedReadStoreContract,
} from '@app/testing/read-store-contract';
import { describeWithMongo } from '../infra/mongo/describe-with-mongo';

/**
 * The MongoDB adapter under the shared contract, against the server in MONGODB_TEST_URI (.ci/run starts
 * mongo-java-server and sets it) or a real MongoDB in MONGODB_URI. Each store uses a fresh database.
 */
const databasePrefix = `read_store_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
let databases = 0;
const freshDatabase = (): string => `${databasePrefix}_${++databases}`;

const dropDatabase = async (mongoUri: string, database: string): Promise<void> => {
  const client = await MongoClient.connect(mongoUri);
  try {
    await client.db(database).dropDatabase();
  } finally {
    await client.close();
  }
};

const connectStore = (mongoUri: string, database: string): Promise<MongoReadStore> =>
  MongoReadStore.connect({ uri: mongoUri, database, clientOptions: { serverSelectionTimeoutMS: 5000 } });

/** A store on a fresh database, dropped again on dispose. */
const openStore = async (mongoUri: string): Promise<{ store: MongoReadStore; dispose(): Promise<void> }> => {
  const database = freshDatabase();
  const store = await connectStore(mongoUri, database);
  return {
    store,
    dispose: async () => {
      await store.close();
      await dropDatabase(mongoUri, database);
    },
  };
};

describeWithMongo('MongoDB read store', (mongoUri) => {
  describe('MongoDB driver round trip', () => {
    let client: MongoClient;
    const database = freshDatabase();
    beforeAll(async () => {
      client = await MongoClient.connect(mongoUri, { serverSelectionTimeoutMS: 5000 });
    });
    afterAll(async () => {
      await client.db(database).dropDatabase();
      await client.close();
    });

    it('connects, inserts, finds, indexes and bulk-writes', async () => {
      const collection = client
        .db(database)
        .collection<{ _id: string; n: number; tag?: string }>('round_trip');
      await collection.insertOne({ _id: 'a', n: 1 });
      expect(await collection.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });

      expect(
        await collection.createIndexes([{ key: { tag: 1 }, name: 'tag', unique: true, sparse: true }]),
      ).toEqual(['tag']);
      const result = await collection.bulkWrite(
        [
          { replaceOne: { filter: { _id: 'b' }, replacement: { n: 2, tag: 'x' }, upsert: true } },
          { replaceOne: { filter: { _id: 'a' }, replacement: { n: 10 }, upsert: true } },
          { deleteOne: { filter: { _id: 'missing' } } },
        ],
        { ordered: true },
      );
      expect(result.upsertedCount).toBe(1);
      expect(result.modifiedCount).toBe(1);
      expect(await collection.find({}).sort({ _id: 1 }).toArray()).toEqual([
        { _id: 'a', n: 10 },
        { _id: 'b', n: 2, tag: 'x' },
      ]);
      // The unique index holds: error 11000, as from a real server.
      await expect(collection.insertOne({ _id: 'c', n: 3, tag: 'x' })).rejects.toMatchObject({ code: 11000 });
    });
  });

  describeReadStoreContract('MongoDB', () => openStore(mongoUri));

  // Two clients on one database, as the API and a CLI rebuild connect.
  describeSharedReadStoreContract('MongoDB', async () => {
    const database = freshDatabase();
    const [first, second] = [await connectStore(mongoUri, database), await connectStore(mongoUri, database)];
    return {
      first,
      second,
      dispose: async () => {
        await Promise.all([first.close(), second.close()]);
        await dropDatabase(mongoUri, database);
      },
    };
  });

  describe('MongoDB read store specifics', () => {
    let fixture: { store: MongoReadStore; dispose(): Promise<void> };
    let store: MongoReadStore;
    beforeAll(async () => {
      fixture = await openStore(mongoUri);
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    it('a failed commit leaves the checkpoint behind; re-applying the batch after the fix succeeds', async () => {
      await store.prepare('atomicity', 'v1', [{ fields: ['number'], unique: true }]);
      await store.commit({
        projection: 'atomicity',
        generation: 'v1',
        writes: [{ id: 'c1', document: CERTIFICATES[0] }],
        checkpoint: positionFromSequence(1),
      });
      const clashing = { ...CERTIFICATES[0], id: 'c9' };
      await expect(
        store.commit({
          projection: 'atomicity',
          generation: 'v1',
          writes: [
            { id: 'c2', document: CERTIFICATES[1] },
            { id: 'c9', document: clashing },
          ],
          checkpoint: positionFromSequence(2),
        }),
      ).rejects.toMatchObject({ code: 11000 });
      // No transaction: writes before the failing one stay, but the checkpoint does not move, so the runner
      // re-applies the batch (documents are idempotent through `_sources`).
      expect((await store.checkpoint('atomicity', 'v1'))?.position).toEqual(positionFromSequence(1));
      await store.commit({
        projection: 'atomicity',
        generation: 'v1',
        writes: [
          { id: 'c2', document: CERTIFICATES[1] },
          { id: 'c9', document: { ...clashing, number: 'CMM-2025-0009' } },
        ],
        checkpoint: positionFromSequence(2),
      });
      expect((await store.find('atomicity', {}, 'v1')).total).toBe(3);
      expect((await store.checkpoint('atomicity', 'v1'))?.position).toEqual(positionFromSequence(2));
    });

    it('creates a sparse index as a sparse one', async () => {
      const database = freshDatabase();
      const sparseStore = await connectStore(mongoUri, database);
      const client = await MongoClient.connect(mongoUri);
      try {
        await sparseStore.prepare('sparse', 'v1', [{ fields: ['deadline.dueOn'], sparse: true }]);
        const [collection] = await client
          .db(database)
          .listCollections({ name: /^rm_sparse/ })
          .toArray();
        const indexes = await client.db(database).collection(collection.name).indexes();
        expect(indexes).toEqual(
          expect.arrayContaining([expect.objectContaining({ key: { 'deadline.dueOn': 1 }, sparse: true })]),
        );
      } finally {
        await client.close();
        await sparseStore.close();
        await dropDatabase(mongoUri, database);
      }
    });

    it('handles projection and generation names that are not collection-name safe', async () => {
      const projection = 'registry/公开 $name';
      await store.prepare(projection, 'v2.r1732790000', []);
      await store.prepare(projection, 'v2_r1732790000', []);
      await store.commit({
        projection,
        generation: 'v2.r1732790000',
        writes: [{ id: 'c1', document: CERTIFICATES[0] }],
        checkpoint: positionFromSequence(1),
      });
      // Names that sanitise alike still get collections of their own.
      expect((await store.find(projection, {}, 'v2.r1732790000')).total).toBe(1);
      expect((await store.find(projection, {}, 'v2_r1732790000')).total).toBe(0);
      expect(await store.generations(projection)).toEqual(['v2.r1732790000', 'v2_r1732790000']);
    });

    it('returns documents with id and without _id, as their JSON reads', async () => {
      await store.prepare('json', 'v1', []);
      const document = {
        id: 'j1',
        at: new Date('2026-01-02T03:04:05.000Z'),
        gone: undefined,
        list: [1, 'two'],
      };
      await store.commit({
        projection: 'json',
        generation: 'v1',
        writes: [{ id: 'j1', document }],
        checkpoint: positionFromSequence(1),
      });
      const stored = await store.get('json', 'j1', 'v1');
      expect(stored).toStrictEqual({ id: 'j1', at: '2026-01-02T03:04:05.000Z', list: [1, 'two'] });
    });

    it('contains folds ASCII case only, as the embedded adapter does', async () => {
      await store.prepare('folding', 'v1', []);
      const named = (id: string, name: string): ReadDocument => ({ id, name }) as ReadDocument;
      await store.commit({
        projection: 'folding',
        generation: 'v1',
        writes: [
          { id: 'f1', document: named('f1', 'ÉCOLE Fuzhou') },
          { id: 'f2', document: named('f2', 'école fuzhou') },
        ],
        checkpoint: positionFromSequence(1),
      });
      const contains = async (needle: string): Promise<string[]> =>
        (await store.find('folding', { where: { name: { contains: needle } } }, 'v1')).items.map(
          (item) => item.id,
        );
      expect(await contains('FUZHOU')).toEqual(['f1', 'f2']);
      expect(await contains('école')).toEqual(['f2']);
    });

    it('rejects field paths that are not dotted identifiers', async () => {
      await store.prepare('paths', 'v1', []);
      await store.activate('paths', 'v1');
      await expect(store.find('paths', { where: { $where: { eq: 1 } } })).rejects.toThrow(RangeError);
      await expect(store.find('paths', { sort: [{ field: 'a..b', direction: 'asc' }] })).rejects.toThrow(
        RangeError,
      );
      await expect(store.prepare('paths', 'v2', [{ fields: ['a b'] }])).rejects.toThrow(RangeError);
    });
  });
});
