import type { AuthenticatedUser } from '../access/request-context';

/** What the guard learns from a verified bearer token. */
export interface VerifiedToken {
  /** `local`: issued by this API; `oidc`: by the configured OpenID Connect provider. */
  source: 'local' | 'oidc';
  jti?: string;
  /** The local session (refresh-token family) the token belongs to. */
  sessionId?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface Authentication {
  user: AuthenticatedUser;
  token: VerifiedToken;
}

/** Turns a bearer token into the caller, or throws 401 UNAUTHENTICATED (503 when the provider cannot be asked). */
export interface TokenAuthenticator {
  authenticate(token: string): Promise<Authentication>;
}
