import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  copyIdentities,
  openIdentityStore,
  SqliteIdentityStore,
  UsersService,
  validatePassword,
  validateRoles,
} from '@app/auth';
import { validateEnvironment } from '@app/config';
import { promptNewPassword, readPasswordFromStdin } from './password-input';
import { formatUserTable } from './user-table';

/** Opens the same identity store as the API (AUTH_STORE), without a running server; closes it afterwards. */
const withUsers = async <T>(work: (users: UsersService) => Promise<T>): Promise<T> => {
  const store = await openIdentityStore(validateEnvironment(process.env));
  try {
    return await work(new UsersService(store));
  } finally {
    await store.close();
  }
};

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const POLICY =
  'at least 12 characters, not the username, not a common password, and 3 of lower case / upper case / ' +
  'digits / other characters (or at least 16 characters)';

interface CreateOptions {
  username: string;
  role: string[];
  displayName?: string;
  passwordStdin?: boolean;
}

const newPassword = (fromStdin: boolean | undefined): Promise<string> =>
  fromStdin ? readPasswordFromStdin() : promptNewPassword();

export const registerUsersCommands = (program: Command): void => {
  const users = program
    .command('users')
    .description('Back-office users and their roles (no account exists by default)');

  users
    .command('create')
    .description(
      'Create a user; the password comes from stdin (--password-stdin) or is asked twice on the terminal. ' +
        `Password policy: ${POLICY}`,
    )
    .requiredOption('--username <username>', '3-64 characters among a-z 0-9 . _ -')
    .option(
      '--role <role>',
      'a role to grant; repeat for several (the first is the default acting role)',
      collect,
      [],
    )
    .option('--display-name <name>', 'name shown to other users (default: the username)')
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .action(async (options: CreateOptions) => {
      // Roles are checked before asking for the password, so a typo does not cost a password prompt.
      validateRoles(options.role);
      const password = await newPassword(options.passwordStdin);
      const user = await withUsers((store) =>
        store.create({
          username: options.username,
          password,
          roles: options.role,
          displayName: options.displayName,
        }),
      );
      console.log(JSON.stringify(user, null, 2));
    });

  users
    .command('list')
    .description('List users: roles, whether disabled, lockout, last login')
    .action(async () => {
      console.log(formatUserTable(await withUsers((store) => store.list())));
    });

  users
    .command('disable')
    .description('Disable a user: they cannot log in, and their tokens stop working at once')
    .argument('<username>')
    .action(async (username: string) => {
      const user = await withUsers((store) => store.setActive(username, false));
      console.log(`User ${user.username} disabled; their sessions are revoked`);
    });

  users
    .command('enable')
    .description('Re-enable a disabled user (they log in again; old tokens stay revoked)')
    .argument('<username>')
    .action(async (username: string) => {
      const user = await withUsers((store) => store.setActive(username, true));
      console.log(`User ${user.username} enabled`);
    });

  users
    .command('reset-password')
    .description(
      'Set a new password (stdin with --password-stdin, else asked twice on the terminal); revokes the ' +
        `user's sessions and lifts a lockout. Password policy: ${POLICY}`,
    )
    .argument('<username>')
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .action(async (username: string, options: { passwordStdin?: boolean }) => {
      const password = await newPassword(options.passwordStdin);
      // The policy is checked here too, so a weak password fails before the store is opened.
      validatePassword(password, username);
      const user = await withUsers((store) => store.resetPassword(username, password));
      console.log(`Password of ${user.username} reset; their sessions are revoked`);
    });

  users
    .command('unlock')
    .description('Lift a lockout after failed logins before it runs out')
    .argument('<username>')
    .action(async (username: string) => {
      const user = await withUsers((store) => store.unlock(username));
      console.log(`User ${user.username} unlocked`);
    });

  users
    .command('import-file')
    .description(
      'Copy the accounts (password hashes, roles, lockouts), the OpenID Connect subjects and the generated ' +
        'access-token key from an embedded identity file into the store AUTH_STORE names, e.g. when moving to ' +
        'AUTH_STORE=mongodb. Sessions are not copied: users sign in again. Accounts there already are kept; one ' +
        'whose username the store gives to another account is reported, and the exit code is then 1',
    )
    .argument('<file>', 'the embedded identity file (the AUTH_DB_PATH it was used with)')
    .action(async (file: string) => {
      const environment = validateEnvironment(process.env);
      if (!existsSync(file)) throw new Error(`no identity file at ${file}`);
      if (environment.AUTH_STORE === 'embedded' && resolve(file) === resolve(environment.AUTH_DB_PATH)) {
        throw new Error(`${file} is the store AUTH_STORE names already (AUTH_DB_PATH)`);
      }
      const from = SqliteIdentityStore.open(file);
      const to = await openIdentityStore(environment).catch(async (error: unknown) => {
        await from.close();
        throw error;
      });
      try {
        const report = await copyIdentities(from, to);
        console.log(
          `Accounts copied: ${report.copied.length} (${report.copied.join(', ') || 'none'}); there already: ` +
            `${report.present.length}; subjects copied: ${report.subjects}; access-token key: ${report.jwtKey}`,
        );
        for (const conflict of report.conflicts) {
          console.error(
            `Not copied: ${conflict.username} (account ${conflict.id}) — the store has another account of that ` +
              `username (${conflict.targetId})`,
          );
        }
        if (report.jwtKey === 'different') {
          console.error(
            'The store keeps its own generated access-token key: set AUTH_JWT_SECRET for tokens to be accepted ' +
              'across the move',
          );
        }
        if (report.conflicts.length > 0) process.exitCode = 1;
      } finally {
        await Promise.all([from.close(), to.close()]);
      }
    });

  users
    .command('set-roles')
    .description("Replace a user's roles (their sessions are revoked: they log in again)")
    .argument('<username>')
    .option('--role <role>', 'a role; repeat for several (the first is the default acting role)', collect, [])
    .action(async (username: string, options: { role: string[] }) => {
      const user = await withUsers((store) => store.setRoles(username, options.role));
      console.log(`Roles of ${user.username}: ${user.roles.join(', ')}; their sessions are revoked`);
    });
};
