import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { CLOCK, ManualClock, type Clock } from '@app/certification';
import { BACKGROUND_THREAD_ROLE, backgroundWorkHandedToThread } from '@app/config';
import type { BackgroundThreadMessage } from './background-thread-messages';

/** How long the thread may take to finish its current work (a projector commit, a timer run) when stopping. */
const STOP_TIMEOUT_MS = 30_000;

/** The thread's entry, run from TypeScript sources (npm start, tests) or from the compiled build alike. */
const startWorker = (env: NodeJS.ProcessEnv): Worker => {
  const entry = join(__dirname, `background-thread.main${extname(__filename)}`);
  const workerData = { role: BACKGROUND_THREAD_ROLE };
  if (extname(__filename) !== '.ts') return new Worker(entry, { workerData, env });
  const source =
    "require('ts-node').register({ transpileOnly: true }); require('tsconfig-paths/register'); " +
    `require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData, env });
};

/**
 * Runs the process's background work — projector, timers, Kafka relay, as switched on — in a worker thread when
 * the API handed it over (BACKGROUND=thread, see backgroundPlacement), so the API's thread only answers requests.
 * The application starts once the thread is up. Should the thread end on its own, the process shuts down (and
 * exits non-zero) rather than serve read models nobody keeps.
 */
@Injectable()
export class BackgroundThread implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('BackgroundThread');
  private worker: Worker | null = null;
  private stopping = false;

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!backgroundWorkHandedToThread()) return;
    // A manual clock starts where this thread's stands (then each move reaches both: SharedManualClock).
    const worker = startWorker(
      this.clock instanceof ManualClock
        ? { ...process.env, CLOCK_START: this.clock.now().toISOString() }
        : process.env,
    );
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: BackgroundThreadMessage) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'failed')
          reject(new Error(`background thread failed to start: ${message.error}`));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`background thread exited with code ${code} while starting`)),
      );
    });
    worker.removeAllListeners();
    worker.on('message', (message: BackgroundThreadMessage) => {
      if (message.type === 'failed') this.fail(message.error);
    });
    worker.on('error', (error) => this.fail(error.stack ?? error.message));
    worker.on('exit', (code) => {
      if (!this.stopping) this.fail(`exited with code ${code}`);
    });
    this.logger.log('Background work (projector, timers, Kafka relay as configured) runs in a worker thread');
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.stopping) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    });
    if (await Promise.race([exited.then(() => false), timedOut])) {
      this.logger.warn(`background thread did not stop within ${STOP_TIMEOUT_MS} ms: terminated`);
      await worker.terminate();
    } else {
      this.logger.log('Background thread stopped');
    }
    clearTimeout(timer);
  }

  private fail(reason: string): void {
    if (this.stopping) return;
    this.logger.error(`background thread stopped unexpectedly (${reason}); shutting down`);
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  }
}
