import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/domain';

/** Claims of an access token. Roles are informative for clients: the guard takes roles from the user store. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  roles: Role[];
  iss: string;
  iat: number;
  exp: number;
}

export interface AccessTokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
}

export interface AccessTokenSettings {
  secret: string;
  issuer: string;
  ttlSeconds: number;
}

/**
 * HS256 only, in both directions: pinning the verify algorithm refuses `alg: none` and algorithm-confusion
 * tokens; the issuer is checked so a token of another system sharing the key is refused.
 */
export const createAccessTokenSigner = ({ secret, issuer, ttlSeconds }: AccessTokenSettings): JwtService =>
  new JwtService({
    secret,
    signOptions: { algorithm: 'HS256', issuer, expiresIn: ttlSeconds },
    verifyOptions: { algorithms: ['HS256'], issuer },
  });
