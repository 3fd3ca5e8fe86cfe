import { EnvironmentError } from '@app/config';
import { openIdentityStore } from './open-identity-store';
import { SqliteIdentityStore } from './sqlite-identity-store';

describe('openIdentityStore', () => {
  const base = {
    AUTH_STORE: 'embedded',
    AUTH_DB_PATH: ':memory:',
    AUTH_MONGODB_DATABASE: 'certification_identity',
  } as const;

  it('opens the embedded file for AUTH_STORE=embedded, whatever MONGODB_URI says', async () => {
    const store = await openIdentityStore({ ...base, MONGODB_URI: 'mongodb://unreachable.invalid:1' });
    expect(store).toBeInstanceOf(SqliteIdentityStore);
    await store.close();
  });

  it('refuses AUTH_STORE=mongodb without MONGODB_URI, naming both', async () => {
    const opening = openIdentityStore({ ...base, AUTH_STORE: 'mongodb' });
    await expect(opening).rejects.toThrow(EnvironmentError);
    await expect(opening).rejects.toThrow('AUTH_STORE=mongodb needs MONGODB_URI');
  });
});
