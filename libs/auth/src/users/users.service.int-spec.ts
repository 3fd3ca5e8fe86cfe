import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuthDatabase, type AuthDatabase } from '../store/auth-database';
import { loadOrCreateJwtSecret } from '../store/settings';
import { RefreshTokenStore } from '../tokens/refresh-tokens';
import { DuplicateUsernameError, InvalidUserError, UserNotFoundError } from './users.errors';
import { UsersService } from './users.service';

const PASSWORD = 'correct horse battery staple';

describe('UsersService on a SQLite file', () => {
  let folder: string;
  let path: string;
  let db: AuthDatabase;
  let users: UsersService;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'auth-users-'));
    // A folder that does not exist yet: opening creates it.
    path = join(folder, 'nested', 'auth.sqlite');
    db = openAuthDatabase(path);
    users = new UsersService(db);
  });

  afterEach(() => {
    if (db.open) db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const reopen = (): void => {
    db.close();
    db = openAuthDatabase(path);
    users = new UsersService(db);
  };

  it('opens in WAL mode with the schema migrated', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
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
    reopen();
    expect(await users.findById(created.id)).toEqual(created);
    expect(await users.findByUsername('ALICE')).toEqual(created);
    expect(await users.findById('unknown')).toBeNull();
    expect(await users.findByUsername('bob')).toBeNull();
    expect(await users.list()).toEqual([created]);
    expect(await users.countUsers()).toBe(1);
    for (const user of [created, await users.findById(created.id), ...(await users.list())]) {
      expect(JSON.stringify(user)).not.toMatch(/argon2|password/i);
    }
  });

  it('stores an argon2id hash, never the password', async () => {
    await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
    const row = db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    db.close();
    const bytes = [path, `${path}-wal`].map((file) => {
      try {
        return readFileSync(file).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(bytes.join('')).not.toContain(PASSWORD);
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
    const weak = users.create({ username: 'bob.smith', password: 'Bob.Smith', roles: ['AUDITOR'] });
    await expect(weak).rejects.toMatchObject({
      details: [
        {
          field: 'password',
          problems: ['must be at least 12 characters long', 'must not be the username'],
        },
      ],
    });
    expect(await users.countUsers()).toBe(0);
  });

  it('verifies credentials: right password only, any case of the name', async () => {
    const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
    expect(await users.verifyCredentials('Alice', PASSWORD)).toEqual(alice);
    expect(await users.verifyCredentials('alice', `${PASSWORD}!`)).toBeNull();
    expect(await users.verifyCredentials('alice', '')).toBeNull();
    expect(await users.verifyCredentials('nobody', PASSWORD)).toBeNull();
  });

  it('spends an argon2 verification on an unknown name too (no fast path that reveals accounts)', async () => {
    await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
    const timed = async (username: string): Promise<number> => {
      const start = process.hrtime.bigint();
      await users.verifyCredentials(username, 'wrong password!!');
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await timed('nobody'); // the dummy hash is made on first use
    const known = await timed('alice');
    const unknown = await timed('nobody');
    // argon2id with 64 MiB takes tens of milliseconds; a lookup miss alone would take well under one.
    expect(unknown).toBeGreaterThan(known / 10);
  });

  it('disables and re-enables a user; a disabled user cannot log in', async () => {
    await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });

    const disabled = await users.setActive('ALICE', false);
    expect(disabled.active).toBe(false);
    reopen();
    expect((await users.findByUsername('alice'))?.active).toBe(false);
    expect(await users.verifyCredentials('alice', PASSWORD)).toBeNull();

    await users.setActive('alice', true);
    expect(await users.verifyCredentials('alice', PASSWORD)).not.toBeNull();
    await expect(users.setActive('nobody', false)).rejects.toThrow(UserNotFoundError);
  });

  it('replaces roles, with the same rules as creation', async () => {
    await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
    expect((await users.setRoles('alice', ['REGULATOR', 'ADMIN'])).roles).toEqual(['REGULATOR', 'ADMIN']);
    expect((await users.findForSession((await users.findByUsername('alice'))!.id))?.tokenVersion).toBe(1);
    await expect(users.setRoles('alice', ['SYSTEM'])).rejects.toThrow(InvalidUserError);
    await expect(users.setRoles('alice', [])).rejects.toThrow(InvalidUserError);
    await expect(users.setRoles('nobody', ['ADMIN'])).rejects.toThrow(UserNotFoundError);
    expect((await users.findByUsername('alice'))?.roles).toEqual(['REGULATOR', 'ADMIN']);
  });

  it('generates the JWT secret once and keeps it across reopen', () => {
    const secret = loadOrCreateJwtSecret(db);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(loadOrCreateJwtSecret(db)).toBe(secret);
    reopen();
    expect(loadOrCreateJwtSecret(db)).toBe(secret);

    const other = openAuthDatabase(':memory:');
    expect(loadOrCreateJwtSecret(other)).not.toBe(secret);
    other.close();
  });

  it('keeps users across reopen and does not re-run migrations', async () => {
    const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
    reopen();
    reopen();
    expect(await users.findById(alice.id)).toEqual(alice);
  });

  describe('logins, lockout and token revocation', () => {
    let now: number;
    const LOCK_MS = 15 * 60_000;

    beforeEach(() => {
      now = Date.parse('2026-03-01T08:00:00Z');
      users = new UsersService(db, {
        lockout: { threshold: 3, lockMilliseconds: LOCK_MS },
        clock: { now: () => now },
      });
    });

    const tokenVersionOf = async (username: string): Promise<number> =>
      (await users.findForSession((await users.findByUsername(username))!.id))!.tokenVersion;

    it('records the last login and resets the failure count on success', async () => {
      await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      expect(await users.attemptLogin('alice', 'wrong password!!')).toEqual({ verdict: 'WRONG_PASSWORD' });
      const success = await users.attemptLogin('ALICE', PASSWORD);
      expect(success).toMatchObject({ verdict: 'SUCCESS', tokenVersion: 0, user: { username: 'alice' } });
      expect((await users.findByUsername('alice'))?.lastLoginAt).toBe('2026-03-01T08:00:00.000Z');
      const row = db.prepare('SELECT failed_logins FROM users').get() as { failed_logins: number };
      expect(row.failed_logins).toBe(0);
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

    it('answers UNKNOWN_USER and DISABLED without touching any account', async () => {
      await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      expect(await users.attemptLogin('nobody', PASSWORD)).toEqual({ verdict: 'UNKNOWN_USER' });
      await users.setActive('alice', false);
      expect(await users.attemptLogin('alice', PASSWORD)).toEqual({ verdict: 'DISABLED' });
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
      await expect(users.resetPassword('nobody', 'a new long passphrase')).rejects.toThrow(UserNotFoundError);
      const user = await users.resetPassword('alice', 'a new long passphrase');
      expect(user.lockedUntil).toBeNull();
      expect(await users.verifyCredentials('alice', PASSWORD)).toBeNull();
      expect((await users.attemptLogin('alice', 'a new long passphrase')).verdict).toBe('SUCCESS');
    });

    it('disable, role change and password reset bump the token version and revoke refresh tokens; enable does not', async () => {
      const alice = await users.create({ username: 'alice', password: PASSWORD, roles: ['AUDITOR'] });
      const refresh = new RefreshTokenStore(db);
      const live = () => refresh.issue(alice.id, 0, now, 3600_000);

      let session = live();
      await users.setActive('alice', false);
      expect(await tokenVersionOf('alice')).toBe(1);
      expect(refresh.isFamilyLive(session.familyId, now)).toBe(false);

      await users.setActive('alice', true);
      expect(await tokenVersionOf('alice')).toBe(1);

      session = live();
      await users.setRoles('alice', ['REGULATOR']);
      expect(await tokenVersionOf('alice')).toBe(2);
      expect(refresh.isFamilyLive(session.familyId, now)).toBe(false);

      session = live();
      await users.resetPassword('alice', 'a new long passphrase');
      expect(await tokenVersionOf('alice')).toBe(3);
      expect(refresh.isFamilyLive(session.familyId, now)).toBe(false);
    });
  });
});
