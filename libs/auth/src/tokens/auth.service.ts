import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthenticatedUser } from '../access/request-context';
import { AUTH_CLOCK, AUTH_SETTINGS, IDENTITY_STORE, type AuthClock } from '../auth.constants';
import { INVALID_CREDENTIALS_MESSAGE, INVALID_TOKEN_MESSAGE, unauthenticated } from '../auth.errors';
import type { AuthSettings } from '../config/auth-settings';
import type { IdentityStore, RevokedAccessTokenRecords } from '../store/identity-store.port';
import type { User } from '../users/user';
import { UsersService } from '../users/users.service';
import type { AccessTokenClaims, AccessTokenResponse } from './access-token';
import { RefreshTokenStore, type IssuedRefreshToken } from './refresh-tokens';
import type { Authentication, TokenAuthenticator, VerifiedToken } from './token-authenticator';
import { VerifiedAccessTokens } from './verified-access-tokens';
import { aboutRequest, type RequestOrigin } from '../request-origin';

const INVALID_REFRESH_MESSAGE = 'invalid or expired refresh token';

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export const authenticatedUser = (user: User): AuthenticatedUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  roles: [...user.roles],
});

/**
 * Local identity (AUTH_MODE=local): password login with lockout, access tokens (HS256) with refresh-token
 * rotation, logout, and the per-request token checks of the guard.
 */
@Injectable()
export class AuthService implements TokenAuthenticator {
  private readonly logger = new Logger(AuthService.name);
  private readonly refreshTokens: RefreshTokenStore;
  /** The logout denylist, by `jti`. */
  private readonly denylist: RevokedAccessTokenRecords;
  private readonly verifiedTokens = new VerifiedAccessTokens();

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(IDENTITY_STORE) store: IdentityStore,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_CLOCK) private readonly clock: AuthClock,
  ) {
    this.refreshTokens = new RefreshTokenStore(store.refreshTokens);
    this.denylist = store.revokedAccessTokens;
  }

  /** Unknown user, wrong password, locked and disabled account all give the same 401. */
  async login(username: string, password: string, origin?: RequestOrigin): Promise<AccessTokenResponse> {
    const attempt = await this.users.attemptLogin(username, password, origin);
    if (attempt.verdict !== 'SUCCESS') throw unauthenticated(INVALID_CREDENTIALS_MESSAGE);
    const now = this.clock.now();
    const refresh = await this.refreshTokens.issue(
      attempt.user.id,
      attempt.tokenVersion,
      now,
      this.settings.refreshTokenTtlSeconds * 1000,
    );
    return this.tokenPair(attempt.user, attempt.tokenVersion, refresh, now);
  }

  /**
   * A new access token and a new refresh token for a refresh token, which is used up. A used one presented
   * again revokes its whole session. The user must still be active and unchanged since the login.
   */
  async refresh(refreshToken: string, origin?: RequestOrigin): Promise<AccessTokenResponse> {
    const now = this.clock.now();
    const rotation = await this.refreshTokens.rotate(refreshToken, now);
    if (rotation.kind === 'REUSED') {
      this.logger.warn(
        aboutRequest(
          `A used refresh token was presented again: session ${rotation.familyId} of user ${rotation.userId} revoked`,
          origin,
        ),
      );
    }
    if (rotation.kind !== 'ROTATED') throw unauthenticated(INVALID_REFRESH_MESSAGE);
    const session = await this.users.findForSession(rotation.userId);
    if (session === null || !session.user.active || session.tokenVersion !== rotation.tokenVersion) {
      await this.refreshTokens.revokeFamily(rotation.familyId, now);
      throw unauthenticated(INVALID_REFRESH_MESSAGE);
    }
    return this.tokenPair(session.user, session.tokenVersion, rotation.next, now);
  }

  /**
   * Ends the session of the token: its refresh tokens, and every access token of it (denylisted and by `sid`).
   * A refresh token given as well ends its session too when it is the same user's; anyone else's is ignored.
   */
  async logout(token: VerifiedToken, userId: string, refreshToken?: string): Promise<void> {
    const now = this.clock.now();
    if (token.jti !== undefined) await this.denylist.revoke(token.jti, token.expiresAt * 1000, now);
    if (token.sessionId !== undefined) await this.refreshTokens.revokeFamily(token.sessionId, now);
    if (refreshToken !== undefined) {
      const family = await this.refreshTokens.familyOf(refreshToken);
      if (family !== undefined && family.userId === userId)
        await this.refreshTokens.revokeFamily(family.familyId, now);
    }
  }

  /**
   * The guard's check of a local access token: signature (HS256), issuer, audience, expiry; not logged out
   * (denylist) and its session still live; the user exists, is active and has not been changed since (token
   * version). Roles come from the store, not from the token.
   */
  async authenticate(token: string): Promise<Authentication> {
    const claims = await this.verifyAccessToken(token);
    // The three reads at once: with a store over the network, one round trip's time instead of three.
    const [revoked, sessionLive, session] = await Promise.all([
      this.denylist.isRevoked(claims.jti),
      this.refreshTokens.isFamilyLive(claims.sid, this.clock.now()),
      this.users.findForSession(claims.sub),
    ]);
    if (revoked || !sessionLive) throw unauthenticated(INVALID_TOKEN_MESSAGE);
    // A deleted or disabled account loses access immediately, even with an unexpired token.
    if (session === null || !session.user.active || session.tokenVersion !== claims.tv) {
      throw unauthenticated(INVALID_TOKEN_MESSAGE);
    }
    return {
      user: authenticatedUser(session.user),
      token: { source: 'local', jti: claims.jti, sessionId: claims.sid, expiresAt: claims.exp },
    };
  }

  /**
   * The claims of a well-signed, unexpired token of our issuer and audience; 401 UNAUTHENTICATED otherwise. A token
   * verified before is only checked for expiry (VerifiedAccessTokens).
   */
  async verifyAccessToken(token: string): Promise<Readonly<AccessTokenClaims>> {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    const verified = this.verifiedTokens.claimsOf(token, nowSeconds);
    if (verified !== undefined) return verified;
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token, {
        clockTimestamp: nowSeconds,
      });
    } catch {
      // Expired, bad signature, wrong issuer, audience or algorithm, garbage: the client only needs to log in again.
      throw unauthenticated(INVALID_TOKEN_MESSAGE);
    }
    if (
      !isNonEmptyString(claims.sub) ||
      !isNonEmptyString(claims.jti) ||
      !isNonEmptyString(claims.sid) ||
      !Number.isInteger(claims.tv) ||
      typeof claims.exp !== 'number'
    ) {
      throw unauthenticated(INVALID_TOKEN_MESSAGE);
    }
    return this.verifiedTokens.remember(token, claims as AccessTokenClaims);
  }

  private async tokenPair(
    user: User,
    tokenVersion: number,
    refresh: IssuedRefreshToken,
    now: number,
  ): Promise<AccessTokenResponse> {
    const claims: Pick<AccessTokenClaims, 'sub' | 'username' | 'roles' | 'jti' | 'sid' | 'tv' | 'iat'> = {
      sub: user.id,
      username: user.username,
      roles: user.roles,
      jti: randomUUID(),
      sid: refresh.familyId,
      tv: tokenVersion,
      // From our clock: jsonwebtoken counts `exp` from `iat` when present.
      iat: Math.floor(now / 1000),
    };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.settings.accessTokenTtlSeconds,
      refreshToken: refresh.token,
      refreshExpiresIn: Math.max(0, Math.floor((refresh.expiresAt - now) / 1000)),
    };
  }
}
