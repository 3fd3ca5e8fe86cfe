import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@app/config';
import { API_APP_OPTIONS, configureApp, createHttpAdapter, withPlatform } from '../../api/src/bootstrap';
import { WorkerProcessModule } from './worker-process.module';

/**
 * Background processes (projector, Kafka relay, timers) run here; in embedded mode they also run in the API. Serves
 * its health and metrics on PORT, on the API's HTTP platform (without the API docs: it has no API).
 */
async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    withPlatform(WorkerProcessModule),
    createHttpAdapter(env),
    API_APP_OPTIONS,
  );
  await configureApp(app, env, { docs: false });
  await app.listen(env.PORT, env.HOST);
  new Logger('Bootstrap').log(
    `Certification worker started; health and metrics on http://localhost:${env.PORT}/health/ready and /metrics`,
  );
}

main().catch((error: unknown) => {
  // The pino logger may not exist yet (bad configuration fails before it): plain stderr, then a failing exit.
  console.error(error);
  process.exit(1);
});
