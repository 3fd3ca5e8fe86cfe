/**
 * Abuse limits and hardening of the real API: security headers on every answer (errors too), CORS only for the
 * configured origins, the registry rate limit per client IP (429 + Retry-After in the error format, not evaded by
 * a forged X-Forwarded-For), strict JSON bodies, the body limit, and no stack trace in any answer.
 */
import { ALLOWED_ORIGINS, REGISTRY_LIMIT } from './hardening-env';
import { gzipSync } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import request from 'supertest';
import { initTestApp, listeningPort, rawExchange, type RawResponse } from '@app/testing';
import type { App } from 'supertest/types';
import { CLOCK, ManualClock } from '@app/certification';
import { createApp } from '../../apps/api/src/bootstrap';
import { as, startApi, type Api, type TestUser } from '../e2e/api-harness';
import { errorFormatProblem, STACK_TRACE } from './security-harness';

const REGISTRY = '/api/v1/registry/certificates';
const UNKNOWN_APPLICATION = '/api/v1/applications/5f1d2c3b-4a59-4c6d-8e7f-9a0b1c2d3e4f';

/** A clock that can be told to fail like an unexpected bug would, with internals in its message. */
class ExplodingClock extends ManualClock {
  explode = false;
  override now(): Date {
    if (this.explode) throw new TypeError('cannot read x of undefined at /srv/apps/api/src/secret.ts:12:3');
    return super.now();
  }
}

const expectErrorFormat = (response: request.Response): void => {
  expect(errorFormatProblem(response.status, response.body)).toBeUndefined();
  expect(response.text).not.toMatch(STACK_TRACE);
};

