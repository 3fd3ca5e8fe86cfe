import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { statementOf, type AuthDatabase } from '../store/auth-database';

/** SHA-256 of the opaque token: enough for 256 random bits (no dictionary to guess from), and a fast lookup. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A refresh token looks like this (43 base64url characters); anything else is refused before a lookup. */
export const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

interface RefreshTokenRow {
  token_hash: string;
  family_id: string;
  user_id: string;
  token_version: number;
  issued_at: number;
  expires_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  /** Epoch ms: the end of the session, the same for every token of the family. */
  expiresAt: number;
}

export type RotationResult =
  | {
      kind: 'ROTATED';
      userId: string;
      familyId: string;
      tokenVersion: number;
      next: IssuedRefreshToken;
    }
  /** Unknown, expired or already revoked: nothing changes. */
  | { kind: 'INVALID' }
  /** A token that was already exchanged came back: someone holds a copy, so the whole family is now revoked. */
  | { kind: 'REUSED'; userId: string; familyId: string };

/** Revokes every live refresh token of a user (disable, role or password change). */
export const revokeRefreshTokensOfUser = (db: AuthDatabase, userId: string, now: number): number =>
  db
    .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(now, userId).changes;

/**
 * Refresh tokens: opaque, stored only as their hash, one family per login. Each use rotates: the presented token
 * is marked used and a new one of the same family is issued, expiring with the family (the session ends
 * AUTH_REFRESH_TTL_SECONDS after the password login, however often it is refreshed). Presenting a used token
 * again means it was copied: the family is revoked, so neither the thief nor the user can go on without a new
 * login. better-sqlite3 is synchronous, so each check-and-mark is one transaction and two concurrent uses of one
 * token cannot both rotate.
 */
export class RefreshTokenStore {
  constructor(private readonly db: AuthDatabase) {}

  /** A new family (a login). */
  issue(userId: string, tokenVersion: number, now: number, ttlMs: number): IssuedRefreshToken {
    this.purgeExpired(now);
    return this.insert(randomUUID(), userId, tokenVersion, now, now + ttlMs);
  }

  rotate(token: string, now: number): RotationResult {
    if (!REFRESH_TOKEN_PATTERN.test(token)) return { kind: 'INVALID' };
    const hash = hashRefreshToken(token);
    return this.db
      .transaction((): RotationResult => {
        const row = this.db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?').get(hash) as
          RefreshTokenRow | undefined;
        if (row === undefined || row.revoked_at !== null || row.expires_at <= now) return { kind: 'INVALID' };
        if (row.rotated_at !== null) {
          this.revokeFamily(row.family_id, now);
          return { kind: 'REUSED', userId: row.user_id, familyId: row.family_id };
        }
        this.db.prepare('UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ?').run(now, hash);
        return {
          kind: 'ROTATED',
          userId: row.user_id,
          familyId: row.family_id,
          tokenVersion: row.token_version,
          next: this.insert(row.family_id, row.user_id, row.token_version, now, row.expires_at),
        };
      })
      .immediate();
  }

  /** Logout, reuse, or a user whose tokens were revoked. Returns how many live tokens it revoked. */
  revokeFamily(familyId: string, now: number): number {
    return this.db
      .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL')
      .run(now, familyId).changes;
  }

  /** The session and owner of a refresh token (used, revoked or not), or undefined when unknown. */
  familyOf(token: string): { familyId: string; userId: string } | undefined {
    if (!REFRESH_TOKEN_PATTERN.test(token)) return undefined;
    const row = this.db
      .prepare('SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = ?')
      .get(hashRefreshToken(token)) as Pick<RefreshTokenRow, 'family_id' | 'user_id'> | undefined;
    return row === undefined ? undefined : { familyId: row.family_id, userId: row.user_id };
  }

  /** Whether the family still has a usable token (a session not logged out, revoked or ended). */
  isFamilyLive(familyId: string, now: number): boolean {
    return (
      statementOf(
        this.db,
        `SELECT 1 FROM refresh_tokens
         WHERE family_id = ? AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > ? LIMIT 1`,
      ).get(familyId, now) !== undefined
    );
  }

  private insert(
    familyId: string,
    userId: string,
    tokenVersion: number,
    now: number,
    expiresAt: number,
  ): IssuedRefreshToken {
    const token = newOpaqueToken();
    this.db
      .prepare(
        `INSERT INTO refresh_tokens (token_hash, family_id, user_id, token_version, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(hashRefreshToken(token), familyId, userId, tokenVersion, now, expiresAt);
    return { token, familyId, expiresAt };
  }

  /** Ended sessions are of no use any more, not even for reuse detection (an expired token is refused anyway). */
  private purgeExpired(now: number): void {
    this.db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?').run(now);
  }
}
