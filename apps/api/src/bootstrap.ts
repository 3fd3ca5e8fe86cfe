import { Module, type DynamicModule, type NestApplicationOptions, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { Environment } from '@app/config';
import { AppModule } from './app.module';
import { translateBodyParserErrors } from './platform/body-parser-errors';
import { correlationIdMiddleware } from './platform/correlation-id';
import { createOpenApiDocument, stableJson } from './platform/openapi';
import { PlatformModule } from './platform/platform.module';

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

/**
 * Everything the app needs beyond its modules. Call BEFORE `init()`/`listen()`: Express runs middleware and
 * routes in registration order, and Nest registers its routes and 404 fallback at init.
 */
export const configureApp = (
  app: NestExpressApplication,
  env: Pick<Environment, 'HTTP_BODY_LIMIT'>,
): NestExpressApplication => {
  app.useLogger(app.get(Logger));
  // ETag always means "stream revision" here; Express's automatic content-hash ETags would be confused with it.
  app.set('etag', false);
  app.disable('x-powered-by');
  // First, so requests the body parser rejects still get a correlation id.
  app.use(correlationIdMiddleware);
  app.useBodyParser('json', { limit: env.HTTP_BODY_LIMIT });
  app.use(translateBodyParserErrors);
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, createOpenApiDocument(app));
  return app;
};

/** The configured, not yet listening API app (main.ts listens; e2e tests `init()` it). */
export const createApp = async (
  rootModule: Type | DynamicModule = AppModule,
): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(withPlatform(rootModule), API_APP_OPTIONS);
  const config = app.get(ConfigService<Environment, true>);
  return configureApp(app, { HTTP_BODY_LIMIT: config.get('HTTP_BODY_LIMIT', { infer: true }) });
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
