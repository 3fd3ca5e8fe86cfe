/** Injection token of the auth database connection (better-sqlite3), opened by AuthModule from AUTH_DB_PATH. */
export const AUTH_DATABASE = Symbol('AuthDatabase');

/** Injection token of the read-only user lookup other modules use (e.g. to check that a team member is an AUDITOR). */
export const USER_DIRECTORY = Symbol('UserDirectory');
