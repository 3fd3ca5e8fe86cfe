import { Module, type DynamicModule, type NestApplicationOptions, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import {
  backgroundPlacement,
  handBackgroundWorkToThread,
  validateEnvironment,
  type Environment,
} from '@app/config';
import { AppModule } from './app.module';
import { translateBodyParserErrors } from './platform/body-parser-errors';
import { correlationIdMiddleware } from './platform/correlation-id';
import { corsOptions, noStore, parseCorsOrigins, securityHeaders } from './platform/http-hardening';
import { createOpenApiDocument, stableJson } from './platform/openapi';
import { PlatformModule } from './platform/platform.module';
import { jsonParserOptions, rejectUnsafeInput, requireJsonBodies } from './platform/strict-json';

/**
 * Options for every API app, in production and tests: the JSON body parser is registered by configureApp with
 * HTTP_BODY_LIMIT (Nest's default one has a fixed 100kb), and start-up logs wait for the pino logger.
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

/**
 * Everything the app needs beyond its modules. Call BEFORE `init()`/`listen()`: Express runs middleware and
 * routes in registration order, and Nest registers its routes and 404 fallback at init.
 */
export const configureApp = (app: NestExpressApplication, env: HttpSettings): NestExpressApplication => {
  app.useLogger(app.get(Logger));
  // ETag always means "stream revision" here; Express's automatic content-hash ETags would be confused with it.
  app.set('etag', false);
  app.disable('x-powered-by');
  // The client IP (rate limits, logs) comes from X-Forwarded-For only through this many trusted proxies.
  app.set('trust proxy', env.TRUST_PROXY !== undefined && env.TRUST_PROXY > 0 ? env.TRUST_PROXY : false);
  // First, so requests the body parser rejects still get a correlation id; then the headers every answer has.
  app.use(correlationIdMiddleware);
  app.use(securityHeaders());
  app.use(noStore);
  const origins = parseCorsOrigins(env.CORS_ORIGINS);
  if (origins.length > 0) app.enableCors(corsOptions(origins));
  app.use(requireJsonBodies);
  app.useBodyParser('json', jsonParserOptions(env.HTTP_BODY_LIMIT));
  app.use(translateBodyParserErrors);
  app.use(rejectUnsafeInput);
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, createOpenApiDocument(app));
  return app;
};

/** The configured, not yet listening API app (main.ts listens; e2e tests `init()` it). */
export const createApp = async (
  rootModule: Type | DynamicModule = AppModule,
): Promise<NestExpressApplication> => {
  // Decided before the modules are built: they start the projector, timers and relay only where they run.
  if (backgroundPlacement(validateEnvironment(process.env)).where === 'thread') handBackgroundWorkToThread();
  const app = await NestFactory.create<NestExpressApplication>(withPlatform(rootModule), API_APP_OPTIONS);
  const config = app.get(ConfigService<Environment, true>);
  return configureApp(app, {
    HTTP_BODY_LIMIT: config.get('HTTP_BODY_LIMIT', { infer: true }),
    CORS_ORIGINS: config.get('CORS_ORIGINS', { infer: true }),
    TRUST_PROXY: config.get('TRUST_PROXY', { infer: true }),
  });
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
