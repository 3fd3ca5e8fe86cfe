import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerProcessModule } from './worker-process.module';

/** Background processes (projector, Kafka relay, timers) run here; in embedded mode they also run in the API. */
async function main(): Promise<void> {
  // Start-up lines wait for the pino logger, as the API's do.
  const app = await NestFactory.createApplicationContext(WorkerProcessModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('Certification worker started', 'Bootstrap');
}

main().catch((error: unknown) => {
  // The pino logger may not exist yet (bad configuration fails before it): plain stderr, then a failing exit.
  console.error(error);
  process.exit(1);
});
