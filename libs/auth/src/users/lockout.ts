/** AUTH_LOCKOUT_THRESHOLD consecutive failed logins lock the account for AUTH_LOCKOUT_MINUTES. */
export interface LockoutPolicy {
  threshold: number;
  lockMilliseconds: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { threshold: 5, lockMilliseconds: 15 * 60_000 };

/** The lockout columns of a user row; `lockedUntil` in epoch milliseconds. */
export interface LockoutState {
  failedLogins: number;
  lockedUntil: number | null;
}

export type LoginVerdict = 'SUCCESS' | 'WRONG_PASSWORD' | 'LOCKED' | 'DISABLED';

export interface LoginDecision {
  verdict: LoginVerdict;
  next: LockoutState;
  /** This attempt locked the account (for the log). */
  lockedNow: boolean;
}

export const isLocked = (state: LockoutState, now: number): boolean =>
  state.lockedUntil !== null && now < state.lockedUntil;

/**
 * One login attempt against an existing account. Pure, so every rule is unit-tested:
 * - while locked, every attempt fails, even with the right password, and neither counts nor extends the lock
 *   (a caller cannot keep an account locked for ever by hammering it during the lock);
 * - when the lock has run out, counting starts again from zero;
 * - a disabled account fails without counting (it cannot log in anyway);
 * - the right password resets the counter; a wrong one counts, and the threshold-th consecutive one locks the
 *   account and resets the counter for the next round.
 */
export const decideLogin = (
  state: LockoutState,
  attempt: { passwordMatches: boolean; active: boolean },
  now: number,
  policy: LockoutPolicy,
): LoginDecision => {
  if (isLocked(state, now)) return { verdict: 'LOCKED', next: state, lockedNow: false };
  const current: LockoutState = state.lockedUntil === null ? state : { failedLogins: 0, lockedUntil: null };
  if (!attempt.active) return { verdict: 'DISABLED', next: current, lockedNow: false };
  if (attempt.passwordMatches) {
    return { verdict: 'SUCCESS', next: { failedLogins: 0, lockedUntil: null }, lockedNow: false };
  }
  const failedLogins = current.failedLogins + 1;
  if (failedLogins >= policy.threshold) {
    return {
      verdict: 'WRONG_PASSWORD',
      next: { failedLogins: 0, lockedUntil: now + policy.lockMilliseconds },
      lockedNow: true,
    };
  }
  return { verdict: 'WRONG_PASSWORD', next: { failedLogins, lockedUntil: null }, lockedNow: false };
};
