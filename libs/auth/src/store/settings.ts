import { randomBytes } from 'node:crypto';
import type { IdentityStore } from './identity-store.port';

/** The setting that holds the generated access-token key. */
export const JWT_SECRET_KEY = 'jwt_secret';

/**
 * The HMAC key for access tokens when AUTH_JWT_SECRET is unset: 32 random bytes made once and kept in the identity
 * store, so tokens survive a restart and every process sharing the store signs with one key. When two processes
 * race on a fresh store, both end up with the same key.
 */
export const loadOrCreateJwtSecret = (store: IdentityStore): Promise<string> =>
  store.settings.putIfAbsent(JWT_SECRET_KEY, randomBytes(32).toString('base64url'));
