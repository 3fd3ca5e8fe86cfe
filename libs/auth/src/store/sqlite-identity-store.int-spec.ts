import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIdentityStoreContract } from '@app/testing/identity-store-contract';
import { hashRefreshToken, RefreshTokenStore } from '../tokens/refresh-tokens';
import { UsersService } from '../users/users.service';
import type { IdentityStore } from './identity-store.port';
import { SqliteIdentityStore } from './sqlite-identity-store';

const PASSWORD = 'correct horse battery staple';

/** A file in a folder that does not exist yet (opening creates it), and every store opened on it. */
const fileStorage = () => {
  const folder = mkdtempSync(join(tmpdir(), 'identity-'));
  const path = join(folder, 'nested', 'auth.sqlite');
  const opened: SqliteIdentityStore[] = [];
  return {
    path,
    open: async (): Promise<SqliteIdentityStore> => {
      const store = SqliteIdentityStore.open(path);
      opened.push(store);
      return store;
    },
    dispose: async (): Promise<void> => {
      for (const store of opened) await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
};

describeIdentityStoreContract('embedded (SQLite file)', async () => fileStorage());

describe('SqliteIdentityStore specifics', () => {
  let storage: ReturnType<typeof fileStorage>;
  let store: SqliteIdentityStore;

  beforeEach(async () => {
    storage = fileStorage();
    store = await storage.open();
  });
  afterEach(() => storage.dispose());

  it('opens in WAL mode with the schema migrated, and does not re-run migrations on reopen', async () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    const users = new UsersService(store);
    const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
    await store.close();
    await storage.open();
    const reopened = await storage.open();
    expect(await new UsersService(reopened).findById(alice.id)).toEqual(alice);
  });

  it('writes neither a password nor a refresh token to the file', async () => {
    const alice = await new UsersService(store).create({
      username: 'alice',
      password: PASSWORD,
      roles: ['AUDITOR'],
    });
    const issued = await new RefreshTokenStore(store.refreshTokens).issue(alice.id, 0, Date.now(), 60_000);
    expect(store.db.prepare('SELECT token_hash FROM refresh_tokens').all()).toEqual([
      { token_hash: hashRefreshToken(issued.token) },
    ]);
    await store.close();
    const bytes = [storage.path, `${storage.path}-wal`]
      .map((file) => {
        try {
          return readFileSync(file).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    expect(bytes).toContain('$argon2id$');
    expect(bytes).not.toContain(PASSWORD);
    expect(bytes).not.toContain(issued.token);
  });

  it('keeps a private store for :memory:', async () => {
    const first: IdentityStore = SqliteIdentityStore.open(':memory:');
    const second: IdentityStore = SqliteIdentityStore.open(':memory:');
    expect(await first.settings.putIfAbsent('key', 'a')).toBe('a');
    expect(await second.settings.putIfAbsent('key', 'b')).toBe('b');
    await Promise.all([first.close(), second.close()]);
  });
});
