/**
 * Authorisation everywhere (issue #9): every route of the real AppModule — read from Nest's router, not listed by
 * hand — is called anonymously, with forged tokens and as every role, and each answer is checked against the
 * route's own declaration (@Public / @AnyAuthenticated / @Roles, the metadata the AuthGuard reads). A route
 * added without a declaration, or outside Nest's router, fails here.
 */
import { TEST_JWT_SECRET } from './test-secret';
import type { Response } from 'supertest';
import { ASSIGNABLE_ROLES } from '@app/auth';
import type { Role } from '@app/domain';
import { PASSWORD, startApi, type Api, type TestUser } from '../e2e/api-harness';
import { forge, type Forgeries } from './forged-tokens';
import {
  allows,
  concretePath,
  recordServedRoutes,
  isCommand,
  routeKey,
  routeTable,
  type Route,
} from './route-table';
import { errorFormatProblem, STACK_TRACE } from './security-harness';

/** Fastify routes that are not Nest routes: Swagger UI and its documents (public by design). */
const NON_NEST_ROUTES = /^GET \/docs(\/.*|-json|-yaml)?$/;

type BadToken = Exclude<keyof Forgeries, 'control'>;
const BAD_TOKENS: BadToken[] = ['expired', 'otherKey', 'tampered', 'algNone', 'otherIssuer', 'garbage'];

