import { randomBytes } from 'node:crypto';
import type { AuthDatabase } from './auth-database';

const JWT_SECRET_KEY = 'jwt_secret';

/**
 * The HMAC key for access tokens when AUTH_JWT_SECRET is unset: 32 random bytes made once and kept in the auth
 * database, so tokens survive a restart. INSERT OR IGNORE then read: when two processes race on a fresh
 * database, both end up with the same key.
 */
export const loadOrCreateJwtSecret = (db: AuthDatabase): string => {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(
    JWT_SECRET_KEY,
    randomBytes(32).toString('base64url'),
  );
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(JWT_SECRET_KEY) as { value: string };
  return row.value;
};
