import { randomUUID } from 'node:crypto';
import { openAuthDatabase, type AuthDatabase } from '../store/auth-database';
import { hashRefreshToken, RefreshTokenStore, revokeRefreshTokensOfUser } from './refresh-tokens';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const TTL = 8 * 3600_000;

describe('RefreshTokenStore (rotation and reuse detection)', () => {
  let db: AuthDatabase;
  let store: RefreshTokenStore;
  let userId: string;

  beforeEach(() => {
    db = openAuthDatabase(':memory:');
    store = new RefreshTokenStore(db);
    userId = randomUUID();
    db.prepare(
      `INSERT INTO users (id, username, display_name, password_hash, roles, created_at, updated_at)
       VALUES (?, 'alice', 'Alice', 'x', '["AUDITOR"]', '', '')`,
    ).run(userId);
  });

  afterEach(() => db.close());

  it('issues an opaque token and stores only its hash', () => {
    const issued = store.issue(userId, 0, T0, TTL);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toBe(T0 + TTL);
    const rows = db.prepare('SELECT token_hash FROM refresh_tokens').all() as { token_hash: string }[];
    expect(rows).toEqual([{ token_hash: hashRefreshToken(issued.token) }]);
    expect(JSON.stringify(rows)).not.toContain(issued.token);
  });

  it('rotates: the new token belongs to the same family and keeps the family’s expiry', () => {
    const first = store.issue(userId, 3, T0, TTL);
    const rotation = store.rotate(first.token, T0 + 60_000);
    expect(rotation).toEqual({
      kind: 'ROTATED',
      userId,
      familyId: first.familyId,
      tokenVersion: 3,
      next: { token: expect.any(String), familyId: first.familyId, expiresAt: T0 + TTL },
    });
    if (rotation.kind !== 'ROTATED') throw new Error('unreachable');
    expect(rotation.next.token).not.toBe(first.token);
    expect(store.rotate(rotation.next.token, T0 + 120_000).kind).toBe('ROTATED');
  });

  it('a used token presented again revokes the whole family, including the newest token', () => {
    const first = store.issue(userId, 0, T0, TTL);
    const second = store.rotate(first.token, T0 + 1);
    if (second.kind !== 'ROTATED') throw new Error('expected a rotation');

    expect(store.rotate(first.token, T0 + 2)).toEqual({ kind: 'REUSED', userId, familyId: first.familyId });
    expect(store.rotate(second.next.token, T0 + 3)).toEqual({ kind: 'INVALID' });
    expect(store.isFamilyLive(first.familyId, T0 + 3)).toBe(false);
  });

  it('reuse revokes only that family: another session of the user goes on', () => {
    const stolen = store.issue(userId, 0, T0, TTL);
    const other = store.issue(userId, 0, T0, TTL);
    store.rotate(stolen.token, T0 + 1);
    store.rotate(stolen.token, T0 + 2);
    expect(store.rotate(other.token, T0 + 3).kind).toBe('ROTATED');
  });

  it('refuses unknown, malformed and expired tokens, changing nothing', () => {
    const issued = store.issue(userId, 0, T0, TTL);
    expect(store.rotate('A'.repeat(43), T0)).toEqual({ kind: 'INVALID' });
    expect(store.rotate('not a token', T0)).toEqual({ kind: 'INVALID' });
    expect(store.rotate(issued.token, T0 + TTL)).toEqual({ kind: 'INVALID' });
    expect(store.isFamilyLive(issued.familyId, T0 + TTL)).toBe(false);
  });

  it('revokes a family (logout), and all families of a user (disable, role or password change)', () => {
    const a = store.issue(userId, 0, T0, TTL);
    const b = store.issue(userId, 0, T0, TTL);
    expect(store.isFamilyLive(a.familyId, T0)).toBe(true);

    expect(store.revokeFamily(a.familyId, T0)).toBe(1);
    expect(store.rotate(a.token, T0).kind).toBe('INVALID');
    expect(store.isFamilyLive(b.familyId, T0)).toBe(true);

    expect(revokeRefreshTokensOfUser(db, userId, T0)).toBe(1);
    expect(store.rotate(b.token, T0).kind).toBe('INVALID');
  });

  it('of two uses of one token, however close, only the first rotates: the second is reuse', () => {
    const issued = store.issue(userId, 0, T0, TTL);
    const results = [store.rotate(issued.token, T0), store.rotate(issued.token, T0)].map((r) => r.kind);
    expect(results).toEqual(['ROTATED', 'REUSED']);
  });

  it('purges ended sessions when issuing', () => {
    store.issue(userId, 0, T0, TTL);
    store.issue(userId, 0, T0 + TTL, TTL);
    expect((db.prepare('SELECT COUNT(*) AS n FROM refresh_tokens').get() as { n: number }).n).toBe(1);
  });
});
