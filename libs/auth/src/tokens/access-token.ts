import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/domain';

/**
 * Claims of a local access token. Roles are informative for clients: the guard takes roles from the user store.
 * `jti` names the token (logout denylists it), `sid` its session (refresh-token family), `tv` the user's token
 * version when it was issued (disable, role and password changes bump it).
 */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  roles: Role[];
  jti: string;
  sid: string;
  tv: number;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export interface AccessTokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Opaque; exchange it at POST /api/v1/auth/refresh for a new pair (each one works once). */
  refreshToken: string;
  /** Seconds until the session ends (the refresh token's expiry, fixed at login). */
  refreshExpiresIn: number;
}

export interface AccessTokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * HS256 only, in both directions: pinning the verify algorithm refuses `alg: none` and algorithm-confusion
 * tokens; issuer and audience are checked so a token of another system sharing the key is refused. The key is
 * made a KeyObject once: given a string, jsonwebtoken would first try (and fail) to parse it as a public key on
 * every request.
 */
export const createAccessTokenSigner = ({
  secret,
  issuer,
  audience,
  ttlSeconds,
}: AccessTokenSettings): JwtService => {
  const key = createSecretKey(Buffer.from(secret));
  return new JwtService({
    secretOrKeyProvider: () => key,
    signOptions: { algorithm: 'HS256', issuer, audience, expiresIn: ttlSeconds },
    verifyOptions: { algorithms: ['HS256'], issuer, audience },
  });
};
