/** Injection token of the IdentityStore, opened by AuthModule as AUTH_STORE says. */
export const IDENTITY_STORE = Symbol('IdentityStore');

/** Injection token of the read-only user lookup other modules use (e.g. to check that a team member is an AUDITOR). */
export const USER_DIRECTORY = Symbol('UserDirectory');

/** Injection token of the resolved AuthSettings (from the environment). */
export const AUTH_SETTINGS = Symbol('AuthSettings');

/**
 * Injection token of the wall clock of identity (lockouts, token times, JWKS cache). Deliberately not the domain's
 * CLOCK: a manual demonstration clock moved by months must not expire every session or lock.
 */
export const AUTH_CLOCK = Symbol('AuthClock');

/** Injection token of the TokenAuthenticator the guard uses: local tokens or the OpenID Connect provider's. */
export const TOKEN_AUTHENTICATOR = Symbol('TokenAuthenticator');

/** Milliseconds since the epoch; `Date.now` unless a test holds the clock. */
export interface AuthClock {
  now(): number;
}

export const systemAuthClock: AuthClock = { now: () => Date.now() };

/** Injection token of UsersServiceOptions (lockout policy, clock); optional, so `new UsersService(store)` works. */
export const USERS_OPTIONS = Symbol('UsersOptions');
