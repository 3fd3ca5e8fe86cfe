import { Module, type DynamicModule, type NestApplicationOptions, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import bytes from 'bytes';
import { setFlagsFromString } from 'node:v8';
import { Logger } from 'nestjs-pino';
import {
  backgroundPlacement,
  handBackgroundWorkToThread,
  validateEnvironment,
  type Environment,
} from '@app/config';
import { AppModule } from './app.module';
import { answerClientError } from './platform/client-error';
import { assignCorrelationId, CORRELATION_ID_HEADER } from './platform/correlation-id';
import { answerFrameworkError } from './platform/http-error.filter';
import { etagFromRevision } from './platform/etag';
import { corsOptions, EVERY_ANSWER_HEADERS, parseCorsOrigins } from './platform/http-hardening';
import { createOpenApiDocument, stableJson } from './platform/openapi';
import { PlatformModule } from './platform/platform.module';
import { logRequests } from './platform/request-logging';
import { rejectUnsafeInput, useStrictJsonBodies } from './platform/strict-json';

/**
 * Options for every API app, in production and tests: the body parser is configureApp's strict JSON one (not
 * Nest's), and start-up logs wait for the pino logger.
 */
export const API_APP_OPTIONS: NestApplicationOptions = {
  bodyParser: false,
  bufferLogs: true,
  abortOnError: false,
};

@Module({})
class ApiRootModule {}

/** The root module plus the HTTP platform; importing PlatformModule twice (if AppModule also does) is harmless. */
export const withPlatform = (rootModule: Type | DynamicModule): DynamicModule => ({
  module: ApiRootModule,
  imports: [rootModule, PlatformModule],
});

/** The configuration configureApp reads; tests may leave out what they do not exercise (defaults: off). */
export type HttpSettings = Pick<Environment, 'HTTP_BODY_LIMIT'> &
  Partial<Pick<Environment, 'CORS_ORIGINS' | 'TRUST_PROXY'>>;

/** proxy-addr's test for the address `hop` steps from the socket (0: the peer itself): the nearest `count` are proxies. */
const trustNearestHops =
  (count: number) =>
  (_address: string, hop: number): boolean =>
    hop < count;

/** The API's HTTP platform, Fastify, with what must be set when it is created. */
export const createHttpAdapter = (env: HttpSettings): FastifyAdapter => {
  const bodyLimit = bytes.parse(env.HTTP_BODY_LIMIT);
  if (bodyLimit === null) throw new Error(`HTTP_BODY_LIMIT: not a size: ${env.HTTP_BODY_LIMIT}`);
  return new FastifyAdapter({
    bodyLimit,
    // The client IP (rate limits, logs) comes from X-Forwarded-For only through this many trusted proxies: the
    // nearest hops, whatever their address (Fastify since 5.12 reads a bare number as "trust none"), so the API must
    // be reachable only through them (SECURITY.md).
    trustProxy:
      env.TRUST_PROXY !== undefined && env.TRUST_PROXY > 0 ? trustNearestHops(env.TRUST_PROXY) : false,
    // request.id is the correlation id, from the first moment of the request.
    genReqId: assignCorrelationId,
    // `/path/` is `/path`.
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
    // What Node's HTTP parser refuses before Fastify sees it, in the error format too.
    clientErrorHandler: answerClientError,
  });
};

/**
 * Everything the app needs beyond its modules. Call BEFORE `init()`/`listen()`: hooks and body parsers apply to
 * the routes Nest registers at init.
 */
export const configureApp = async (
  app: NestFastifyApplication,
  env: HttpSettings,
  { docs = true }: { docs?: boolean } = {},
): Promise<NestFastifyApplication> => {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Before anything can refuse a request: the headers every answer has, and the correlation id.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(EVERY_ANSWER_HEADERS).header(CORRELATION_ID_HEADER, request.id);
    done();
  });
  logRequests(fastify);
  const origins = parseCorsOrigins(env.CORS_ORIGINS);
  if (origins.length > 0) app.enableCors(corsOptions(origins));
  useStrictJsonBodies(fastify);
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      rejectUnsafeInput(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.addHook('preSerialization', etagFromRevision);
  app.enableShutdownHooks();
  if (docs) SwaggerModule.setup('docs', app, createOpenApiDocument(app));
  return app;
};

/**
 * V8 settings of an API process. Allocation-site pretenuring off: V8 allocates an object straight into the old
 * generation when most objects from the same allocation site survived recent young-generation collections, and
 * after a minute of commands — each in flight for a group commit, so its request objects survive — it did so for
 * the request and response objects of every later request: the liveness route then answered 22–24k req/s with a
 * p99 of 10 ms and a major collection every ~0.1 s, against 38–41k req/s and 2 ms without (bench cases 2 then 4, one
 * API process). Set at run time because NODE_OPTIONS does not accept the flag.
 */
const API_V8_FLAGS = '--no-allocation-site-pretenuring';

/** The configured, not yet listening API app (main.ts listens; e2e tests `init()` it). */
export const createApp = async (
  rootModule: Type | DynamicModule = AppModule,
): Promise<NestFastifyApplication> => {
  setFlagsFromString(API_V8_FLAGS);
  // The configuration ConfigModule validates too (it has loaded any .env file when AppModule was imported).
  const env = validateEnvironment(process.env);
  // Decided before the modules are built: they start the projector, timers and relay only where they run.
  if (backgroundPlacement(env).where === 'thread') handBackgroundWorkToThread();
  const app = await NestFactory.create<NestFastifyApplication>(
    withPlatform(rootModule),
    createHttpAdapter(env),
    API_APP_OPTIONS,
  );
  return configureApp(app, env);
};

/** The content of apps/api/openapi.json, built from the real AppModule without listening on a port. */
export const renderOpenApiJson = async (): Promise<string> => {
  const app = await createApp();
  try {
    return stableJson(createOpenApiDocument(app));
  } finally {
    await app.close();
  }
};
