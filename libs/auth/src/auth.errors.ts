import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Role } from '@app/domain';

/** The HTTP error body of the whole API; the error filter keeps `code` and `details` when present. */
export interface AuthErrorBody {
  statusCode: number;
  code:
    | 'UNAUTHENTICATED'
    | 'FORBIDDEN_ROLE'
    | 'ROUTE_WITHOUT_ROLES'
    | 'TOO_MANY_REQUESTS'
    | 'NOT_FOUND'
    | 'IDENTITY_PROVIDER_UNAVAILABLE';
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One message for unknown user, wrong password, locked and disabled account, so a caller cannot probe accounts
 * (a locked account answers the same 401, not 423: a distinct answer would confirm that the name exists).
 */
export const INVALID_CREDENTIALS_MESSAGE = 'invalid username or password';

export const INVALID_TOKEN_MESSAGE = 'invalid or expired access token';

export const unauthenticated = (message = 'authentication required'): UnauthorizedException =>
  new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message } satisfies AuthErrorBody);

export const forbiddenRole = (allowedRoles: readonly Role[]): ForbiddenException =>
  new ForbiddenException({
    statusCode: 403,
    code: 'FORBIDDEN_ROLE',
    message: 'your roles do not allow this operation',
    details: { allowedRoles: [...allowedRoles] },
  } satisfies AuthErrorBody);

/** A route that declares no access rule is refused: forgetting a declaration must not open a route. */
export const routeWithoutRoles = (): ForbiddenException =>
  new ForbiddenException({
    statusCode: 403,
    code: 'ROUTE_WITHOUT_ROLES',
    message: 'this route declares no access rule and is denied',
  } satisfies AuthErrorBody);

/** 429; the caller also sets `Retry-After` (seconds) on the response. */
export const tooManyRequests = (retryAfterSeconds: number): HttpException =>
  new HttpException(
    {
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: `too many login attempts; retry in ${retryAfterSeconds} s`,
    } satisfies AuthErrorBody,
    HttpStatus.TOO_MANY_REQUESTS,
  );

/** Local login, refresh and logout in AUTH_MODE=oidc: the provider issues and ends sessions. */
export const localAuthDisabled = (): NotFoundException =>
  new NotFoundException({
    statusCode: 404,
    code: 'NOT_FOUND',
    message: 'local sign-in is disabled (AUTH_MODE=oidc): get tokens from the identity provider',
  } satisfies AuthErrorBody);

/** The provider's keys could not be had and none are cached: a valid token cannot be told from a forged one. */
export const identityProviderUnavailable = (): ServiceUnavailableException =>
  new ServiceUnavailableException({
    statusCode: 503,
    code: 'IDENTITY_PROVIDER_UNAVAILABLE',
    message: 'the identity provider’s signing keys are unavailable; try again later',
  } satisfies AuthErrorBody);
