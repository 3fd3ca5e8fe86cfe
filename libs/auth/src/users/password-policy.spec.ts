import { characterClasses, passwordProblems } from './password-policy';

const TOO_SHORT = 'must be at least 12 characters long';
const TOO_LONG = 'must be at most 1024 characters long';
const USERNAME = 'must not be the username';
const COMMON = 'is a commonly used password';
const MIX = expect.stringContaining('must mix at least 3 of');

describe('password policy', () => {
  it.each([
    ['three classes at the minimum length', 'Abcdefgh1234'],
    ['four classes', 'Tr0ub4dor&3xyz'],
    ['a passphrase of 16+ characters in one class', 'correcthorsebatt'],
    ['the repository’s test passphrase', 'correct horse battery staple'],
    ['the demo password', 'demo-password-2026'],
    ['CJK characters with digits and an upper-case letter', '认证系统密码Passw0rd'],
  ])('accepts %s', (_case, password) => {
    expect(passwordProblems(password, 'alice')).toEqual([]);
  });

  it('refuses a short password, and says why', () => {
    expect(passwordProblems('Ab1!', 'alice')).toEqual([TOO_SHORT]);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(passwordProblems('😀😀😀😀😀Ab1defg', 'alice')).toEqual([]);
    expect(passwordProblems('😀😀😀😀Ab1def', 'alice')).toEqual([TOO_SHORT]);
  });

  it('refuses more than 1024 characters', () => {
    expect(passwordProblems('Aa1!'.repeat(257), 'alice')).toEqual([TOO_LONG]);
  });

  it('refuses the username, in any case and with spaces around', () => {
    expect(passwordProblems('Wang.Fang.2026', 'wang.fang.2026')).toEqual([USERNAME]);
    expect(passwordProblems(' wang.fang.2026 ', 'Wang.Fang.2026')).toEqual([USERNAME]);
  });

  it('refuses common passwords in any case', () => {
    expect(passwordProblems('Password1234!', 'alice')).toEqual([COMMON]);
    expect(passwordProblems('P@ssw0rd1234', 'alice')).toEqual([COMMON]);
  });

  it('refuses fewer than 3 character classes below 16 characters', () => {
    expect(passwordProblems('abcdefghijkl1', 'alice')).toEqual([MIX]);
    expect(passwordProblems('abcdefghijklmnop', 'alice')).toEqual([]);
  });

  it('lists every failed criterion at once', () => {
    expect(passwordProblems('administrator', 'administrator')).toEqual([USERNAME, COMMON, MIX]);
    expect(passwordProblems('abc', 'abc')).toEqual([TOO_SHORT, USERNAME, MIX]);
  });

  it('counts the four character classes', () => {
    expect(characterClasses('aaa')).toBe(1);
    expect(characterClasses('aA')).toBe(2);
    expect(characterClasses('aA1')).toBe(3);
    expect(characterClasses('aA1 ')).toBe(4);
    expect(characterClasses('密')).toBe(1);
  });
});
