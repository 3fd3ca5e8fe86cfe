import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { LoggerModule } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import { connect } from 'node:net';
import request from 'supertest';
import { initTestApp, listeningPort, rawExchange } from '@app/testing';
import { API_APP_OPTIONS, configureApp, createHttpAdapter } from '../bootstrap';
import { HttpErrorFilter } from './http-error.filter';
import { loggerParams } from './logging';
import { platformTestModule } from './platform-test.fixtures';
import { createValidationPipe } from './validation';

interface LogLine {
  level: number;
  msg?: string;
  req?: { id?: string; headers?: Record<string, string> };
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

/** The logger parameters PlatformModule uses, writing to memory so the lines can be read back. */
describe('structured request logs', () => {
  const lines: LogLine[] = [];
  /** nestjs-pino's request context as each handler saw it. */
  const contexts: unknown[] = [];
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  const eventually = async (find: () => LogLine | undefined): Promise<LogLine> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const line = find();
      if (line !== undefined) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`log line not found in:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
  };

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    @Module({
      imports: [
        LoggerModule.forRoot(loggerParams('info', { write: (line: string) => lines.push(JSON.parse(line)) })),
        platformTestModule(),
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    })
    class LoggingTestModule {}
    const moduleRef = await Test.createTestingModule({ imports: [LoggingTestModule] }).compile();
    const http = { HTTP_BODY_LIMIT: '1mb' };
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(http), API_APP_OPTIONS);
    await configureApp(app, http);
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('preHandler', (_request, _reply, done) => {
        contexts.push(storage.getStore());
        done();
      });
    await initTestApp(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('logs each request as JSON with its correlation id and without credentials', async () => {
    await http()
      .get('/test/no-revision')
      .set('Authorization', 'Bearer tok3n-s3cret')
      .set('Cookie', 'sid=c00kie-s3cret')
      .set('X-Correlation-Id', 'log-1')
      .expect(200);
    const line = await eventually(() =>
      lines.find((l) => l.req?.id === 'log-1' && l.msg === 'request completed'),
    );
    expect(line).toMatchObject({
      level: 30,
      req: { id: 'log-1', method: 'GET', url: '/test/no-revision', remoteAddress: expect.any(String) },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    // The completion line is a summary: no headers at all.
    expect(line.req?.headers).toBeUndefined();
    expect(lines.filter((l) => l.req?.id === 'log-1' && l.msg === 'request completed')).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toMatch(/s3cret/);
  });

  it('enters no async context for a request (on Node 20 it turns on async hooks for every promise)', async () => {
    contexts.length = 0;
    await http().get('/test/no-revision').set('X-Correlation-Id', 'log-7').expect(200);
    expect(contexts).toEqual([undefined]);
  });

  it('does not log request bodies', async () => {
    await http()
      .post('/test/validate')
      .set('X-Correlation-Id', 'log-2')
      .send({ scope: 'x', password: 'hunter2-body' })
      .expect(400);
    await eventually(() => lines.find((l) => l.req?.id === 'log-2' && l.msg === 'request completed'));
    expect(JSON.stringify(lines)).not.toContain('hunter2-body');
  });

  it('logs an unexpected error with its stack, under the request id, and answers without it', async () => {
    const response = await http()
      .get('/test/throw/unexpected')
      .set('X-Correlation-Id', 'log-3')
      .set('Authorization', 'Bearer tok3n-s3cret')
      .set('Cookie', 'sid=c00kie-s3cret')
      .expect(500);
    expect(response.text).not.toContain('secret internals');
    const line = await eventually(() => lines.find((l) => l.level === 50 && l.err?.type === 'TypeError'));
    expect(line.err?.stack).toContain('secret internals');
    // A line logged while the request is served carries the whole request, credentials redacted.
    expect(line.req).toMatchObject({
      id: 'log-3',
      method: 'GET',
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
    });
    expect(JSON.stringify(lines)).not.toMatch(/s3cret/);
  });

  it('logs a store out of reach as one short line: its cause, without a stack', async () => {
    await http().get('/test/throw/store-unavailable').set('X-Correlation-Id', 'log-8').expect(503);
    const line = await eventually(() => lines.find((l) => l.level === 50 && l.req?.id === 'log-8'));
    expect(line).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      cause: { type: 'StoreUnavailableError', message: 'database is locked at /secret/path' },
    });
    expect(line.err).toBeUndefined();
  });

  it('logs an unexpected error under the request id after reading a body', async () => {
    await http()
      .post('/test/throw/unexpected')
      .set('X-Correlation-Id', 'log-5')
      .send({ scope: 'intelligent customer service', contact: { name: 'x' } })
      .expect(500);
    const line = await eventually(() =>
      lines.find((l) => l.level === 50 && l.err?.type === 'TypeError' && l.req?.id === 'log-5'),
    );
    expect(line.req?.id).toBe('log-5');
  });

  it('logs a request whose client went away before sending it whole', async () => {
    const port = await listeningPort(app.getHttpServer());
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // A body announced at 100 bytes, of which 10 arrive before the connection closes.
    socket.write(
      'POST /test/validate HTTP/1.1\r\nHost: localhost\r\nX-Correlation-Id: log-6\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"scope":"',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const line = await eventually(() =>
      lines.find((l) => l.req?.id === 'log-6' && l.msg === 'request aborted'),
    );
    expect(line).toMatchObject({ msg: 'request aborted', req: { method: 'POST', url: '/test/validate' } });
    // Not a server fault: nothing at error level (the body parser's "aborted" is the client's doing).
    expect(lines.filter((l) => l.req?.id === 'log-6' && l.level >= 50)).toEqual([]);
  });

  it('logs a request the HTTP parser refused under the correlation id it was answered with, not as an error', async () => {
    const port = await listeningPort(app.getHttpServer());
    const { responses } = await rawExchange(port, [
      'GET /test HTTP/1.1\r\nHost: localhost\r\nNo colon\r\n\r\n',
    ]);
    const id = responses[0].headers['x-correlation-id'];
    const line = await eventually(() => lines.find((l) => l.req?.id === id));
    expect(line).toMatchObject({
      level: 30,
      msg: 'request refused by the HTTP parser',
      req: { remoteAddress: '127.0.0.1' },
      res: { statusCode: 400 },
      parserError: { code: 'HPE_INVALID_HEADER_TOKEN', reason: 'Invalid header token' },
    });
  });

  it('does not log client errors as errors', async () => {
    await http().get('/test/throw/domain').set('X-Correlation-Id', 'log-4').expect(409);
    await eventually(() => lines.find((l) => l.req?.id === 'log-4' && l.msg === 'request completed'));
    expect(
      lines.filter((l) => l.level >= 50 && l.req?.id === 'log-4' && l.err?.type === 'DomainError'),
    ).toEqual([]);
  });
});
