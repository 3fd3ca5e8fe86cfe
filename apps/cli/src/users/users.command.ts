import type { Command } from 'commander';
import { openAuthDatabase, UsersService, validateRoles } from '@app/auth';
import { validateEnvironment } from '@app/config';
import { promptNewPassword, readPasswordFromStdin } from './password-input';
import { formatUserTable } from './user-table';

/** Opens the same user store as the API (AUTH_DB_PATH), without a running server; closes it afterwards. */
const withUsers = async <T>(work: (users: UsersService) => Promise<T>): Promise<T> => {
  const environment = validateEnvironment(process.env);
  const db = openAuthDatabase(environment.AUTH_DB_PATH);
  try {
    return await work(new UsersService(db));
  } finally {
    db.close();
  }
};

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface CreateOptions {
  username: string;
  role: string[];
  displayName?: string;
  passwordStdin?: boolean;
}

export const registerUsersCommands = (program: Command): void => {
  const users = program
    .command('users')
    .description('Back-office users and their roles (no account exists by default)');

  users
    .command('create')
    .description(
      'Create a user; the password comes from stdin (--password-stdin) or is asked twice on the terminal',
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
      const password = options.passwordStdin ? await readPasswordFromStdin() : await promptNewPassword();
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
    .description('List users with their roles')
    .action(async () => {
      console.log(formatUserTable(await withUsers((store) => store.list())));
    });

  users
    .command('disable')
    .description('Disable a user: their tokens stop working at once')
    .argument('<username>')
    .action(async (username: string) => {
      const user = await withUsers((store) => store.setActive(username, false));
      console.log(`User ${user.username} disabled`);
    });

  users
    .command('enable')
    .description('Re-enable a disabled user')
    .argument('<username>')
    .action(async (username: string) => {
      const user = await withUsers((store) => store.setActive(username, true));
      console.log(`User ${user.username} enabled`);
    });
};
