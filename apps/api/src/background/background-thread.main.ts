/**
 * Entry of the worker thread an API process runs its background work in (BACKGROUND=thread): the worker app's
 * modules on connections of their own to the same stores. Started and stopped by BackgroundThread.
 */
import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { BackgroundThreadMessage } from './background-thread-messages';
import { BackgroundThreadModule } from './background-thread.module';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('background-thread.main runs as a worker thread of the API');
  const tell = (message: BackgroundThreadMessage) => port.postMessage(message);
  try {
    const app = await NestFactory.createApplicationContext(BackgroundThreadModule, {
      bufferLogs: true,
      abortOnError: false,
    });
    app.useLogger(app.get(Logger));
    // The only message the API sends is "stop"; once the app has closed, nothing keeps the thread alive.
    port.once('message', () => {
      app.close().then(
        () => tell({ type: 'stopped' }),
        (error: unknown) => tell({ type: 'failed', error: describe(error) }),
      );
    });
    tell({ type: 'ready' });
  } catch (error) {
    tell({ type: 'failed', error: describe(error) });
    process.exit(1);
  }
}

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

void main();
