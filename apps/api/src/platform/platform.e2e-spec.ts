import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { initTestApp } from '@app/testing';
import { createApp } from '../bootstrap';
import { platformTestModule } from './platform-test.fixtures';

/** The HTTP platform through the real bootstrap (createApp) around a test controller. */
describe('HTTP platform (errors, validation, metadata, correlation, ETag)', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const ACTOR = 'user-7:DECISION_MAKER';

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    process.env.HTTP_BODY_LIMIT = '2kb';
    app = await createApp(platformTestModule());
    await initTestApp(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const validBody = () => ({
    annexA: {
      organisation: { uscc: '91350100M000100Y43', name: 'Acme' },
      sites: [{ address: 'No. 1 Road', employees: 10 }],
    },
    scope: 'data management',
  });

  describe('error mapping', () => {
    it('maps a DomainError to 409 with its rule code, message and details', async () => {
      const response = await http().get('/test/throw/domain').expect(409);
      expect(response.body).toEqual({
        statusCode: 409,
        code: 'R-CERT-6',
        message: 'a suspended certificate cannot be changed',
        details: { certificate: 'C-1' },
      });
    });

    it('maps WrongExpectedVersionError to 412 when the request had If-Match', async () => {
      const response = await http().get('/test/throw/wrong-version').set('If-Match', '"2"').expect(412);
      expect(response.body).toMatchObject({ statusCode: 412, code: 'PRECONDITION_FAILED' });
      expect(response.body.details).toEqual({ streamId: 'application-1', expected: 2, actual: 5 });
    });

    it('maps WrongExpectedVersionError to 409 CONCURRENCY_CONFLICT without If-Match', async () => {
      const response = await http().get('/test/throw/wrong-version').expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'CONCURRENCY_CONFLICT' });
    });

    it('maps StreamNotFoundError to 404 NOT_FOUND', async () => {
      const response = await http().get('/test/throw/stream-not-found').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });

    it('maps StoreUnavailableError to 503 STORE_UNAVAILABLE without its internal message', async () => {
      const response = await http().get('/test/throw/store-unavailable').expect(503);
      expect(response.body).toEqual({
        statusCode: 503,
        code: 'STORE_UNAVAILABLE',
        message: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toContain('/secret/path');
    });

    it('maps UnreadableEventError to 500 UNREADABLE_EVENT naming the event, without the decoder’s message', async () => {
      const response = await http().get('/test/throw/unreadable-event').expect(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'UNREADABLE_EVENT',
        message: expect.stringContaining('verification'),
        details: { streamId: 'certificate-C-1', revision: 3 },
      });
      expect(JSON.stringify(response.body)).not.toContain('/secret/path');
    });

    it('keeps code and details of an HttpException that has them', async () => {
      const response = await http().get('/test/throw/http-with-code').expect(409);
      expect(response.body).toEqual({
        statusCode: 409,
        code: 'DUPLICATE_THING',
        message: 'already there',
        details: { thing: 'x' },
      });
    });

    it.each([
      ['http-plain-forbidden', 403, 'FORBIDDEN_ROLE'],
      ['http-plain-not-found', 404, 'NOT_FOUND'],
    ])('derives the code of a plain HttpException (%s) from its status', async (kind, status, code) => {
      const response = await http().get(`/test/throw/${kind}`).expect(status);
      expect(response.body).toEqual({ statusCode: status, code, message: expect.any(String) });
    });

    it('keeps the extra fields of a Nest exception body as details', async () => {
      const response = await http().get('/test/throw/http-503-with-body').expect(503);
      expect(response.body).toMatchObject({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        details: { status: 'error', eventStore: { status: 'down' } },
      });
    });

    it.each(['unexpected', 'non-error'])(
      'maps anything else (%s) to 500 INTERNAL without a stack',
      async (kind) => {
        const response = await http().get(`/test/throw/${kind}`).expect(500);
        expect(response.body).toEqual({
          statusCode: 500,
          code: 'INTERNAL',
          message: 'An unexpected error occurred',
        });
        expect(response.text).not.toMatch(/secret internals|a thrown string|at .*\.ts/);
      },
    );

    it('answers an unknown route with 404 NOT_FOUND in the same format', async () => {
      const response = await http().post('/no/such/route').send({}).expect(404);
      expect(response.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    });
  });

  describe('body parsing', () => {
    it('refuses a body over HTTP_BODY_LIMIT with 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await http()
        .post('/test/validate')
        .send({ ...validBody(), note: 'x'.repeat(4096) })
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(response.headers['x-correlation-id']).toEqual(expect.any(String));
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
      const response = await http()
        .post('/test/validate')
        .set('Content-Type', 'application/json')
        .send('{"scope": "x",')
        .expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'MALFORMED_JSON',
        message: 'Request body is not valid JSON',
      });
    });

    it('refuses an unsupported charset with 415', async () => {
      const response = await http()
        .post('/test/validate')
        .set('Content-Type', 'application/json; charset=klingon')
        .send('{}')
        .expect(415);
      expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });
  });

  describe('validation', () => {
    it('accepts a valid body, transformed into the DTO class', async () => {
      const response = await http().post('/test/validate').send(validBody()).expect(200);
      expect(response.body).toEqual({ received: validBody(), isInstance: true });
    });

    it('lists every bad field, nested and in arrays, and every unknown field', async () => {
      const body = {
        annexA: {
          organisation: { uscc: 'bad', name: '', extra: 1 },
          sites: [
            { address: 'ok', employees: 3 },
            { address: '', employees: 0, colour: 'red' },
          ],
        },
        scope: 42,
        surprise: true,
      };
      const response = await http().post('/test/validate').send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      const fields = (response.body.details as { field: string; problems: string[] }[])
        .map((d) => d.field)
        .sort();
      expect(fields).toEqual(
        [
          'annexA.organisation.extra',
          'annexA.organisation.name',
          'annexA.organisation.uscc',
          'annexA.sites[1].address',
          'annexA.sites[1].colour',
          'annexA.sites[1].employees',
          'scope',
          'surprise',
        ].sort(),
      );
      expect(response.body.details).toContainEqual({
        field: 'surprise',
        problems: ['property surprise should not exist'],
      });
      expect(response.body.details).toContainEqual({
        field: 'annexA.sites[1].colour',
        problems: ['property colour should not exist'],
      });
    });

    it('reports missing nested objects and a JSON array body as validation errors, not 500', async () => {
      const missing = await http().post('/test/validate').send({ scope: 'x' }).expect(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('annexA');
      const array = await http().post('/test/validate').send([1, 2]).expect(400);
      expect(array.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('command metadata', () => {
    it('passes actor, correlation id and no revision or key when the headers are absent; sets ETag', async () => {
      const response = await http()
        .post('/test/command')
        .set('X-Test-Actor', ACTOR)
        .set('X-Correlation-Id', 'corr-123')
        .expect(201);
      expect(response.body.meta).toEqual({
        actor: { id: 'user-7', role: 'DECISION_MAKER' },
        correlationId: 'corr-123',
      });
      expect(response.headers.etag).toBe('"0"');
    });

    it.each([
      ['"3"', 3],
      ['W/"3"', 3],
      ['3', 3],
      ['"0"', 0],
    ])(
      'parses If-Match %s as revision %i and answers the next revision as ETag',
      async (header, revision) => {
        const response = await http()
          .post('/test/command')
          .set('X-Test-Actor', ACTOR)
          .set('If-Match', header)
          .expect(201);
        expect(response.body.meta.expectedRevision).toBe(revision);
        expect(response.headers.etag).toBe(`"${revision + 1}"`);
      },
    );

    it.each(['*', 'abc', '"-1"', '"1.5"', '"3", "4"', ''])(
      'refuses If-Match %p with 400 naming the header',
      async (header) => {
        const response = await http()
          .post('/test/command')
          .set('X-Test-Actor', ACTOR)
          .set('If-Match', header)
          .expect(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'If-Match', problems: [expect.any(String)] }],
        });
      },
    );

    it('scopes the Idempotency-Key to the user', async () => {
      const first = await http()
        .post('/test/command')
        .set('X-Test-Actor', ACTOR)
        .set('Idempotency-Key', 'key-1')
        .expect(201);
      const other = await http()
        .post('/test/command')
        .set('X-Test-Actor', 'user-8:DECISION_MAKER')
        .set('Idempotency-Key', 'key-1')
        .expect(201);
      expect(first.body.meta.idempotencyKey).toBe('user-7:key-1');
      expect(other.body.meta.idempotencyKey).toBe('user-8:key-1');
    });

    // 'clé': a Latin-1 character, the only non-ASCII an HTTP client can put in a header.
    it.each(['', 'has space', 'k'.repeat(256), 'clé'])('refuses Idempotency-Key %p with 400', async (key) => {
      const response = await http()
        .post('/test/command')
        .set('X-Test-Actor', ACTOR)
        .set('Idempotency-Key', key)
        .expect(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'Idempotency-Key' }],
      });
    });

    it('refuses a command without an authenticated actor with 401 UNAUTHENTICATED', async () => {
      const response = await http().post('/test/command').expect(401);
      expect(response.body).toEqual({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: expect.any(String),
      });
    });
  });

  describe('correlation ids and ETag', () => {
    it('echoes a sane X-Correlation-Id', async () => {
      const response = await http()
        .get('/test/no-revision')
        .set('X-Correlation-Id', 'abc-DEF_123')
        .expect(200);
      expect(response.headers['x-correlation-id']).toBe('abc-DEF_123');
    });

    it.each([
      ['absent', undefined],
      ['too long', 'x'.repeat(129)],
      ['with spaces', 'a b'],
    ])('generates a uuid when the incoming id is %s', async (_label, incoming) => {
      const call = http().get('/test/no-revision');
      if (incoming !== undefined) call.set('X-Correlation-Id', incoming);
      const response = await call.expect(200);
      expect(response.headers['x-correlation-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('echoes the correlation id on errors too', async () => {
      const response = await http().get('/nowhere').set('X-Correlation-Id', 'err-1').expect(404);
      expect(response.headers['x-correlation-id']).toBe('err-1');
    });

    it('sets no ETag on a result without a revision', async () => {
      const response = await http().get('/test/no-revision').expect(200);
      expect(response.headers.etag).toBeUndefined();
    });
  });

  describe('OpenAPI', () => {
    it('serves the document at /docs-json and the UI at /docs', async () => {
      const json = await http().get('/docs-json').expect(200);
      expect(json.body.info).toMatchObject({ title: 'Certification lifecycle API', version: '1' });
      expect(json.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const ui = await http().get('/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });
  });
});
