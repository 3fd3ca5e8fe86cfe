import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { LoginRateLimiter } from '../access/login-rate-limiter';
import { CurrentToken, CurrentUser, type AuthenticatedUser } from '../access/request-context';
import { AnyAuthenticated, Public } from '../access/route-access';
import { AUTH_SETTINGS } from '../auth.constants';
import { localAuthDisabled, tooManyRequests } from '../auth.errors';
import type { AuthSettings } from '../config/auth-settings';
import type { AccessTokenResponse } from '../tokens/access-token';
import { originOf, type OriginRequest } from '../request-origin';
import { AuthService } from '../tokens/auth.service';
import type { VerifiedToken } from '../tokens/token-authenticator';
import {
  AccessTokenDto,
  AuthErrorDto,
  CurrentUserDto,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
} from './auth.dto';

/** The part of the HTTP response the login route touches (Fastify's reply and Express's response both have it). */
interface HeaderResponse {
  header(name: string, value: string): unknown;
}

const LOCAL_ONLY = 'Local mode only: 404 NOT_FOUND with AUTH_MODE=oidc (the identity provider issues tokens)';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: LoginRateLimiter,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a username and password for an access token and a refresh token',
    description:
      'Unknown user, wrong password, locked or disabled account: the same 401. AUTH_LOCKOUT_THRESHOLD consecutive ' +
      'failures lock the account for AUTH_LOCKOUT_MINUTES. Failed attempts per client address are limited ' +
      `(429 with Retry-After). ${LOCAL_ONLY}.`,
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ type: AuthErrorDto, description: 'VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({
    type: AuthErrorDto,
    description: 'UNAUTHENTICATED: invalid username or password',
  })
  @ApiTooManyRequestsResponse({
    type: AuthErrorDto,
    description: 'TOO_MANY_REQUESTS; the Retry-After header gives the seconds to wait',
  })
  @ApiNotFoundResponse({ type: AuthErrorDto, description: LOCAL_ONLY })
  async login(
    @Body() body: LoginRequest,
    @Req() request: OriginRequest,
    @Res({ passthrough: true }) response: HeaderResponse,
  ): Promise<AccessTokenDto> {
    this.requireLocalMode();
    const decision = this.limiter.take(request.ip);
    if (!decision.allowed) {
      response.header('Retry-After', String(decision.retryAfterSeconds));
      throw tooManyRequests(decision.retryAfterSeconds);
    }
    const tokens: AccessTokenResponse = await this.auth.login(
      body.username,
      body.password,
      originOf(request),
    );
    // Only failed attempts keep their slot.
    decision.slot.release();
    return tokens;
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new access token and refresh token',
    description:
      'The refresh token is used up. A used one presented again revokes the whole session (someone holds a copy). ' +
      `Refused when the user was disabled or their roles or password changed since the login. ${LOCAL_ONLY}.`,
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ type: AuthErrorDto, description: 'VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({
    type: AuthErrorDto,
    description: 'UNAUTHENTICATED: invalid or expired refresh token',
  })
  @ApiNotFoundResponse({ type: AuthErrorDto, description: LOCAL_ONLY })
  refresh(@Body() body: RefreshRequest, @Req() request: OriginRequest): Promise<AccessTokenDto> {
    this.requireLocalMode();
    return this.auth.refresh(body.refreshToken, originOf(request));
  }

  @Post('logout')
  @AnyAuthenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End the session of the bearer token',
    description:
      'Revokes its refresh tokens and every access token of the session (this one is denylisted until it ' +
      `expires). ${LOCAL_ONLY}.`,
  })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiBadRequestResponse({ type: AuthErrorDto, description: 'VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'UNAUTHENTICATED' })
  @ApiNotFoundResponse({ type: AuthErrorDto, description: LOCAL_ONLY })
  async logout(
    @CurrentToken() token: VerifiedToken,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: LogoutRequest,
  ): Promise<void> {
    this.requireLocalMode();
    await this.auth.logout(token, user.id, body?.refreshToken);
  }

  @Get('me')
  @AnyAuthenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated user, with the roles currently held' })
  @ApiOkResponse({ type: CurrentUserDto })
  @ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'UNAUTHENTICATED' })
  me(@CurrentUser() user: AuthenticatedUser): CurrentUserDto {
    return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles };
  }

  private requireLocalMode(): void {
    if (this.settings.mode !== 'local') throw localAuthDisabled();
  }
}
