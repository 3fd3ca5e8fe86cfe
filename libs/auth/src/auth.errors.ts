import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { Role } from '@app/domain';

/** The HTTP error body of the whole API; the error filter keeps `code` and `details` when present. */
export interface AuthErrorBody {
  statusCode: number;
  code: 'UNAUTHENTICATED' | 'FORBIDDEN_ROLE' | 'ROUTE_WITHOUT_ROLES';
  message: string;
  details?: Record<string, unknown>;
}

/** One message for unknown user, wrong password and disabled account, so a caller cannot probe accounts. */
export const INVALID_CREDENTIALS_MESSAGE = 'invalid username or password';

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
