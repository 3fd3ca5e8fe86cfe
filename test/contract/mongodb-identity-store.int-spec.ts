import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { copyIdentities, RefreshTokenStore, SqliteIdentityStore, UsersService } from '@app/auth';
import { MongoIdentityStore } from '@app/auth/store/mongodb-identity-store';
import { describeIdentityStoreContract } from '@app/testing/identity-store-contract';
import { describeWithMongo } from '../infra/mongo/describe-with-mongo';

const PASSWORD = 'correct horse battery staple';
const databasePrefix = `identity_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
let databases = 0;

/** A fresh database, every store opened on it, and the database dropped on dispose. */
const databaseStorage = (uri: string) => {
  const database = `${databasePrefix}_${++databases}`;
  const opened: MongoIdentityStore[] = [];
  return {
    database,
    open: async (): Promise<MongoIdentityStore> => {
      const store = await MongoIdentityStore.connect({
        uri,
        database,
        clientOptions: { serverSelectionTimeoutMS: 5000 },
      });
      opened.push(store);
      return store;
    },
    dispose: async (): Promise<void> => {
      for (const store of opened) await store.close();
      const client = await MongoClient.connect(uri);
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
};

describeWithMongo('MongoDB identity store', (uri) => {
  describeIdentityStoreContract('MongoDB', async () => databaseStorage(uri));

  describe('MongoDB identity store specifics', () => {
    it('keeps the username unique in an index and writes neither a password nor a refresh token', async () => {
      const storage = databaseStorage(uri);
      const client = await MongoClient.connect(uri);
      try {
        const store = await storage.open();
        const alice = await new UsersService(store).create({
          username: 'alice',
          password: PASSWORD,
          roles: ['AUDITOR'],
        });
        const issued = await new RefreshTokenStore(store.refreshTokens).issue(
          alice.id,
          0,
          Date.now(),
          60_000,
        );
        const db = client.db(storage.database);
        expect(await db.collection('users').indexes()).toEqual(
          expect.arrayContaining([expect.objectContaining({ key: { username: 1 }, unique: true })]),
        );
        const everything = JSON.stringify(
          await Promise.all(
            ['users', 'refresh_tokens'].map((name) => db.collection(name).find({}).toArray()),
          ),
        );
        expect(everything).toContain('$argon2id$');
        expect(everything).not.toContain(PASSWORD);
        expect(everything).not.toContain(issued.token);
        // Opening again (another replica starting) finds the indexes in place.
        await storage.open();
      } finally {
        await client.close();
        await storage.dispose();
      }
    });

    it('takes over the accounts of an embedded file (a move to several hosts): they sign in with their passwords', async () => {
      const storage = databaseStorage(uri);
      const file = SqliteIdentityStore.open(':memory:');
      try {
        const before = new UsersService(file);
        const alice = await before.create({
          username: 'alice',
          password: PASSWORD,
          roles: ['DECISION_MAKER'],
        });
        await before.setRoles('alice', ['DECISION_MAKER', 'AUDITOR']);
        const store = await storage.open();
        expect(await copyIdentities(file, store)).toMatchObject({ copied: ['alice'], conflicts: [] });
        const after = new UsersService(store);
        expect(await after.verifyCredentials('alice', PASSWORD)).toEqual(await before.findById(alice.id));
        expect((await store.users.byId(alice.id))?.tokenVersion).toBe(1);
      } finally {
        await file.close();
        await storage.dispose();
      }
    });
  });
});
