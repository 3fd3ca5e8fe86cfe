import { InvalidUserError } from './users.errors';
import { validateNewUser, validateRoles } from './user-rules';
import type { CreateUserInput } from './user';

const valid: CreateUserInput = { username: 'alice', password: 'twelve chars', roles: ['AUDITOR'] };

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
      password: 'twelve chars',
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
    expect(problemsOf({ ...valid, password: 'elevenchars' })).toHaveProperty('password');
    expect(validateNewUser({ ...valid, password: '密'.repeat(12) }).password).toBe('密'.repeat(12));
    expect(problemsOf({ ...valid, password: '密'.repeat(11) })).toHaveProperty('password');
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
