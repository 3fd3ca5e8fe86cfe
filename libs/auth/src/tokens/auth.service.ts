import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { INVALID_CREDENTIALS_MESSAGE, unauthenticated } from '../auth.errors';
import { UsersService } from '../users/users.service';
import type { AccessTokenClaims, AccessTokenResponse } from './access-token';

/** Injection token of the token lifetime in seconds (AUTH_TOKEN_TTL_SECONDS), echoed in `expiresIn`. */
export const ACCESS_TOKEN_TTL = Symbol('AccessTokenTtl');

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(ACCESS_TOKEN_TTL) private readonly ttlSeconds: number,
  ) {}

  /** Unknown user, wrong password and disabled account all give the same 401. */
  async login(username: string, password: string): Promise<AccessTokenResponse> {
    const user = await this.users.verifyCredentials(username, password);
    if (user === null) throw unauthenticated(INVALID_CREDENTIALS_MESSAGE);
    const claims: Pick<AccessTokenClaims, 'sub' | 'username' | 'roles'> = {
      sub: user.id,
      username: user.username,
      roles: user.roles,
    };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  /** The claims of a well-signed, unexpired token of our issuer; 401 UNAUTHENTICATED otherwise. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token);
    } catch {
      // Expired, bad signature, wrong issuer or algorithm, garbage: the client only needs to log in again.
      throw unauthenticated('invalid or expired access token');
    }
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) {
      throw unauthenticated('invalid or expired access token');
    }
    return claims as AccessTokenClaims;
  }
}
