import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RefreshTokenRecords } from '../store/identity-store.port';

/** SHA-256 of the opaque token: enough for 256 random bits (no dictionary to guess from), and a fast lookup. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A refresh token looks like this (43 base64url characters); anything else is refused before a lookup. */
export const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

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

/**
 * Refresh tokens: opaque, stored only as their hash, one family per login. Each use rotates: the presented token
 * is marked used and a new one of the same family is issued, expiring with the family (the session ends
 * AUTH_REFRESH_TTL_SECONDS after the password login, however often it is refreshed). Presenting a used token
 * again means it was copied: the family is revoked, so neither the thief nor the user can go on without a new
 * login. The store marks a token used for one caller only, so two concurrent uses of one token cannot both rotate.
 */
export class RefreshTokenStore {
  constructor(private readonly records: RefreshTokenRecords) {}

  /** A new family (a login). */
  async issue(userId: string, tokenVersion: number, now: number, ttlMs: number): Promise<IssuedRefreshToken> {
    // Ended sessions are of no use any more, not even for reuse detection (an expired token is refused anyway).
    await this.records.purgeExpired(now);
    return this.insert(randomUUID(), userId, tokenVersion, now, now + ttlMs);
  }

  async rotate(token: string, now: number): Promise<RotationResult> {
    if (!REFRESH_TOKEN_PATTERN.test(token)) return { kind: 'INVALID' };
    const hash = hashRefreshToken(token);
    const record = await this.records.byHash(hash);
    if (record === undefined || record.revokedAt !== null || record.expiresAt <= now)
      return { kind: 'INVALID' };
    if (!(await this.records.markRotated(hash, now))) {
      // Used already (now or by a concurrent call), unless it was revoked or ended meanwhile.
      const current = await this.records.byHash(hash);
      if (current === undefined || current.rotatedAt === null || current.revokedAt !== null) {
        return { kind: 'INVALID' };
      }
      await this.records.revokeFamily(current.familyId, now);
      return { kind: 'REUSED', userId: current.userId, familyId: current.familyId };
    }
    const next = await this.insert(
      record.familyId,
      record.userId,
      record.tokenVersion,
      now,
      record.expiresAt,
    );
    // A copy presented at the same moment may have revoked the family between the two writes above, before the new
    // token existed: then the new token goes too. (A revocation after this read covers it, as it is stored.)
    if ((await this.records.byHash(hash))?.revokedAt !== null) {
      await this.records.revokeFamily(record.familyId, now);
      return { kind: 'INVALID' };
    }
    return {
      kind: 'ROTATED',
      userId: record.userId,
      familyId: record.familyId,
      tokenVersion: record.tokenVersion,
      next,
    };
  }

  /** Logout, reuse, or a user whose tokens were revoked. Returns how many live tokens it revoked. */
  revokeFamily(familyId: string, now: number): Promise<number> {
    return this.records.revokeFamily(familyId, now);
  }

  /** The session and owner of a refresh token (used, revoked or not), or undefined when unknown. */
  async familyOf(token: string): Promise<{ familyId: string; userId: string } | undefined> {
    if (!REFRESH_TOKEN_PATTERN.test(token)) return undefined;
    const record = await this.records.byHash(hashRefreshToken(token));
    return record === undefined ? undefined : { familyId: record.familyId, userId: record.userId };
  }

  /** Whether the family still has a usable token (a session not logged out, revoked or ended). */
  isFamilyLive(familyId: string, now: number): Promise<boolean> {
    return this.records.isFamilyLive(familyId, now);
  }

  private async insert(
    familyId: string,
    userId: string,
    tokenVersion: number,
    now: number,
    expiresAt: number,
  ): Promise<IssuedRefreshToken> {
    const token = newOpaqueToken();
    await this.records.insert({
      tokenHash: hashRefreshToken(token),
      familyId,
      userId,
      tokenVersion,
      issuedAt: now,
      expiresAt,
      rotatedAt: null,
      revokedAt: null,
    });
    return { token, familyId, expiresAt };
  }
}
