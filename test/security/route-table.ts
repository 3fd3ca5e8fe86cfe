/**
 * The application's route table, read the way Nest's router reads it: every controller of every module of the
 * running app (ModulesContainer), every handler with route metadata (Nest's own PathsExplorer), and the access
 * declaration the AuthGuard reads (getRouteAccess). Cross-checked against the routes Fastify really serves, so a
 * route added any other way shows up too.
 */
import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PathsExplorer } from '@nestjs/core/router/paths-explorer';
import { getRouteAccess, type RouteAccess } from '@app/auth';
import type { Role } from '@app/domain';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL' | 'SEARCH';

export interface Route {
  method: HttpMethod;
  /** Route path, e.g. /api/v1/audits/:id/decide. */
  path: string;
  /** `Controller.handler`, for messages. */
  name: string;
  controller: Type;
  handler: (...args: unknown[]) => unknown;
  /** What the guard enforces; undefined = the route declares nothing. */
  access: RouteAccess | undefined;
  /** The class of the handler's @Body() parameter, if it has one. */
  body: Type | undefined;
  /** Names of the path parameters, in order. */
  params: string[];
}

const METHOD_NAMES: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.HEAD]: 'HEAD',
  [RequestMethod.OPTIONS]: 'OPTIONS',
  [RequestMethod.ALL]: 'ALL',
  [RequestMethod.SEARCH]: 'SEARCH',
};

const join = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/')}`;

/** The DTO class of the @Body() parameter (Nest's route-argument metadata plus the parameter's design type). */
const bodyTypeOf = (controller: Type, methodName: string): Type | undefined => {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
    string,
    { index: number }
  >;
  const entry = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  if (entry === undefined) return undefined;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, methodName) ?? []) as Type[];
  return types[entry[1].index];
};

/** Every route of the running app's Nest router, with its access declaration. */
export const routeTable = (app: INestApplication): Route[] => {
  const reflector = new Reflector();
  const explorer = new PathsExplorer(new MetadataScanner());
  const routes: Route[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const raw = (Reflect.getMetadata(PATH_METADATA, controller) ?? '/') as string | string[];
      const prefixes = Array.isArray(raw) ? raw : [raw];
      for (const definition of explorer.scanForPaths(
        Object.create(controller.prototype),
        controller.prototype,
      )) {
        const method = METHOD_NAMES[definition.requestMethod];
        if (method === undefined) throw new Error(`unknown request method ${definition.requestMethod}`);
        const handler = controller.prototype[definition.methodName] as Route['handler'];
        for (const prefix of prefixes) {
          for (const suffix of definition.path) {
            const path = join(prefix, suffix);
            routes.push({
              method,
              path,
              name: `${controller.name}.${definition.methodName}`,
              controller,
              handler,
              access: getRouteAccess(reflector, handler, controller),
              body: bodyTypeOf(controller, definition.methodName),
              params: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]),
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
};

/**
 * Records `METHOD path` of every route Fastify will serve (Nest's and any added by hand, e.g. Swagger UI) from now
 * on: call before the app is configured and initialised. Fastify's own HEAD twin of each GET is left out.
 */
export const recordServedRoutes = (app: NestFastifyApplication): { readonly routes: string[] } => {
  const served: string[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) served.push(`${method} ${route.url}`);
    });
  return {
    get routes() {
      return served.filter(
        (route) => !(route.startsWith('HEAD ') && served.includes(`GET ${route.slice('HEAD '.length)}`)),
      );
    },
  };
};

export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** Whether `role` may call the route by its declaration. */
export const allows = (access: RouteAccess, role: Role): boolean =>
  access.kind === 'PUBLIC' || access.kind === 'ANY_AUTHENTICATED' || access.roles.includes(role);

/** Commands: every route that is not a read. */
export const isCommand = (route: Route): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(route.method);

/** Plausible values of the app's path parameters (unknown names get a generic token). */
const SAMPLE_PARAMS: Record<string, string> = {
  id: '5f1d2c3b-4a59-4c6d-8e7f-9a0b1c2d3e4f',
  ncId: '6a2e3d4c-5b6a-4d7e-8f90-a1b2c3d4e5f6',
  number: 'CMM-ICS-2026-00999',
  kind: 'status',
  name: 'awaiting-acceptance',
  version: 'CMM-525-0002@V1.0',
};

/** The route's path with its parameters filled from `values`, else the samples. */
export const concretePath = (route: Route, values: Record<string, string> = {}): string =>
  route.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? SAMPLE_PARAMS[name] ?? 'sample'),
  );
