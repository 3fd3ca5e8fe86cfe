import { InvalidUserError } from './users.errors';
import { validateNewUser, validatePassword, validateRoles } from './user-rules';
import type { CreateUserInput } from './user';

const valid: CreateUserInput = { username: 'alice', password: 'Twelve chars', roles: ['AUDITOR'] };

const problemsOf = (input: CreateUserInput): Record<string, string[]> => {
  try {
    validateNewUser(input);
  } catch (error) {
    if (error instanceof InvalidUserError)
      return Object.fromEntries(error.details.map((d) => [d.field, d.problems]));
    throw error;
  }
  throw new Error('expected the input to be refused');
};

describe('validateNewUser', () => {
  it('accepts a valid user, lower-casing the name and defaulting the display name', () => {
    expect(validateNewUser({ ...valid, username: ' Alice.Z_1-x ' })).toEqual({
      username: 'alice.z_1-x',
      password: 'Twelve chars',
      roles: ['AUDITOR'],
      displayName: 'alice.z_1-x',
    });
  });

  it('keeps the order of roles and drops duplicates', () => {
    expect(validateNewUser({ ...valid, roles: ['REGULATOR', 'AUDITOR', 'REGULATOR'] }).roles).toEqual([
      'REGULATOR',
      'AUDITOR',
    ]);
  });

  it.each(['ab', 'a'.repeat(65), 'alice smith', 'alice@example', 'élise', ''])(
    'refuses the username %j',
    (username) => {
      expect(problemsOf({ ...valid, username })).toHaveProperty('username');
    },
  );

  it.each(['a'.repeat(3), 'a'.repeat(64)])('accepts usernames at the length bounds (%j)', (username) => {
    expect(validateNewUser({ ...valid, username }).username).toBe(username);
  });

  it('refuses passwords shorter than 12 characters, counting characters rather than bytes', () => {
    expect(problemsOf({ ...valid, password: 'Elevenchar5' })).toHaveProperty('password');
    expect(validateNewUser({ ...valid, password: '密码Passw0rd12' }).password).toBe('密码Passw0rd12');
    expect(problemsOf({ ...valid, password: '密'.repeat(11) })).toHaveProperty('password');
  });

  it('applies the password policy with the username, listing every failed criterion', () => {
    expect(problemsOf({ ...valid, username: 'administrator', password: 'ADMINISTRATOR' }).password).toEqual([
      'must not be the username',
      'is a commonly used password',
      expect.stringContaining('must mix at least 3'),
    ]);
  });

  it('refuses no roles, unknown roles and SYSTEM', () => {
    expect(problemsOf({ ...valid, roles: [] }).roles).toEqual(['at least one role is required']);
    expect(problemsOf({ ...valid, roles: ['WIZARD'] }).roles[0]).toContain("unknown role 'WIZARD'");
    expect(problemsOf({ ...valid, roles: ['AUDITOR', 'SYSTEM'] }).roles[0]).toContain('SYSTEM is reserved');
  });

  it('refuses blank, overlong and control-character display names', () => {
    for (const displayName of ['  ', 'x'.repeat(129), 'a\u0007b']) {
      expect(problemsOf({ ...valid, displayName })).toHaveProperty('displayName');
    }
  });

  it('reports every bad field at once', () => {
    expect(
      Object.keys(problemsOf({ username: 'x', password: 'short', roles: [], displayName: '' })).sort(),
    ).toEqual(['displayName', 'password', 'roles', 'username']);
  });
});

describe('validateRoles', () => {
  it('returns the distinct roles in order, or throws InvalidUserError on roles', () => {
    expect(validateRoles(['ADMIN', 'ADMIN', 'AUDITOR'])).toEqual(['ADMIN', 'AUDITOR']);
    expect(() => validateRoles(['SYSTEM'])).toThrow(InvalidUserError);
  });
});

describe('validatePassword', () => {
  it('returns an acceptable password and refuses a bad one with InvalidUserError on password', () => {
    expect(validatePassword('a long passphrase of words', 'alice')).toBe('a long passphrase of words');
    expect(() => validatePassword('Alice', 'ALICE')).toThrow(InvalidUserError);
    try {
      validatePassword('alice', 'Alice');
    } catch (error) {
      expect((error as InvalidUserError).details).toEqual([
        { field: 'password', problems: expect.arrayContaining(['must not be the username']) },
      ]);
    }
  });
});
