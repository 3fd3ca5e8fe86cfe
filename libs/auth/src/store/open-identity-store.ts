import { EnvironmentError, type Environment } from '@app/config';
import type { IdentityStore } from './identity-store.port';
import { SqliteIdentityStore } from './sqlite-identity-store';

export type IdentityStoreEnvironment = Pick<
  Environment,
  'AUTH_STORE' | 'AUTH_DB_PATH' | 'MONGODB_URI' | 'AUTH_MONGODB_DATABASE'
>;

/** The identity store AUTH_STORE names: the embedded file at AUTH_DB_PATH, or MongoDB at MONGODB_URI. */
export const openIdentityStore = async (environment: IdentityStoreEnvironment): Promise<IdentityStore> => {
  if (environment.AUTH_STORE === 'embedded') return SqliteIdentityStore.open(environment.AUTH_DB_PATH);
  if (!environment.MONGODB_URI) throw new EnvironmentError('AUTH_STORE=mongodb needs MONGODB_URI');
  // Loaded only when chosen, so the embedded setup never loads the MongoDB driver.
  const { MongoIdentityStore } = await import('./mongodb-identity-store');
  return MongoIdentityStore.connect({
    uri: environment.MONGODB_URI,
    database: environment.AUTH_MONGODB_DATABASE,
  });
};
