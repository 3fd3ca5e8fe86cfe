import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@app/domain';
import { forbiddenRole, routeWithoutRoles, unauthenticated } from '../auth.errors';
import { AuthService } from '../tokens/auth.service';
import { UsersService } from '../users/users.service';
import type { DirectoryUser } from '../users/user';
import type { AuthenticatedUser, AuthRequest } from './request-context';
import { getRouteAccess, type RouteAccess } from './route-access';

/** The bearer token of the Authorization header, or undefined. The scheme name is case-insensitive (RFC 7235). */
export const bearerTokenOf = (request: AuthRequest): string | undefined => {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header);
  return match?.[1];
};

/** The role the user acts in on this route, or undefined when they hold none of the allowed roles. */
export const actingRole = (
  access: Exclude<RouteAccess, { kind: 'PUBLIC' }>,
  userRoles: readonly Role[],
): Role | undefined =>
  access.kind === 'ANY_AUTHENTICATED' ? userRoles[0] : access.roles.find((role) => userRoles.includes(role));

/**
 * Global guard (APP_GUARD): every route must declare @Public, @AnyAuthenticated or @Roles; undeclared routes are
 * denied. The user is re-read from the store on each request, so disabling an account or changing roles takes
 * effect at once; roles in the token are ignored.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = getRouteAccess(this.reflector, context.getHandler(), context.getClass());
    if (access === undefined) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no access rule ` +
          '(@Public, @AnyAuthenticated or @Roles) and is denied',
      );
      throw routeWithoutRoles();
    }
    if (access.kind === 'PUBLIC') return true;

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const token = bearerTokenOf(request);
    if (token === undefined) throw unauthenticated('a bearer access token is required');
    const claims = await this.auth.verifyAccessToken(token);

    const user = await this.users.findById(claims.sub);
    // A deleted or disabled account loses access immediately, even with an unexpired token.
    if (user === null || !user.active) throw unauthenticated('invalid or expired access token');

    const role = actingRole(access, user.roles);
    if (role === undefined) {
      throw forbiddenRole(access.kind === 'ROLES' ? access.roles : []);
    }
    request.user = authenticatedUser(user);
    request.actor = { id: user.id, role } satisfies Actor;
    return true;
  }
}

const authenticatedUser = (user: DirectoryUser): AuthenticatedUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  roles: [...user.roles],
});
