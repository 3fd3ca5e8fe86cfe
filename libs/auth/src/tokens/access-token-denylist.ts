import { statementOf, type AuthDatabase } from '../store/auth-database';

/**
 * Access tokens revoked before their expiry (logout), by `jti`. Kept in the auth database so every process that
 * shares it (API replicas on one file, the CLI) agrees, and a restart does not revive a logged-out token. A row is
 * useless once its token has expired, and is purged then.
 */
export class AccessTokenDenylist {
  constructor(private readonly db: AuthDatabase) {}

  /** `expiresAt` in epoch ms: the token's own `exp`. */
  revoke(jti: string, expiresAt: number, now: number): void {
    this.db.prepare('DELETE FROM revoked_access_tokens WHERE expires_at <= ?').run(now);
    if (expiresAt <= now) return;
    this.db
      .prepare('INSERT OR REPLACE INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?)')
      .run(jti, expiresAt);
  }

  isRevoked(jti: string): boolean {
    return statementOf(this.db, 'SELECT 1 FROM revoked_access_tokens WHERE jti = ?').get(jti) !== undefined;
  }
}
