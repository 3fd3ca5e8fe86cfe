import {
  DuplicateUsernameError,
  InvalidUserError,
  loadOrCreateJwtSecret,
  RefreshTokenStore,
  UserNotFoundError,
  UsersService,
  type IdentityStore,
} from '@app/auth';

const PASSWORD = 'correct horse battery staple';

export interface IdentityServicesContext {
  store: IdentityStore;
  /** Another connection to the same storage (a restart, or another process). */
  reopen(): Promise<IdentityStore>;
}

/** Users, logins, refresh tokens and the JWT key on the store under test; run inside `describeIdentityStoreContract`. */
export const describeIdentityServicesContract = (context: () => IdentityServicesContext): void => {
  describe('identity services on it', () => {
    let users: UsersService;
    beforeEach(() => {
      users = new UsersService(context().store);
    });

    it('creates a user and finds it by id and by name, case-insensitively, without the hash', async () => {
      const created = await users.create({
        username: 'Alice',
        password: PASSWORD,
        roles: ['DECISION_MAKER', 'AUDITOR'],
        displayName: 'Alice Zhang',
      });
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        username: 'alice',
        displayName: 'Alice Zhang',
        roles: ['DECISION_MAKER', 'AUDITOR'],
        active: true,
        createdAt: expect.any(String),
        updatedAt: created.createdAt,
        lockedUntil: null,
        lastLoginAt: null,
      });
      const restarted = new UsersService(await context().reopen());
      expect(await restarted.findById(created.id)).toEqual(created);
      expect(await restarted.findByUsername('ALICE')).toEqual(created);
      expect(await restarted.findById('unknown')).toBeNull();
      expect(await restarted.list()).toEqual([created]);
      expect(await restarted.countUsers()).toBe(1);
      for (const user of [created, ...(await restarted.list())]) {
        expect(JSON.stringify(user)).not.toMatch(/argon2|password/i);
      }
    });

    it('stores an argon2id hash, never the password', async () => {
      await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      const stored = await context().store.users.byUsername('alice');
      expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    });

    it('refuses a second user with the same name in any case', async () => {
      await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      await expect(users.create({ username: 'ALICE', password: PASSWORD, roles: ['ADMIN'] })).rejects.toThrow(
        DuplicateUsernameError,
      );
      expect(await users.countUsers()).toBe(1);
    });

    it('refuses invalid input with every problem, and creates nothing', async () => {
      const attempt = users.create({ username: 'a', password: 'short', roles: ['SYSTEM'] });
      await expect(attempt).rejects.toThrow(InvalidUserError);
      await expect(attempt).rejects.toMatchObject({
        details: [{ field: 'username' }, { field: 'password' }, { field: 'roles' }],
      });
      expect(await users.countUsers()).toBe(0);
    });

    it('shows only known roles, whatever the store holds', async () => {
      const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      await context().store.users.update(
        'alice',
        { roles: ['OWNER', 'AUDITOR', 'root'] },
        { updatedAt: alice.updatedAt, bumpTokenVersion: false },
      );
      expect((await users.findById(alice.id))?.roles).toEqual(['AUDITOR']);
    });

    it('verifies credentials: right password only, any case of the name, active accounts only', async () => {
      const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      expect(await users.verifyCredentials('Alice', PASSWORD)).toEqual(alice);
      expect(await users.verifyCredentials('alice', `${PASSWORD}!`)).toBeNull();
      expect(await users.verifyCredentials('nobody', PASSWORD)).toBeNull();
      await users.setActive('ALICE', false);
      expect(await users.verifyCredentials('alice', PASSWORD)).toBeNull();
      expect((await users.findByUsername('alice'))?.active).toBe(false);
      await users.setActive('alice', true);
      expect(await users.verifyCredentials('alice', PASSWORD)).not.toBeNull();
      await expect(users.setActive('nobody', false)).rejects.toThrow(UserNotFoundError);
    });

    it('replaces roles, with the same rules as creation', async () => {
      await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      expect((await users.setRoles('alice', ['REGULATOR', 'ADMIN'])).roles).toEqual(['REGULATOR', 'ADMIN']);
      await expect(users.setRoles('alice', ['SYSTEM'])).rejects.toThrow(InvalidUserError);
      await expect(users.setRoles('nobody', ['ADMIN'])).rejects.toThrow(UserNotFoundError);
      expect((await users.findByUsername('alice'))?.roles).toEqual(['REGULATOR', 'ADMIN']);
    });

    it('generates the JWT key once, the same for every process that shares the store', async () => {
      const secret = await loadOrCreateJwtSecret(context().store);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
      expect(await loadOrCreateJwtSecret(context().store)).toBe(secret);
      expect(await loadOrCreateJwtSecret(await context().reopen())).toBe(secret);
    });

    describe('logins, lockout and token revocation', () => {
      let now: number;
      const LOCK_MS = 15 * 60_000;

      beforeEach(() => {
        now = Date.parse('2026-03-01T08:00:00Z');
        users = new UsersService(context().store, {
          lockout: { threshold: 3, lockMilliseconds: LOCK_MS },
          clock: { now: () => now },
        });
      });

      const tokenVersionOf = async (username: string): Promise<number> =>
        (await context().store.users.byUsername(username))!.tokenVersion;

      it('records the last login and resets the failure count on success', async () => {
        await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        expect(await users.attemptLogin('alice', 'wrong password!!')).toEqual({ verdict: 'WRONG_PASSWORD' });
        expect((await context().store.users.byUsername('alice'))?.failedLogins).toBe(1);
        const success = await users.attemptLogin('ALICE', PASSWORD);
        expect(success).toMatchObject({ verdict: 'SUCCESS', tokenVersion: 0, user: { username: 'alice' } });
        expect((await users.findByUsername('alice'))?.lastLoginAt).toBe('2026-03-01T08:00:00.000Z');
        expect((await context().store.users.byUsername('alice'))?.failedLogins).toBe(0);
      });

      it('locks after the threshold of consecutive failures, refuses the right password until the lock ends', async () => {
        await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        for (let i = 0; i < 3; i++) await users.attemptLogin('alice', `wrong password ${i}!`);
        expect((await users.findByUsername('alice'))?.lockedUntil).toBe('2026-03-01T08:15:00.000Z');
        expect(await users.attemptLogin('alice', PASSWORD)).toEqual({ verdict: 'LOCKED' });

        now += LOCK_MS;
        expect((await users.findByUsername('alice'))?.lockedUntil).toBeNull();
        expect((await users.attemptLogin('alice', PASSWORD)).verdict).toBe('SUCCESS');
      });

      it('counts every one of concurrent failed attempts, from two processes', async () => {
        await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        const other = new UsersService(await context().reopen(), {
          lockout: { threshold: 3, lockMilliseconds: LOCK_MS },
          clock: { now: () => now },
        });
        const verdicts = await Promise.all(
          [users, other, users].map((service, i) => service.attemptLogin('alice', `wrong password ${i}!`)),
        );
        expect(verdicts.map((attempt) => attempt.verdict).sort()).toEqual([
          'WRONG_PASSWORD',
          'WRONG_PASSWORD',
          'WRONG_PASSWORD',
        ]);
        // The third failure locked the account (and started the count again): none was lost to the race.
        expect(await context().store.users.byUsername('alice')).toMatchObject({
          failedLogins: 0,
          lockedUntil: now + LOCK_MS,
        });
      });

      it('answers UNKNOWN_USER and DISABLED without touching any account', async () => {
        await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        expect(await users.attemptLogin('nobody', PASSWORD)).toEqual({ verdict: 'UNKNOWN_USER' });
        await users.setActive('alice', false);
        expect(await users.attemptLogin('alice', PASSWORD)).toEqual({ verdict: 'DISABLED' });
        expect((await context().store.users.byUsername('alice'))?.failedLogins).toBe(0);
      });

      it('unlock lifts a lock before its time', async () => {
        await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        for (let i = 0; i < 3; i++) await users.attemptLogin('alice', `wrong password ${i}!`);
        expect((await users.unlock('alice')).lockedUntil).toBeNull();
        expect((await users.attemptLogin('alice', PASSWORD)).verdict).toBe('SUCCESS');
      });

      it('resets a password under the policy, lifting a lock; the old password stops working', async () => {
        await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        for (let i = 0; i < 3; i++) await users.attemptLogin('alice', `wrong password ${i}!`);

        await expect(users.resetPassword('alice', 'alice')).rejects.toThrow(InvalidUserError);
        await expect(users.resetPassword('nobody', 'a new long passphrase')).rejects.toThrow(
          UserNotFoundError,
        );
        const user = await users.resetPassword('alice', 'a new long passphrase');
        expect(user.lockedUntil).toBeNull();
        expect(await users.verifyCredentials('alice', PASSWORD)).toBeNull();
        expect((await users.attemptLogin('alice', 'a new long passphrase')).verdict).toBe('SUCCESS');
      });

      it('disable, role change and password reset bump the token version and revoke refresh tokens; enable does not', async () => {
        const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        const refresh = new RefreshTokenStore(context().store.refreshTokens);
        const live = () => refresh.issue(alice.id, 0, now, 3600_000);

        let session = await live();
        await users.setActive('alice', false);
        expect(await tokenVersionOf('alice')).toBe(1);
        expect(await refresh.isFamilyLive(session.familyId, now)).toBe(false);

        await users.setActive('alice', true);
        expect(await tokenVersionOf('alice')).toBe(1);

        session = await live();
        await users.setRoles('alice', ['REGULATOR']);
        expect(await tokenVersionOf('alice')).toBe(2);
        expect(await refresh.isFamilyLive(session.familyId, now)).toBe(false);

        session = await live();
        await users.resetPassword('alice', 'a new long passphrase');
        expect(await tokenVersionOf('alice')).toBe(3);
        expect(await refresh.isFamilyLive(session.familyId, now)).toBe(false);
      });
    });

    describe('refresh-token rotation', () => {
      const T0 = Date.parse('2026-03-01T08:00:00Z');

      it('rotates a token once when two processes present it at once; the loser revokes the session', async () => {
        const first = new RefreshTokenStore(context().store.refreshTokens);
        const second = new RefreshTokenStore((await context().reopen()).refreshTokens);
        const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
        const issued = await first.issue(alice.id, 0, T0, 3600_000);
        const results = await Promise.all([
          first.rotate(issued.token, T0 + 1),
          second.rotate(issued.token, T0 + 1),
        ]);
        // The loser reports the reuse; the winner has its new token, unless the loser's revocation came between its
        // two writes — then it is refused too.
        const kinds = results.map((result) => result.kind).sort();
        expect([
          ['REUSED', 'ROTATED'],
          ['INVALID', 'REUSED'],
        ]).toContainEqual(kinds);
        // A token presented twice means a copy exists: the whole session ends, its newest token included.
        expect(await first.isFamilyLive(issued.familyId, T0 + 2)).toBe(false);
      });
    });
  });
};
