import type { User } from '@app/auth';

/** Shown for an empty cell, so columns split on runs of spaces stay aligned for `awk` and friends. */
const NONE = '-';

const COLUMNS: readonly { title: string; value: (user: User) => string }[] = [
  { title: 'USERNAME', value: (user) => user.username },
  { title: 'DISPLAY NAME', value: (user) => user.displayName },
  { title: 'ROLES', value: (user) => user.roles.join(',') },
  { title: 'DISABLED', value: (user) => (user.active ? 'no' : 'yes') },
  { title: 'LOCKED UNTIL', value: (user) => user.lockedUntil ?? NONE },
  { title: 'LAST LOGIN', value: (user) => user.lastLoginAt ?? NONE },
  { title: 'ID', value: (user) => user.id },
];

/** A plain aligned text table (no box drawing, so it greps and pastes well). */
export const formatUserTable = (users: readonly User[]): string => {
  if (users.length === 0)
    return 'No users. Create one with: npm run cli -- users create --username … --role ADMIN';
  const rows = [COLUMNS.map((c) => c.title), ...users.map((user) => COLUMNS.map((c) => c.value(user)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => [...row[i]].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length)))
        .join('  '),
    )
    .join('\n');
};