describe('authorisation on every route of the route table', () => {
  let api: Api;
  let routes: Route[];
  const users = new Map<Role, TestUser>();
  let forgeries: Forgeries;
  let served: { readonly routes: string[] };

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z', {
      onCreate: (app) => (served = recordServedRoutes(app)),
    });
    routes = routeTable(api.app);
    for (const role of ASSIGNABLE_ROLES) {
      users.set(role, await api.user(`as-${role.toLowerCase().replace(/_/g, '-')}`, [role]));
    }
    // From a low-privilege user's token; the tampered one claims to be the administrator, with every role.
    forgeries = forge(users.get('INTAKE_OFFICER')!.token, TEST_JWT_SECRET, {
      sub: users.get('ADMIN')!.id,
      roles: [...ASSIGNABLE_ROLES],
    });
  });

  afterAll(() => api.close());

  const call = (route: Route, token?: string): Promise<Response> => {
    const path = concretePath(route);
    const http = api.http();
    const method = route.method === 'ALL' ? 'GET' : route.method;
    let pending = http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head'](path);
    if (token !== undefined) pending = pending.set('Authorization', `Bearer ${token}`);
    return isCommand(route) ? pending.send({}) : pending;
  };

  /** Whatever the expectation, an answer never carries a stack and an error is in the API format. */
  const hygiene = (response: Response): string | undefined => {
    if (STACK_TRACE.test(response.text ?? '')) return 'stack trace in the response';
    if (response.status >= 400) return errorFormatProblem(response.status, response.body);
    return undefined;
  };

  const describeAnswer = (response: Response): string =>
    `${response.status} ${(response.body as { code?: string } | undefined)?.code ?? ''}`.trim();

  /** Checks one answer; returns a line for the failure list, or undefined. */
  const check = (
    route: Route,
    response: Response,
    expected: 'allowed' | 'unauthenticated' | 'forbidden',
  ): string | undefined => {
    const code = (response.body as { code?: string } | undefined)?.code;
    const ok =
      expected === 'allowed'
        ? response.status < 500 && response.status !== 401 && response.status !== 403
        : expected === 'unauthenticated'
          ? response.status === 401 && code === 'UNAUTHENTICATED'
          : response.status === 403 && code === 'FORBIDDEN_ROLE';
    const problem = ok ? hygiene(response) : `expected ${expected}, got ${describeAnswer(response)}`;
    return problem && `${routeKey(route)} (${route.name}): ${problem}`;
  };

  it('reads a route table that is every route Fastify serves', () => {
    expect(routes.length).toBeGreaterThan(40);
    const nest = new Set(routes.map(routeKey));
    expect(served.routes.filter((route) => !nest.has(route) && !NON_NEST_ROUTES.test(route))).toEqual([]);
    expect([...nest].filter((route) => !served.routes.includes(route))).toEqual([]);
    // The route test knows these (a typo in the table code would silently test nothing).
    expect([...nest]).toEqual(
      expect.arrayContaining([
        'POST /api/v1/audits/:id/decide',
        'GET /api/v1/registry/certificates',
        'PUT /api/v1/admin/clock',
        'POST /api/v1/auth/login',
      ]),
    );
  });

  it('finds a declaration (@Public, @AnyAuthenticated or @Roles) on every route', () => {
    expect(routes.filter((route) => route.access === undefined).map((route) => route.name)).toEqual([]);
  });

  it('has declarations that follow domain-rules §1 (public registry, read-only regulators, ADMIN config only)', () => {
    const declared = routes.filter((route) => route.access !== undefined);
    const roles = (route: Route) => (route.access?.kind === 'ROLES' ? route.access.roles : []);
    // Anonymous: the registry, the orchestrator's probes and scrape, and getting a token. A new @Public route must
    // be added here on purpose.
    const PUBLIC =
      /^(GET \/api\/v1\/registry\/.*|GET \/health\/.*|GET \/metrics|POST \/api\/v1\/auth\/(login|refresh))$/;
    expect(
      declared
        .filter((route) => route.access?.kind === 'PUBLIC' && !PUBLIC.test(routeKey(route)))
        .map(routeKey),
    ).toEqual([]);
    // REGULATOR changes nothing; any-user writes are limited to one's own session.
    expect(
      declared.filter((route) => isCommand(route) && roles(route).includes('REGULATOR')).map(routeKey),
    ).toEqual([]);
    expect(
      declared
        .filter((route) => isCommand(route) && route.access?.kind === 'ANY_AUTHENTICATED')
        .filter((route) => !route.path.startsWith('/api/v1/auth/'))
        .map(routeKey),
    ).toEqual([]);
    // ADMIN: users and configuration, no certification work.
    expect(
      declared
        .filter((route) => roles(route).includes('ADMIN') && !route.path.startsWith('/api/v1/admin/'))
        .map(routeKey),
    ).toEqual([]);
  });

  it('lets anonymous callers reach the @Public routes only: 401 UNAUTHENTICATED everywhere else', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const expected = route.access?.kind === 'PUBLIC' ? 'allowed' : 'unauthenticated';
      const failure = check(route, await call(route), expected);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });

  it('holds the API’s signing key: the real token re-signed by the test is the same token', () => {
    expect(forgeries.control).toBe(users.get('INTAKE_OFFICER')!.token);
  });

  it.each(BAD_TOKENS)(
    'answers a %s token with 401 on every non-public route, and public routes ignore it',
    async (kind) => {
      const failures: string[] = [];
      for (const route of routes) {
        const expected = route.access?.kind === 'PUBLIC' ? 'allowed' : 'unauthenticated';
        const failure = check(route, await call(route, forgeries[kind]), expected);
        if (failure) failures.push(failure);
      }
      expect(failures).toEqual([]);
    },
  );

  it.each(ASSIGNABLE_ROLES)(
    'as %s: answers the routes the role is declared for, and 403 FORBIDDEN_ROLE on the others',
    async (role) => {
      const failures: string[] = [];
      for (const route of routes) {
        if (route.access === undefined) {
          failures.push(`${routeKey(route)} (${route.name}): declares no access rule`);
          continue;
        }
        const expected = allows(route.access, role) ? 'allowed' : 'forbidden';
        let response = await call(route, users.get(role)!.token);
        if (expected === 'allowed' && response.status === 401) {
          // The token may have been revoked by a route called before (a logout): log in again, once.
          const login = await api
            .http()
            .post('/api/v1/auth/login')
            .send({ username: users.get(role)!.username, password: PASSWORD });
          const token = (login.body as { accessToken?: string }).accessToken;
          if (token) users.set(role, { ...users.get(role)!, token });
          response = await call(route, users.get(role)!.token);
        }
        const failure = check(route, response, expected);
        if (failure) failures.push(failure);
      }
      expect(failures).toEqual([]);
    },
  );
});
