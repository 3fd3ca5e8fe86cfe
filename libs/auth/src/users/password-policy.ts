/**
 * The password policy of local accounts (creation and reset):
 * - 12 to 1024 characters (counted as characters, not bytes; the upper bound keeps a login body from making the
 *   server hash megabytes);
 * - not the username, in any case;
 * - not one of the commonly used passwords below (case-insensitive);
 * - at least 3 of the 4 character classes (lower case, upper case, digits, other), or at least 16 characters
 *   (a long passphrase of plain words is as strong as a short mixed one).
 * Every failed criterion is reported, so the operator fixes the password in one go.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
export const PASSPHRASE_LENGTH = 16;
export const MIN_CHARACTER_CLASSES = 3;

/**
 * Passwords of 12+ characters that top the published breach lists, and the obvious ones for this system. Short
 * ones are left out: the length rule refuses them already.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789012345',
  '1234567890123456',
  '123123123123',
  '111111111111',
  '000000000000',
  '121212121212',
  '987654321098',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopasdf',
  'qwertyuiopasdfgh',
  'qwertyuiopasdfghjkl',
  'qwerty123456',
  'qwerty1234567',
  'asdfghjkl123',
  'zxcvbnm123456',
  'abc123456789',
  'abcdefghijkl',
  'abcd12345678',
  'aa123456789012',
  'password1234',
  'password12345',
  'password123456',
  'password123!',
  'password1234!',
  'password!234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'passw0rd1234',
  'mypassword123',
  'iloveyou1234',
  'iloveyou123456',
  'letmein12345',
  'letmein123456',
  'welcome12345',
  'welcome123456',
  'welcome@1234',
  'changeme1234',
  'changeme12345',
  'administrator',
  'administrator1',
  'administrator123',
  'admin1234567',
  'admin123456789',
  'admin@123456',
  'superman1234',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'trustno11234',
  'computer1234',
  'internet1234',
  'monkey123456',
  'dragon123456',
  'woaini1314520',
  'woaini123456',
  '5201314520131',
  'a123456789012',
  'qq1234567890',
  'certification',
  'certification1',
  'certification123',
  'certification2024',
  'certification2025',
  'certification2026',
]);

type CharacterClass = 'lower case' | 'upper case' | 'digit' | 'other';

const classOf = (character: string): CharacterClass => {
  if (/\p{Ll}/u.test(character)) return 'lower case';
  if (/\p{Lu}/u.test(character)) return 'upper case';
  if (/\p{Nd}/u.test(character)) return 'digit';
  return 'other';
};

export const characterClasses = (password: string): number => new Set([...password].map(classOf)).size;

/** Every criterion the password fails, as sentences an operator can act on; empty when it is acceptable. */
export const passwordProblems = (password: string, username: string): string[] => {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  const normalized = password.trim().toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length > 0 && normalized === name) problems.push('must not be the username');
  if (COMMON_PASSWORDS.has(normalized)) problems.push('is a commonly used password');
  if (length < PASSPHRASE_LENGTH && characterClasses(password) < MIN_CHARACTER_CLASSES) {
    problems.push(
      `must mix at least ${MIN_CHARACTER_CLASSES} of lower-case letters, upper-case letters, digits and other ` +
        `characters, or be at least ${PASSPHRASE_LENGTH} characters long`,
    );
  }
  return problems;
};
