import { randomUUID } from 'node:crypto';
import type { IdentityStore, RefreshTokenRecord, UserRecord } from '@app/auth';
import { describeIdentityServicesContract } from './identity-store-contract-services';

/**
 * Storage for one test: `open` connects to the same storage each time (a second process, or a restart), the
 * stores it opened stay open until `dispose`, which also removes the storage.
 */
export interface IdentityStorage {
  open(): Promise<IdentityStore>;
  dispose(): Promise<void>;
}

const T0 = Date.parse('2026-03-01T08:00:00Z');

export const userRecord = (overrides: Partial<UserRecord> = {}): UserRecord => ({
  id: randomUUID(),
  username: 'alice',
  displayName: 'Alice Zhang',
  passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
  roles: ['DECISION_MAKER', 'AUDITOR'],
  active: true,
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  failedLogins: 0,
  lockedUntil: null,
  lastLoginAt: null,
  tokenVersion: 0,
  ...overrides,
});

const refreshToken = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: randomUUID().replaceAll('-', ''),
  familyId: 'family-1',
  userId: 'user-1',
  tokenVersion: 0,
  issuedAt: T0,
  expiresAt: T0 + 3600_000,
  rotatedAt: null,
  revokedAt: null,
  ...overrides,
});

/**
 * The behaviour every IdentityStore adapter must have, then the identity services (users, logins, refresh
 * tokens, the JWT key) run on it. Import by path: `@app/testing/identity-store-contract`.
 */
