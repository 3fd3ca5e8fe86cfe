import { decideLogin, isLocked, type LockoutPolicy, type LockoutState } from './lockout';

const POLICY: LockoutPolicy = { threshold: 3, lockMilliseconds: 15 * 60_000 };
const T0 = Date.parse('2026-03-01T08:00:00Z');
const FRESH: LockoutState = { failedLogins: 0, lockedUntil: null };

const wrong = { passwordMatches: false, active: true };
const right = { passwordMatches: true, active: true };

/** Runs attempts one after the other from a state, returning every decision. */
const run = (attempts: (typeof wrong)[], state: LockoutState = FRESH, now = T0) => {
  const decisions = [];
  for (const attempt of attempts) {
    const decision = decideLogin(state, attempt, now, POLICY);
    decisions.push(decision);
    state = decision.next;
  }
  return decisions;
};

describe('decideLogin (lockout)', () => {
  it('counts consecutive failures and locks at the threshold, resetting the count', () => {
    const decisions = run([wrong, wrong, wrong]);
    expect(decisions.map((d) => d.verdict)).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD']);
    expect(decisions.map((d) => d.lockedNow)).toEqual([false, false, true]);
    expect(decisions[1].next).toEqual({ failedLogins: 2, lockedUntil: null });
    expect(decisions[2].next).toEqual({ failedLogins: 0, lockedUntil: T0 + POLICY.lockMilliseconds });
  });

  it('a success resets the count, so only consecutive failures lock', () => {
    const decisions = run([wrong, wrong, right, wrong, wrong]);
    expect(decisions[2]).toEqual({ verdict: 'SUCCESS', next: FRESH, lockedNow: false });
    expect(decisions[4].next).toEqual({ failedLogins: 2, lockedUntil: null });
  });

  it('refuses even the right password while locked, without counting or extending the lock', () => {
    const locked: LockoutState = { failedLogins: 0, lockedUntil: T0 + 60_000 };
    const decision = decideLogin(locked, right, T0 + 59_999, POLICY);
    expect(decision).toEqual({ verdict: 'LOCKED', next: locked, lockedNow: false });
    expect(decideLogin(locked, wrong, T0, POLICY).next).toBe(locked);
  });

  it('lets the right password in once the lock has run out', () => {
    const locked: LockoutState = { failedLogins: 0, lockedUntil: T0 + 60_000 };
    expect(decideLogin(locked, right, T0 + 60_000, POLICY).verdict).toBe('SUCCESS');
  });

  it('starts counting again from zero after a lock has run out', () => {
    const expired: LockoutState = { failedLogins: 2, lockedUntil: T0 - 1 };
    expect(decideLogin(expired, wrong, T0, POLICY).next).toEqual({ failedLogins: 1, lockedUntil: null });
  });

  it('refuses a disabled account without counting, whatever the password', () => {
    const state: LockoutState = { failedLogins: 1, lockedUntil: null };
    expect(decideLogin(state, { passwordMatches: true, active: false }, T0, POLICY)).toEqual({
      verdict: 'DISABLED',
      next: state,
      lockedNow: false,
    });
  });

  it('isLocked is true strictly before the end of the lock', () => {
    expect(isLocked({ failedLogins: 0, lockedUntil: T0 }, T0 - 1)).toBe(true);
    expect(isLocked({ failedLogins: 0, lockedUntil: T0 }, T0)).toBe(false);
    expect(isLocked(FRESH, T0)).toBe(false);
  });
});