describe('the API configured from the environment (createApp: CORS_ORIGINS, TRUST_PROXY=1)', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer() as App);

  beforeAll(async () => {
    app = await createApp();
    await initTestApp(app);
  });

  afterAll(() => app.close());

  it('sends the security headers on answers and on errors', async () => {
    for (const response of [
      await http().get('/health/live').expect(200),
      await http().get('/no/such/route').expect(404),
      await http()
        .post('/api/v1/auth/login')
        .send({ padding: 'x'.repeat(1_100_000) })
        .expect(413),
      // Refused by the router before any hook runs.
      await http().get('/api/v1/applications/%E0%A4%A').expect(400),
    ]) {
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
        'cache-control': 'no-store',
        'x-correlation-id': expect.any(String),
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves the API docs under that policy (scripts from the same origin)', async () => {
    const page = await http().get('/docs').expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script>[^<]/);
  });

  it.each(ALLOWED_ORIGINS)('lets the configured origin %s read answers, errors included', async (origin) => {
    const answer = await http().get(REGISTRY).set('Origin', origin).set('X-Forwarded-For', '198.51.100.1');
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
    expect(answer.headers['access-control-expose-headers']).toEqual(expect.stringContaining('Retry-After'));
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    const error = await http().get('/api/v1/applications').set('Origin', origin).expect(401);
    expect(error.headers['access-control-allow-origin']).toBe(origin);
  });

  it('answers a preflight from an allowed origin with the methods and headers a client needs', async () => {
    const preflight = await http()
      .options('/api/v1/applications')
      .set('Origin', ALLOWED_ORIGINS[0])
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key, if-match')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGINS[0]);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toEqual(
      expect.stringContaining('Authorization'),
    );
  });

  it('gives any other origin no CORS permission', async () => {
    for (const origin of ['https://evil.example', 'https://portal.example.cn.evil.example', 'null']) {
      const answer = await http().get('/health/live').set('Origin', origin).expect(200);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await http()
        .options('/api/v1/applications')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it(`limits the registry to ${REGISTRY_LIMIT} requests a minute per client (behind one trusted proxy)`, async () => {
    const client = (ip: string, path = REGISTRY) => http().get(path).set('X-Forwarded-For', ip);
    for (let i = 1; i <= REGISTRY_LIMIT; i++) {
      const path = i % 2 === 0 ? `${REGISTRY}/CMM-ICS-2026-00001` : REGISTRY;
      const response = await client('203.0.113.7', path);
      expect(response.status).toBeLessThan(429);
      expect(response.headers['ratelimit-limit']).toBe(String(REGISTRY_LIMIT));
      expect(response.headers['ratelimit-remaining']).toBe(String(REGISTRY_LIMIT - i));
    }
    const refused = await client('203.0.113.7').expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.any(String),
      details: { limit: REGISTRY_LIMIT, retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    // Another client, and the rest of the API, are not affected.
    await client('203.0.113.8').expect(200);
    await client('2001:db8:1::1').expect(200);
    await http().get('/health/live').set('X-Forwarded-For', '203.0.113.7').expect(200);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not reset the limit', async () => {
    for (let i = 1; i <= REGISTRY_LIMIT; i++) {
      await http()
        .get(REGISTRY)
        .set('X-Forwarded-For', `2001:db8:2:3::${i.toString(16)}`)
        .expect(200);
    }
    await http().get(REGISTRY).set('X-Forwarded-For', '2001:db8:2:3:ffff::1').expect(429);
  });
});

describe('the API with default settings (no CORS_ORIGINS, no trusted proxy)', () => {
  let api: Api;
  let intake: TestUser;
  let admin: TestUser;
  const clock = new ExplodingClock('2026-06-01T02:00:00.000Z');
  const command = () =>
    api
      .http()
      .post(`${UNKNOWN_APPLICATION}/withdraw`)
      .set(...as(intake));

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z', {
      override: (builder) => builder.overrideProvider(CLOCK).useValue(clock),
    });
    intake = await api.user('hardening-intake', ['INTAKE_OFFICER']);
    admin = await api.user('hardening-admin', ['ADMIN']);
  });

  afterAll(() => api.close());

  it('sends no CORS headers to any origin', async () => {
    const answer = await api.http().get('/health/live').set('Origin', ALLOWED_ORIGINS[0]).expect(200);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await api
      .http()
      .options('/api/v1/applications')
      .set('Origin', ALLOWED_ORIGINS[0])
      .set('Access-Control-Request-Method', 'POST');
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('limits the registry by the socket address: a forged X-Forwarded-For does not make a new client', async () => {
    for (let i = 1; i <= REGISTRY_LIMIT; i++) {
      await api.http().get(REGISTRY).set('X-Forwarded-For', `192.0.2.${i}`).expect(200);
    }
    const refused = await api.http().get(REGISTRY).set('X-Forwarded-For', '192.0.2.99').expect(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expectErrorFormat(refused);
  });

  it.each([
    ['text/plain', '{"reason":"x"}'],
    ['application/x-www-form-urlencoded', 'reason=x'],
    [
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="reason"\r\n\r\nx\r\n--b--',
    ],
    ['application/json; charset=utf-16', '{"reason":"x"}'],
    ['application/xml', '<reason>x</reason>'],
  ])('refuses a command body sent as %s with 415', async (type, body) => {
    const response = await command().set('Content-Type', type).send(body).expect(415);
    expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expectErrorFormat(response);
  });

  it('refuses a compressed body with 415 (no inflation, no zip bomb)', async () => {
    const response = await command()
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((bytes: unknown) => bytes as string)
      .send(gzipSync(JSON.stringify({ reason: 'x' })))
      .expect(415);
    expectErrorFormat(response);
  });

  it.each(['"a string"', '42', 'null', 'true'])(
    'refuses the top-level JSON value %s with 400 MALFORMED_JSON',
    async (body) => {
      const response = await command().set('Content-Type', 'application/json').send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'MALFORMED_JSON' });
    },
  );

  it('refuses invalid UTF-8 with 400 MALFORMED_JSON instead of decoding it into U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const response = await command()
      .set('Content-Type', 'application/json')
      .serialize((bytes: unknown) => bytes as string)
      .send(body)
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'Request body is not valid UTF-8',
    });
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the key %s anywhere in a body, and as a query parameter',
    async (key) => {
      for (const body of [`{"reason":"x","${key}":{"polluted":1}}`, `{"reason":{"${key}":{"polluted":1}}}`]) {
        const response = await command().set('Content-Type', 'application/json').send(body).expect(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: expect.stringContaining(key) }],
        });
      }
      await api.http().get(`${REGISTRY}?${key}=1`).set('X-Forwarded-For', '10.0.0.1').expect(400);
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it('refuses a body nested deeper than any command needs with 400', async () => {
    const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const response = await command().set('Content-Type', 'application/json').send(deep).expect(400);
    expect(response.body.details[0].problems[0]).toMatch(/nested deeper than 32 levels/);
  });

  it('still takes commands without a body, and JSON with an explicit UTF-8 charset', async () => {
    await api
      .http()
      .post(`/api/v1/audits/5f1d2c3b-4a59-4c6d-8e7f-9a0b1c2d3e4f/start`)
      .set(...as(intake))
      .expect(403);
    await command().set('Content-Type', 'application/json; charset=UTF-8').send('{"reason":"x"}').expect(404);
  });

  it('answers an oversize body with 413 in the error format', async () => {
    const response = await command()
      .send({ reason: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 1_048_576 } });
    expectErrorFormat(response);
  });

  it('answers an unexpected failure with 500 INTERNAL: no stack, no internal message', async () => {
    clock.explode = true;
    try {
      const response = await api
        .http()
        .get('/api/v1/admin/clock')
        .set(...as(admin))
        .expect(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL',
        message: 'An unexpected error occurred',
      });
      expect(response.text).not.toMatch(/secret|undefined|\.ts/);
    } finally {
      clock.explode = false;
    }
  });

  it('answers a malformed URL and an unknown method in the error format', async () => {
    for (const response of [
      await api
        .http()
        .get('/api/v1/applications/%E0%A4%A')
        .set(...as(intake)),
      await api.http().delete('/api/v1/applications'),
      await api.http().patch('/health/live'),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectErrorFormat(response);
    }
  });

  describe('a request the HTTP parser refuses, before any route', () => {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const exchange = async (...requests: (string | Buffer)[]) =>
      rawExchange(await listeningPort(api.app.getHttpServer() as Server), requests);
    const expectRefusal = (response: RawResponse, status: number, code: string): Record<string, unknown> => {
      const body = JSON.parse(response.body) as Record<string, unknown>;
      expect(response.status).toBe(status);
      expect(errorFormatProblem(status, body)).toBeUndefined();
      expect(body.code).toBe(code);
      expect(response.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
        'x-correlation-id': expect.stringMatching(UUID),
        connection: 'close',
      });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      return body;
    };

    it('answers raw non-ASCII in the URL with 400 MALFORMED_REQUEST saying to percent-encode, then closes', async () => {
      const { responses, closedByServer } = await exchange(
        Buffer.from(`GET ${REGISTRY}?q=银行 HTTP/1.1\r\nHost: localhost\r\n\r\n`),
      );
      expect(responses).toHaveLength(1);
      const body = expectRefusal(responses[0], 400, 'MALFORMED_REQUEST');
      expect(body.message).toMatch(/Invalid char in url.*percent-encode/);
      expect(closedByServer).toBe(true);
    });

    it("names the parser's reason for a malformed header, after a good request on the same connection", async () => {
      const { responses, closedByServer } = await exchange(
        'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n',
        'GET /health/live HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n',
      );
      expect(responses.map((response) => response.status)).toEqual([200, 400]);
      const body = expectRefusal(responses[1], 400, 'MALFORMED_REQUEST');
      expect(body.message).toBe('The request is not valid HTTP/1.1: Invalid header token');
      expect(closedByServer).toBe(true);
    });

    it('answers headers over the size limit with 431 HEADERS_TOO_LARGE', async () => {
      const { responses } = await exchange(
        `GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
      );
      const body = expectRefusal(responses[0], 431, 'HEADERS_TOO_LARGE');
      expect(body.message).toMatch(/headers are larger than \d+ bytes/);
    });
  });
});