export const describeIdentityStoreContract = (
  name: string,
  storage: () => Promise<IdentityStorage>,
): void => {
  describe(`IdentityStore contract: ${name}`, () => {
    let fixture: IdentityStorage;
    let store: IdentityStore;

    beforeEach(async () => {
      fixture = await storage();
      store = await fixture.open();
    });
    afterEach(async () => {
      await fixture?.dispose();
    });

    describe('users', () => {
      it('stores a user and finds it by id and by username, as stored', async () => {
        const alice = userRecord({ roles: ['REGULATOR', 'ADMIN'] });
        expect(await store.users.insert(alice)).toBe(true);
        expect(await store.users.byId(alice.id)).toEqual(alice);
        expect(await store.users.byUsername('alice')).toEqual(alice);
        expect(await store.users.byId('unknown')).toBeUndefined();
        expect(await store.users.byUsername('bob')).toBeUndefined();
      });

      it('refuses a second user of the same username and keeps the first', async () => {
        const alice = userRecord();
        await store.users.insert(alice);
        expect(await store.users.insert(userRecord({ displayName: 'Another' }))).toBe(false);
        expect(await store.users.count()).toBe(1);
        expect(await store.users.byUsername('alice')).toEqual(alice);
      });

      it('lets one of two concurrent creations of a username win', async () => {
        const results = await Promise.all(
          Array.from({ length: 4 }, (_, i) => store.users.insert(userRecord({ displayName: `Alice ${i}` }))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.users.count()).toBe(1);
      });

      it('lists every user by username and counts them', async () => {
        for (const username of ['carol', 'alice', 'bob']) await store.users.insert(userRecord({ username }));
        expect((await store.users.list()).map((user) => user.username)).toEqual(['alice', 'bob', 'carol']);
        expect(await store.users.count()).toBe(3);
      });

      it('records a login only on the user as seen, keeping the last login when none is given', async () => {
        const alice = userRecord({ lastLoginAt: T0 });
        await store.users.insert(alice);
        const failed = await store.users.recordLogin(alice, {
          failedLogins: 1,
          lockedUntil: null,
          lastLoginAt: null,
        });
        expect(failed).toEqual({ ...alice, failedLogins: 1 });
        // `alice` is stale now: another attempt counted a failure in between.
        expect(
          await store.users.recordLogin(alice, { failedLogins: 0, lockedUntil: null, lastLoginAt: T0 + 1 }),
        ).toBeUndefined();
        const locked = await store.users.recordLogin(failed!, {
          failedLogins: 2,
          lockedUntil: T0 + 900_000,
          lastLoginAt: null,
        });
        expect(locked).toEqual({ ...alice, failedLogins: 2, lockedUntil: T0 + 900_000 });
        const success = await store.users.recordLogin(locked!, {
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: T0 + 5,
        });
        expect(success).toEqual({ ...alice, lastLoginAt: T0 + 5 });
        expect(await store.users.byId(alice.id)).toEqual(success);
      });

      it('records no login on a user whose password or activity changed since it was seen', async () => {
        const alice = userRecord();
        await store.users.insert(alice);
        const outcome = { failedLogins: 0, lockedUntil: null, lastLoginAt: T0 };
        await store.users.update(
          'alice',
          { passwordHash: 'new hash' },
          { updatedAt: 'later', bumpTokenVersion: true },
        );
        expect(await store.users.recordLogin(alice, outcome)).toBeUndefined();
        const changed = (await store.users.byId(alice.id))!;
        await store.users.update('alice', { active: false }, { updatedAt: 'later', bumpTokenVersion: true });
        expect(await store.users.recordLogin(changed, outcome)).toBeUndefined();
        expect((await store.users.byId(alice.id))!.lastLoginAt).toBeNull();
        expect(await store.users.recordLogin(userRecord({ id: 'unknown' }), outcome)).toBeUndefined();
      });

      it('updates by username, bumping the token version only when asked', async () => {
        const alice = userRecord();
        await store.users.insert(alice);
        const updated = await store.users.update(
          'alice',
          {
            roles: ['ADMIN', 'REGULATOR'],
            active: false,
            passwordHash: 'h2',
            failedLogins: 3,
            lockedUntil: T0,
          },
          { updatedAt: '2026-03-02T00:00:00.000Z', bumpTokenVersion: true },
        );
        const expected = {
          ...alice,
          roles: ['ADMIN', 'REGULATOR'],
          active: false,
          passwordHash: 'h2',
          failedLogins: 3,
          lockedUntil: T0,
          updatedAt: '2026-03-02T00:00:00.000Z',
          tokenVersion: 1,
        };
        expect(updated).toEqual(expected);
        expect(await store.users.byId(alice.id)).toEqual(expected);
        const unlocked = await store.users.update(
          'alice',
          { failedLogins: 0, lockedUntil: null, active: true },
          { updatedAt: '2026-03-03T00:00:00.000Z', bumpTokenVersion: false },
        );
        expect(unlocked).toMatchObject({ failedLogins: 0, lockedUntil: null, active: true, tokenVersion: 1 });
        expect(
          await store.users.update('nobody', { active: false }, { updatedAt: 'x', bumpTokenVersion: true }),
        ).toBeUndefined();
      });
    });

    describe('refresh tokens', () => {
      // A token belongs to a stored user (the embedded store holds it to that with a foreign key).
      beforeEach(async () => {
        for (const [id, username] of [
          ['user-1', 'alice'],
          ['u1', 'bob'],
          ['u2', 'carol'],
        ]) {
          await store.users.insert(userRecord({ id, username }));
        }
      });

      it('finds a token by its hash as stored', async () => {
        const token = refreshToken();
        await store.refreshTokens.insert(token);
        expect(await store.refreshTokens.byHash(token.tokenHash)).toEqual(token);
        expect(await store.refreshTokens.byHash('unknown')).toBeUndefined();
      });

      it('marks a token used for exactly one of many concurrent callers', async () => {
        const token = refreshToken();
        await store.refreshTokens.insert(token);
        const marks = await Promise.all(
          Array.from({ length: 5 }, () => store.refreshTokens.markRotated(token.tokenHash, T0 + 10)),
        );
        expect(marks.filter(Boolean)).toHaveLength(1);
        expect(await store.refreshTokens.byHash(token.tokenHash)).toEqual({ ...token, rotatedAt: T0 + 10 });
      });

      it('marks no revoked, expired or unknown token used', async () => {
        const revoked = refreshToken({ revokedAt: T0 });
        const expiring = refreshToken({ expiresAt: T0 + 100 });
        await store.refreshTokens.insert(revoked);
        await store.refreshTokens.insert(expiring);
        expect(await store.refreshTokens.markRotated(revoked.tokenHash, T0 + 1)).toBe(false);
        expect(await store.refreshTokens.markRotated(expiring.tokenHash, T0 + 100)).toBe(false);
        expect(await store.refreshTokens.markRotated('unknown', T0)).toBe(false);
        expect(await store.refreshTokens.byHash(expiring.tokenHash)).toEqual(expiring);
      });

      it('revokes the live tokens of a family, or of a user, and counts them', async () => {
        const tokens = [
          refreshToken({ familyId: 'f1', userId: 'u1' }),
          refreshToken({ familyId: 'f1', userId: 'u1', rotatedAt: T0 }),
          refreshToken({ familyId: 'f1', userId: 'u1', revokedAt: T0 }),
          refreshToken({ familyId: 'f2', userId: 'u1' }),
          refreshToken({ familyId: 'f3', userId: 'u2' }),
        ];
        for (const token of tokens) await store.refreshTokens.insert(token);
        expect(await store.refreshTokens.revokeFamily('f1', T0 + 1)).toBe(2);
        expect(await store.refreshTokens.revokeFamily('f1', T0 + 2)).toBe(0);
        expect((await store.refreshTokens.byHash(tokens[2].tokenHash))!.revokedAt).toBe(T0);
        expect((await store.refreshTokens.byHash(tokens[1].tokenHash))!.revokedAt).toBe(T0 + 1);
        expect(await store.refreshTokens.revokeOfUser('u1', T0 + 3)).toBe(1);
        expect((await store.refreshTokens.byHash(tokens[3].tokenHash))!.revokedAt).toBe(T0 + 3);
        expect((await store.refreshTokens.byHash(tokens[4].tokenHash))!.revokedAt).toBeNull();
      });

      it('calls a family live while one of its tokens is unused, unrevoked and unexpired', async () => {
        await store.refreshTokens.insert(refreshToken({ familyId: 'used', rotatedAt: T0 }));
        await store.refreshTokens.insert(refreshToken({ familyId: 'revoked', revokedAt: T0 }));
        await store.refreshTokens.insert(refreshToken({ familyId: 'live', expiresAt: T0 + 100 }));
        expect(await store.refreshTokens.isFamilyLive('used', T0)).toBe(false);
        expect(await store.refreshTokens.isFamilyLive('revoked', T0)).toBe(false);
        expect(await store.refreshTokens.isFamilyLive('unknown', T0)).toBe(false);
        expect(await store.refreshTokens.isFamilyLive('live', T0 + 99)).toBe(true);
        expect(await store.refreshTokens.isFamilyLive('live', T0 + 100)).toBe(false);
      });

      it('forgets expired tokens only', async () => {
        const expired = refreshToken({ expiresAt: T0 });
        const live = refreshToken({ expiresAt: T0 + 1 });
        await store.refreshTokens.insert(expired);
        await store.refreshTokens.insert(live);
        await store.refreshTokens.purgeExpired(T0);
        expect(await store.refreshTokens.byHash(expired.tokenHash)).toBeUndefined();
        expect(await store.refreshTokens.byHash(live.tokenHash)).toEqual(live);
      });
    });

    describe('revoked access tokens', () => {
      it('denies a revoked jti until it expires, and no other', async () => {
        await store.revokedAccessTokens.revoke('jti-1', T0 + 900_000, T0);
        expect(await store.revokedAccessTokens.isRevoked('jti-1')).toBe(true);
        expect(await store.revokedAccessTokens.isRevoked('jti-2')).toBe(false);
      });

      it('keeps nothing for a token that has already expired', async () => {
        await store.revokedAccessTokens.revoke('jti-old', T0 - 1, T0);
        expect(await store.revokedAccessTokens.isRevoked('jti-old')).toBe(false);
      });

      it('forgets entries whose tokens have expired (they are refused by their exp anyway)', async () => {
        await store.revokedAccessTokens.revoke('jti-1', T0 + 1000, T0);
        await store.revokedAccessTokens.revoke('jti-2', T0 + 900_000, T0 + 2000);
        expect(await store.revokedAccessTokens.isRevoked('jti-1')).toBe(false);
        expect(await store.revokedAccessTokens.isRevoked('jti-2')).toBe(true);
      });

      it('takes a revocation twice', async () => {
        await store.revokedAccessTokens.revoke('jti-1', T0 + 1000, T0);
        await store.revokedAccessTokens.revoke('jti-1', T0 + 2000, T0);
        expect(await store.revokedAccessTokens.isRevoked('jti-1')).toBe(true);
      });
    });

    describe('subjects and settings', () => {
      it('keeps the latest of a subject', async () => {
        const subject = {
          id: 'sub-1',
          username: 'li',
          displayName: 'Li',
          roles: ['AUDITOR'],
          lastSeenAt: T0,
        };
        await store.subjects.put(subject);
        expect(await store.subjects.byId('sub-1')).toEqual(subject);
        const later = {
          ...subject,
          displayName: 'Li Wei',
          roles: ['AUDITOR', 'TECHNICAL_EXPERT'],
          lastSeenAt: T0 + 1,
        };
        await store.subjects.put(later);
        expect(await store.subjects.byId('sub-1')).toEqual(later);
        expect(await store.subjects.byId('sub-2')).toBeUndefined();
      });

      it('lists every subject by id', async () => {
        const subject = (id: string) => ({
          id,
          username: id,
          displayName: id,
          roles: ['AUDITOR'],
          lastSeenAt: T0,
        });
        for (const id of ['sub-b', 'sub-c', 'sub-a']) await store.subjects.put(subject(id));
        expect(await store.subjects.list()).toEqual(['sub-a', 'sub-b', 'sub-c'].map(subject));
      });

      it('keeps the first value of a setting, also when callers race', async () => {
        const values = await Promise.all(
          ['a', 'b', 'c'].map((value) => store.settings.putIfAbsent('key', value)),
        );
        expect(new Set(values).size).toBe(1);
        expect(await store.settings.putIfAbsent('key', 'd')).toBe(values[0]);
        expect(await store.settings.get('key')).toBe(values[0]);
        expect(await store.settings.get('other')).toBeUndefined();
      });
    });

    describe('shared by two processes', () => {
      it('shows each what the other wrote', async () => {
        const other = await fixture.open();
        const alice = userRecord();
        await store.users.insert(alice);
        expect(await other.users.byId(alice.id)).toEqual(alice);
        await other.revokedAccessTokens.revoke('jti-1', T0 + 1000, T0);
        expect(await store.revokedAccessTokens.isRevoked('jti-1')).toBe(true);
        const token = refreshToken({ userId: alice.id });
        await store.refreshTokens.insert(token);
        const marks = await Promise.all([
          store.refreshTokens.markRotated(token.tokenHash, T0 + 1),
          other.refreshTokens.markRotated(token.tokenHash, T0 + 1),
        ]);
        expect(marks.filter(Boolean)).toHaveLength(1);
        expect(await other.settings.putIfAbsent('key', 'first')).toBe('first');
        expect(await store.settings.putIfAbsent('key', 'second')).toBe('first');
      });

      it('keeps everything across a restart', async () => {
        const alice = userRecord();
        await store.users.insert(alice);
        await store.close();
        store = await fixture.open();
        expect(await store.users.byId(alice.id)).toEqual(alice);
      });
    });

    describeIdentityServicesContract(() => ({ store, reopen: () => fixture.open() }));
  });
};
