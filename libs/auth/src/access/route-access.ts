import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ROLES, type Role } from '@app/domain';

/**
 * What a route declares about who may call it. Every route must declare exactly one of these (on the
 * handler, or on its controller class as a default); the guard denies a route that declares none.
 */
export type RouteAccess =
  { kind: 'PUBLIC' } | { kind: 'ANY_AUTHENTICATED' } | { kind: 'ROLES'; roles: readonly Role[] };

export const ROUTE_ACCESS_KEY = 'auth:route-access';

type AccessDecorator = ClassDecorator & MethodDecorator;

/** Same storage as Nest's SetMetadata, plus a refusal of two declarations on one target (which one would win?). */
const declareAccess =
  (access: RouteAccess): AccessDecorator =>
  (target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const holder: object = descriptor?.value !== undefined ? (descriptor.value as object) : target;
    if (Reflect.hasOwnMetadata(ROUTE_ACCESS_KEY, holder)) {
      const name = propertyKey === undefined ? (target as { name?: string }).name : String(propertyKey);
      throw new Error(
        `${name ?? 'route'} has more than one access declaration (@Public/@Roles/@AnyAuthenticated)`,
      );
    }
    Reflect.defineMetadata(ROUTE_ACCESS_KEY, access, holder);
  };

/** No authentication: the public registry, health, login. */
export const Public = (): AccessDecorator => declareAccess({ kind: 'PUBLIC' });

/** Any logged-in user, whatever their roles (e.g. GET /auth/me). The actor's role is the user's first role. */
export const AnyAuthenticated = (): AccessDecorator => declareAccess({ kind: 'ANY_AUTHENTICATED' });

/**
 * The roles allowed for the route, in order of preference: the actor acts in the first listed role the user
 * holds, so list the role the rule names first (R-ACT-1 records that role in the event).
 */
export const Roles = (...roles: Role[]): AccessDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new Error(`@Roles(): unknown role(s) ${unknown.join(', ')}`);
  return declareAccess({ kind: 'ROLES', roles: Object.freeze([...new Set(roles)]) });
};

/**
 * The access rule in force for a handler: its own declaration, else its controller's, else undefined
 * (denied). Exported so a test can walk every route of the app and check each one declares something.
 */
export const getRouteAccess = (
  reflector: Reflector,
  handler: ReturnType<ExecutionContext['getHandler']>,
  controller: ReturnType<ExecutionContext['getClass']>,
): RouteAccess | undefined =>
  reflector.get<RouteAccess | undefined>(ROUTE_ACCESS_KEY, handler) ??
  reflector.get<RouteAccess | undefined>(ROUTE_ACCESS_KEY, controller);
