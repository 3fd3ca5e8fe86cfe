import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteIdentityStore, UsersService } from '@app/auth';

const ROOT = resolve(__dirname, '../../../..');
const PASSWORD = 'correct horse battery staple';

/** Runs the CLI as `npm run cli` does (ts-node, path aliases), in its own process, with no server around. */
const cli = (authDbPath: string, args: string[], stdin?: string) =>
  spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/cli/src/main.ts',
      ...args,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, AUTH_DB_PATH: authDbPath },
      // Always a pipe, never the test runner's terminal: without --password-stdin the CLI must refuse.
      input: stdin ?? '',
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

describe('CLI users commands', () => {
  let folder: string;
  let dbPath: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'auth-cli-'));
    // The folder does not exist yet: the CLI creates it.
    dbPath = join(folder, 'data', 'auth.sqlite');
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const withStore = async <T>(work: (users: UsersService) => Promise<T>): Promise<T> => {
    const store = SqliteIdentityStore.open(dbPath);
    try {
      return await work(new UsersService(store));
    } finally {
      await store.close();
    }
  };

  it('creates a user with the password from stdin and prints it without the password', async () => {
    const run = cli(
      dbPath,
      [
        'users',
        'create',
        '--username',
        'alice',
        '--role',
        'DECISION_MAKER',
        '--role',
        'AUDITOR',
        '--display-name',
        'Alice Zhang',
        '--password-stdin',
      ],
      `${PASSWORD}\n`,
    );

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain(PASSWORD);
    expect(run.stdout).not.toMatch(/argon2|password/i);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      username: 'alice',
      displayName: 'Alice Zhang',
      roles: ['DECISION_MAKER', 'AUDITOR'],
      active: true,
    });

    // The trailing newline of the piped input is not part of the password.
    const verified = await withStore((users) => users.verifyCredentials('alice', PASSWORD));
    expect(verified?.id).toBe(printed.id);
  }, 60_000);

  it('refuses without a password source, a duplicate name and SYSTEM, creating nothing', async () => {
    const noPassword = cli(dbPath, ['users', 'create', '--username', 'bob', '--role', 'ADMIN']);
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.stderr).toContain('--password-stdin');

    const duplicate = cli(
      dbPath,
      ['users', 'create', '--username', 'ALICE', '--role', 'ADMIN', '--password-stdin'],
      PASSWORD,
    );
    expect(duplicate.status).not.toBe(0);
    expect(duplicate.stderr).toContain("a user named 'alice' already exists");

    const system = cli(
      dbPath,
      ['users', 'create', '--username', 'timer', '--role', 'SYSTEM', '--password-stdin'],
      PASSWORD,
    );
    expect(system.status).not.toBe(0);
    expect(system.stderr).toContain('SYSTEM is reserved');

    const weak = cli(
      dbPath,
      ['users', 'create', '--username', 'carol', '--role', 'AUDITOR', '--password-stdin'],
      'carol',
    );
    expect(weak.status).not.toBe(0);
    // Every failed criterion of the policy, in one message.
    expect(weak.stderr).toContain('must be at least 12 characters long');
    expect(weak.stderr).toContain('must not be the username');
    expect(weak.stderr).toContain('must mix at least 3 of');

    expect(await withStore((users) => users.list())).toHaveLength(1);
  }, 120_000);

  it('lists, disables and enables users', async () => {
    const disable = cli(dbPath, ['users', 'disable', 'alice']);
    expect(disable.status).toBe(0);
    expect(await withStore((users) => users.verifyCredentials('alice', PASSWORD))).toBeNull();

    const list = cli(dbPath, ['users', 'list']);
    expect(list.status).toBe(0);
    const [header, row] = list.stdout.trim().split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'USERNAME',
      'DISPLAY NAME',
      'ROLES',
      'DISABLED',
      'LOCKED UNTIL',
      'LAST LOGIN',
      'ID',
    ]);
    expect(row.split(/\s{2,}/).slice(0, 6)).toEqual([
      'alice',
      'Alice Zhang',
      'DECISION_MAKER,AUDITOR',
      'yes',
      '-',
      '-',
    ]);

    expect(cli(dbPath, ['users', 'enable', 'alice']).status).toBe(0);
    expect(await withStore((users) => users.verifyCredentials('alice', PASSWORD))).not.toBeNull();

    const unknown = cli(dbPath, ['users', 'enable', 'nobody']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("no user named 'nobody'");
  }, 120_000);

  it('lists lockouts and last logins; unlocks; resets a password under the policy', async () => {
    const lockedUntil = await withStore(async (users) => {
      await users.attemptLogin('alice', PASSWORD);
      for (let i = 0; i < 5; i++) await users.attemptLogin('alice', `wrong password ${i}`);
      return (await users.findByUsername('alice'))?.lockedUntil;
    });
    expect(lockedUntil).toEqual(expect.any(String));

    const [, row] = cli(dbPath, ['users', 'list']).stdout.trim().split('\n');
    const cells = row.split(/\s{2,}/);
    expect(cells[3]).toBe('no');
    expect(cells[4]).toBe(lockedUntil);
    expect(cells[5]).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const unlock = cli(dbPath, ['users', 'unlock', 'alice']);
    expect(unlock.status).toBe(0);
    expect(await withStore(async (users) => (await users.findByUsername('alice'))?.lockedUntil)).toBeNull();

    const weak = cli(dbPath, ['users', 'reset-password', 'alice', '--password-stdin'], 'Password1234!\n');
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('is a commonly used password');

    const reset = cli(
      dbPath,
      ['users', 'reset-password', 'alice', '--password-stdin'],
      'a brand new passphrase\n',
    );
    expect(reset.stderr).toBe('');
    expect(reset.status).toBe(0);
    expect(reset.stdout).not.toContain('a brand new passphrase');
    expect(await withStore((users) => users.verifyCredentials('alice', PASSWORD))).toBeNull();
    expect(
      await withStore((users) => users.verifyCredentials('alice', 'a brand new passphrase')),
    ).not.toBeNull();

    const unknown = cli(
      dbPath,
      ['users', 'reset-password', 'nobody', '--password-stdin'],
      'a brand new passphrase',
    );
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("no user named 'nobody'");
  }, 180_000);

  it('replaces roles, refusing SYSTEM', async () => {
    const set = cli(dbPath, ['users', 'set-roles', 'alice', '--role', 'REGULATOR']);
    expect(set.status).toBe(0);
    expect(await withStore(async (users) => (await users.findByUsername('alice'))?.roles)).toEqual([
      'REGULATOR',
    ]);
    const system = cli(dbPath, ['users', 'set-roles', 'alice', '--role', 'SYSTEM']);
    expect(system.status).not.toBe(0);
    expect(system.stderr).toContain('SYSTEM is reserved');
  }, 120_000);

  it('copies the accounts of an embedded identity file into the configured store, once, reporting clashes', async () => {
    const source = join(folder, 'earlier', 'auth.sqlite');
    const earlier = SqliteIdentityStore.open(source);
    try {
      const users = new UsersService(earlier);
      await users.create({ username: 'dora', password: PASSWORD, roles: ['AUDITOR'] });
      await users.create({ username: 'erin', password: PASSWORD, roles: ['ADMIN'] });
    } finally {
      await earlier.close();
    }
    await withStore((users) => users.create({ username: 'erin', password: PASSWORD, roles: ['REGULATOR'] }));

    const first = cli(dbPath, ['users', 'import-file', source]);
    expect(first.stdout).toContain('Accounts copied: 1 (dora)');
    expect(first.stderr).toMatch(/Not copied: erin \(account [0-9a-f-]+\) — the store has another account/);
    expect(first.status).toBe(1);
    // The copied account signs in with its password; the store's own erin is untouched.
    expect(await withStore((users) => users.verifyCredentials('dora', PASSWORD))).not.toBeNull();
    expect(await withStore(async (users) => (await users.findByUsername('erin'))?.roles)).toEqual([
      'REGULATOR',
    ]);

    const again = cli(dbPath, ['users', 'import-file', source]);
    expect(again.stdout).toContain('Accounts copied: 0 (none); there already: 1');

    const missing = cli(dbPath, ['users', 'import-file', join(folder, 'nowhere.sqlite')]);
    expect({ status: missing.status, stderr: missing.stderr.trim() }).toEqual({
      status: 2,
      stderr: `no identity file at ${join(folder, 'nowhere.sqlite')}`,
    });
    const itself = cli(dbPath, ['users', 'import-file', dbPath]);
    expect(itself.status).toBe(2);
    expect(itself.stderr).toContain('is the store AUTH_STORE names already');
  }, 120_000);
});
