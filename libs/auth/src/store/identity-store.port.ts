/**
 * The identity store: users, refresh tokens, the logout denylist, the subjects seen from an OpenID Connect
 * provider and identity's settings. Every process that checks tokens or manages accounts (API replicas, the CLI)
 * must share one, so a logout, a lock or a disabled account holds on every replica at once. Adapters: the embedded
 * SQLite file (`AUTH_STORE=embedded`, one host) and MongoDB (`AUTH_STORE=mongodb`, replicas on several hosts).
 * Contract: libs/testing/src/identity-store-contract.ts. Times are epoch milliseconds unless named ISO.
 */
export interface IdentityStore {
  readonly users: UserRecords;
  readonly refreshTokens: RefreshTokenRecords;
  readonly revokedAccessTokens: RevokedAccessTokenRecords;
  readonly subjects: SubjectRecords;
  readonly settings: SettingRecords;
  close(): Promise<void>;
}

/** A stored account, with what only identity may see (the password hash, the login state, the token version). */
export interface UserRecord {
  id: string;
  /** Lower-case (normalizeUsername); unique. */
  username: string;
  displayName: string;
  passwordHash: string;
  /** As stored, in the order given; the service keeps only known roles. */
  roles: string[];
  active: boolean;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
  failedLogins: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  /** Bumped when the user is disabled or their roles or password change: tokens of an older version are dead. */
  tokenVersion: number;
}

export type UserChanges = Partial<
  Pick<UserRecord, 'active' | 'roles' | 'passwordHash' | 'failedLogins' | 'lockedUntil'>
>;

export interface LoginOutcome {
  failedLogins: number;
  lockedUntil: number | null;
  /** Set on a successful login; null leaves the last one as it was. */
  lastLoginAt: number | null;
}

export interface UserRecords {
  /** False, and nothing stored, when the username is taken (the store decides, so two creations cannot both win). */
  insert(user: UserRecord): Promise<boolean>;
  byId(id: string): Promise<UserRecord | undefined>;
  /** `username` as normalized. */
  byUsername(username: string): Promise<UserRecord | undefined>;
  /** Every user, by username. */
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
  /**
   * Records a login's outcome only if the user is still as `seen` (login state, password hash, active): the
   * user as updated, or undefined when another attempt or an operator changed them meanwhile (decide again).
   */
  recordLogin(seen: UserRecord, outcome: LoginOutcome): Promise<UserRecord | undefined>;
  /** Applies the changes by username, bumping the token version when asked; undefined when there is no such user. */
  update(
    username: string,
    changes: UserChanges,
    options: { updatedAt: string; bumpTokenVersion: boolean },
  ): Promise<UserRecord | undefined>;
}

/** A refresh token as stored: its SHA-256 only, never the token. */
export interface RefreshTokenRecord {
  tokenHash: string;
  /** One family per password login (the session). */
  familyId: string;
  userId: string;
  tokenVersion: number;
  issuedAt: number;
  expiresAt: number;
  rotatedAt: number | null;
  revokedAt: number | null;
}

export interface RefreshTokenRecords {
  insert(record: RefreshTokenRecord): Promise<void>;
  byHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Marks a token used, if it is neither used nor revoked and has not expired at `now`: true for exactly one of
   * any number of concurrent callers.
   */
  markRotated(tokenHash: string, now: number): Promise<boolean>;
  /** Revokes the family's live tokens; returns how many. */
  revokeFamily(familyId: string, now: number): Promise<number>;
  /** Revokes every live token of the user; returns how many. */
  revokeOfUser(userId: string, now: number): Promise<number>;
  /** Whether the family still has a token that is neither used nor revoked and has not expired at `now`. */
  isFamilyLive(familyId: string, now: number): Promise<boolean>;
  /** Forgets tokens expired at `now`. */
  purgeExpired(now: number): Promise<void>;
}

/** Access tokens revoked before their expiry (logout), by `jti`. */
export interface RevokedAccessTokenRecords {
  /** Revokes until `expiresAt` (the token's own `exp`); forgets entries whose tokens expired by `now`. */
  revoke(jti: string, expiresAt: number, now: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

/** A subject that called the API with a provider's token (AUTH_MODE=oidc), with the roles of its last token. */
export interface SubjectRecord {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  lastSeenAt: number;
}

export interface SubjectRecords {
  /** Inserts or replaces by id. */
  put(subject: SubjectRecord): Promise<void>;
  byId(id: string): Promise<SubjectRecord | undefined>;
  /** Every subject, by id. */
  list(): Promise<SubjectRecord[]>;
}

export interface SettingRecords {
  /** The value stored under `key`, storing `value` first if there was none: racing callers all get the same one. */
  putIfAbsent(key: string, value: string): Promise<string>;
  get(key: string): Promise<string | undefined>;
}
