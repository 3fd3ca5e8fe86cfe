import { randomUUID } from 'node:crypto';
import { userRecord } from '@app/testing/identity-store-contract';
import type { RefreshTokenRecord, RefreshTokenRecords } from '../store/identity-store.port';
import { SqliteIdentityStore } from '../store/sqlite-identity-store';
import { hashRefreshToken, RefreshTokenStore } from './refresh-tokens';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const TTL = 8 * 3600_000;

describe('RefreshTokenStore (rotation and reuse detection)', () => {
  let identities: SqliteIdentityStore;
  let store: RefreshTokenStore;
  let userId: string;

  beforeEach(async () => {
    identities = SqliteIdentityStore.open(':memory:');
    store = new RefreshTokenStore(identities.refreshTokens);
    userId = randomUUID();
    await identities.users.insert(userRecord({ id: userId }));
  });

  afterEach(() => identities.close());

  it('issues an opaque token and stores only its hash', async () => {
    const issued = await store.issue(userId, 0, T0, TTL);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toBe(T0 + TTL);
    const rows = identities.db.prepare('SELECT token_hash FROM refresh_tokens').all() as {
      token_hash: string;
    }[];
    expect(rows).toEqual([{ token_hash: hashRefreshToken(issued.token) }]);
    expect(JSON.stringify(rows)).not.toContain(issued.token);
  });

  it('rotates: the new token belongs to the same family and keeps the family’s expiry', async () => {
    const first = await store.issue(userId, 3, T0, TTL);
    const rotation = await store.rotate(first.token, T0 + 60_000);
    expect(rotation).toEqual({
      kind: 'ROTATED',
      userId,
      familyId: first.familyId,
      tokenVersion: 3,
      next: { token: expect.any(String), familyId: first.familyId, expiresAt: T0 + TTL },
    });
    if (rotation.kind !== 'ROTATED') throw new Error('unreachable');
    expect(rotation.next.token).not.toBe(first.token);
    expect((await store.rotate(rotation.next.token, T0 + 120_000)).kind).toBe('ROTATED');
  });

  it('a used token presented again revokes the whole family, including the newest token', async () => {
    const first = await store.issue(userId, 0, T0, TTL);
    const second = await store.rotate(first.token, T0 + 1);
    if (second.kind !== 'ROTATED') throw new Error('expected a rotation');

    expect(await store.rotate(first.token, T0 + 2)).toEqual({
      kind: 'REUSED',
      userId,
      familyId: first.familyId,
    });
    expect(await store.rotate(second.next.token, T0 + 3)).toEqual({ kind: 'INVALID' });
    expect(await store.isFamilyLive(first.familyId, T0 + 3)).toBe(false);
  });

  it('reuse revokes only that family: another session of the user goes on', async () => {
    const stolen = await store.issue(userId, 0, T0, TTL);
    const other = await store.issue(userId, 0, T0, TTL);
    await store.rotate(stolen.token, T0 + 1);
    await store.rotate(stolen.token, T0 + 2);
    expect((await store.rotate(other.token, T0 + 3)).kind).toBe('ROTATED');
  });

  it('refuses unknown, malformed and expired tokens, changing nothing', async () => {
    const issued = await store.issue(userId, 0, T0, TTL);
    expect(await store.rotate('A'.repeat(43), T0)).toEqual({ kind: 'INVALID' });
    expect(await store.rotate('not a token', T0)).toEqual({ kind: 'INVALID' });
    expect(await store.rotate(issued.token, T0 + TTL)).toEqual({ kind: 'INVALID' });
    expect(await store.isFamilyLive(issued.familyId, T0 + TTL)).toBe(false);
  });

  it('revokes a family (logout), and all families of a user (disable, role or password change)', async () => {
    const a = await store.issue(userId, 0, T0, TTL);
    const b = await store.issue(userId, 0, T0, TTL);
    expect(await store.isFamilyLive(a.familyId, T0)).toBe(true);

    expect(await store.revokeFamily(a.familyId, T0)).toBe(1);
    expect((await store.rotate(a.token, T0)).kind).toBe('INVALID');
    expect(await store.isFamilyLive(b.familyId, T0)).toBe(true);

    expect(await identities.refreshTokens.revokeOfUser(userId, T0)).toBe(1);
    expect((await store.rotate(b.token, T0)).kind).toBe('INVALID');
  });

  it('of two uses of one token at once, the second is reuse and neither keeps a session', async () => {
    const issued = await store.issue(userId, 0, T0, TTL);
    const [first, second] = await Promise.all([
      store.rotate(issued.token, T0),
      store.rotate(issued.token, T0),
    ]);
    expect(second).toEqual({ kind: 'REUSED', userId, familyId: issued.familyId });
    // Here the reuse revoked the family while the first use was storing its new token, which is refused as well.
    expect(first).toEqual({ kind: 'INVALID' });
    expect(await store.isFamilyLive(issued.familyId, T0 + 1)).toBe(false);
  });

  it('a copy presented while the rotation is under way ends the session, the token being issued included', async () => {
    const issued = await store.issue(userId, 0, T0, TTL);
    const records = identities.refreshTokens;
    let releaseInsert!: () => void;
    const insertHeld = new Promise<void>((resolve) => (releaseInsert = resolve));
    // The first use stops between marking the token used and storing its successor.
    const slow: RefreshTokenRecords = Object.assign(Object.create(records) as RefreshTokenRecords, {
      insert: async (record: RefreshTokenRecord) => {
        await insertHeld;
        return records.insert(record);
      },
    });
    const first = new RefreshTokenStore(slow).rotate(issued.token, T0 + 1);
    while ((await records.byHash(hashRefreshToken(issued.token)))?.rotatedAt === null)
      await Promise.resolve();
    expect(await store.rotate(issued.token, T0 + 2)).toEqual({
      kind: 'REUSED',
      userId,
      familyId: issued.familyId,
    });
    releaseInsert();
    expect(await first).toEqual({ kind: 'INVALID' });
    expect(await store.isFamilyLive(issued.familyId, T0 + 3)).toBe(false);
  });

  it('purges ended sessions when issuing', async () => {
    await store.issue(userId, 0, T0, TTL);
    await store.issue(userId, 0, T0 + TTL, TTL);
    expect((identities.db.prepare('SELECT COUNT(*) AS n FROM refresh_tokens').get() as { n: number }).n).toBe(
      1,
    );
  });
});
