import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@app/domain';
import { TOKEN_AUTHENTICATOR } from '../auth.constants';
import { forbiddenRole, routeWithoutRoles, unauthenticated } from '../auth.errors';
import type { TokenAuthenticator } from '../tokens/token-authenticator';
import type { AuthRequest } from './request-context';
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
 * denied. The token is checked by the TokenAuthenticator of the mode: locally, the user is re-read from the
 * store on each request (disabling an account, changing roles or password, or logging out takes effect at once;
 * roles in the token are ignored); with OpenID Connect, the provider's signed roles are mapped to ours.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_AUTHENTICATOR) private readonly authenticator: TokenAuthenticator,
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
    const bearer = bearerTokenOf(request);
    if (bearer === undefined) throw unauthenticated('a bearer access token is required');
    const { user, token } = await this.authenticator.authenticate(bearer);

    const role = actingRole(access, user.roles);
    if (role === undefined) {
      throw forbiddenRole(access.kind === 'ROLES' ? access.roles : []);
    }
    request.user = user;
    // The actor of every event is the authenticated user, in the role this route allowed (R-ACT-1).
    request.actor = { id: user.id, role } satisfies Actor;
    request.token = token;
    return true;
  }
}
