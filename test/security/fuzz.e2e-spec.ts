/**
 * Fuzz test (issue #9): a few thousand malformed requests — wrong types, huge strings, deep nesting, invalid
 * UTF-8, prototype-pollution keys, wrong media types, bad headers — across every command route of the route
 * table, seeded so a failure replays exactly. None may succeed, none may be a 5xx, every answer is in the error
 * format without a stack, nothing is appended to any stream, and Object.prototype stays clean.
 */
import './test-secret';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ASSIGNABLE_ROLES } from '@app/auth';
import { EVENT_STORE, serializePosition, type EventStore } from '@app/event-store';
import { as, startApi, type Api, type TestUser } from '../e2e/api-harness';
import { createStaff, grantedCertificate } from '../e2e/granted-certificate';
import {
  malformedRequest,
  oversizeRequest,
  type FuzzTargets,
  type MalformedRequest,
} from './malformed-requests';
import { concretePath, isCommand, routeKey, routeTable, type Route } from './route-table';
import { errorFormatProblem, STACK_TRACE } from './security-harness';

const SEED = 20_260_601;
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);

describe('fuzzing every command route with malformed requests', () => {
  let api: Api;
  let store: EventStore;
  let fuzzer: TestUser;
  let commands: Route[];
  let targets: FuzzTargets;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    store = api.app.get<EventStore>(EVENT_STORE);
    // Real aggregates to aim at: an application, its audit and the certificate it granted.
    await grantedCertificate(api, await createStaff(api));
    const streams = new Set((await store.readAll({ maxCount: 10_000 })).map((event) => event.streamId));
    const idsOf = (prefix: string) =>
      [...streams].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
    targets = {
      existing: { id: [...idsOf('application-'), ...idsOf('audit-')], number: idsOf('certificate-') },
    };
    // Every role a person can hold, so the guard lets each request through to parsing and validation.
    fuzzer = await api.user('fuzzer', [...ASSIGNABLE_ROLES]);
    commands = routeTable(api.app).filter(isCommand);
  });

  afterAll(() => api.close());

  const send = (request: MalformedRequest): Promise<Response> => {
    const method = request.route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
    let pending = api
      .http()
      [method](concretePath(request.route, request.params))
      .set(...as(fuzzer));
    for (const [name, value] of Object.entries(request.headers)) pending = pending.set(name, value);
    if (request.contentType !== null) pending = pending.set('Content-Type', request.contentType);
    // The identity serializer sends the bytes as they are (superagent would JSON-encode a Buffer as {type, data}).
    return request.body === null
      ? pending
      : pending.serialize((bytes: unknown) => bytes as string).send(request.body);
  };

  const problemWith = (response: Response): string | undefined => {
    if (response.status < 400 || response.status >= 500) return `status ${response.status}`;
    if (STACK_TRACE.test(response.text ?? '')) return 'stack trace in the response';
    if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'))
      return 'Object.prototype polluted';
    return errorFormatProblem(response.status, response.body);
  };

  it(`answers ${REQUESTS} seeded malformed requests with 4xx in the error format, changing no stream`, async () => {
    expect(commands.length).toBeGreaterThan(25);
    expect(targets.existing.id.length).toBeGreaterThanOrEqual(2);
    expect(targets.existing.number).toHaveLength(1);
    const headBefore = await store.headPosition();

    const requests = [
      ...fc.sample(
        fc.constantFrom(...commands).chain((route) => malformedRequest(route, targets)),
        { seed: SEED, numRuns: REQUESTS },
      ),
      ...commands
        .filter((route) => route.body !== undefined)
        .slice(0, 5)
        .map(oversizeRequest),
    ];

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const perRoute = new Map<string, number>();
    for (const request of requests) {
      const response = await send(request);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      perRoute.set(routeKey(request.route), (perRoute.get(routeKey(request.route)) ?? 0) + 1);
      const problem = problemWith(response);
      if (problem) {
        failures.push(
          `${routeKey(request.route)} ${JSON.stringify(request.params).slice(0, 120)} [${request.label.slice(0, 120)}]: ` +
            `${problem} — ${(response.text ?? '').slice(0, 200)}`,
        );
      }
    }

    expect(failures.slice(0, 20)).toEqual([]);
    // Every command route was hit, and the requests reached more than one layer (parser, validation, handler).
    expect(commands.filter((route) => (perRoute.get(routeKey(route)) ?? 0) < 20).map(routeKey)).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 404, 413, 415]));
    // Every request got past authentication (the fuzzer holds every role, and nothing logged it out).
    expect({ 401: statuses.get(401) ?? 0, 403: statuses.get(403) ?? 0 }).toEqual({ 401: 0, 403: 0 });
    await api
      .http()
      .get('/api/v1/auth/me')
      .set(...as(fuzzer))
      .expect(200);
    const headAfter = await store.headPosition();
    expect(headAfter && serializePosition(headAfter)).toBe(headBefore && serializePosition(headBefore));
  }, 120_000);
});
