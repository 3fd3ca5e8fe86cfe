/**
 * R-TIME-7 — a firing missed while no process ran the timers is caught up when one starts.
 *
 * The worker application (apps/worker's WorkerModule, booted as `npm run start:worker` boots it) on file stores, with
 * TIMERS=on, a 1-second TIMER_INTERVAL_SECONDS and a manual clock standing after the deadlines. Nothing in the test
 * calls the timers: it only watches the event store through its own connection.
 *
 * Seeded through the deciders while no timer ran: 3 certificates decided 2025-03-03…05 (surveillance due
 * 2026-03-03…05) and an application submitted 2026-04-01 (acceptance due 2026-04-09, 5 working days over Qingming).
 * The worker starts on 2026-05-08 with no read model built yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import type { ManualClock, Timers } from '@app/certification';
import {
  addDays,
  applicationStreamName,
  certificateStreamName,
  CMM_525_0002_V1,
  formatCertificateNumber,
} from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { seedApplication, seedCertificate } from './timer-seeding';

jest.setTimeout(60_000);

const MAY_8 = '2026-05-08T02:00:00.000Z';
const NOV_10 = '2026-11-10T02:00:00.000Z';
const numbers = [1, 2, 3].map((seq) => formatCertificateNumber(CMM_525_0002_V1, 2025, seq));
const certificates = numbers.map((number) => certificateStreamName(number));
const application = applicationStreamName('00000000-0000-4000-8000-000000000001');

const seed = async (store: SqliteEventStore): Promise<void> => {
  for (const [i, number] of numbers.entries()) await seedCertificate(store, number, addDays('2025-03-03', i));
  await seedApplication(store, '00000000-0000-4000-8000-000000000001', '2026-04-01');
};

/** Collects what the application logs as errors (a failed timer run, a failed projection). */
const errorLog = () => {
  const errors: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: () => undefined,
    error: (message: unknown) => void errors.push(String(message)),
  };
  return { errors, logger };
};

describe('R-TIME-7 missed timers are caught up when the worker starts', () => {
  const saved = { ...process.env };
  let dir: string;
  let store: SqliteEventStore;
  let app: INestApplicationContext | undefined;

  /** Boots the worker app as configured now: configuration is read when its module is loaded. */
  const startWorker = async (clockStart: string, logger: LoggerService) => {
    Object.assign(process.env, {
      SQLITE_PATH: join(dir, 'events.sqlite'),
      READ_STORE_PATH: join(dir, 'read.sqlite'),
      PROJECTOR: 'on',
      TIMERS: 'on',
      TIMER_INTERVAL_SECONDS: '1',
      CLOCK: 'manual',
      CLOCK_START: clockStart,
    });
    delete process.env.KAFKA_BROKERS;
    jest.resetModules();
    const { NestFactory } = await import('@nestjs/core');
    const { WorkerModule } = await import('../../apps/worker/src/worker.module');
    const certification = await import('@app/certification');
    const started = await NestFactory.createApplicationContext(WorkerModule, { logger });
    app = started;
    return {
      app: started,
      clock: started.get<ManualClock>(certification.CLOCK),
      timers: started.get<Timers>(certification.Timers),
    };
  };

  const systemEvents = async (streamId: string) =>
    (await store.readStream(streamId)).filter((event) => event.metadata.actor.role === 'SYSTEM');

  /** Polls the store until `done` holds; fails after a generous bound, never asserting how fast it was. */
  const eventually = async (done: () => Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const typesOf = async (streamId: string) => (await systemEvents(streamId)).map((event) => event.type);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timers-catch-up-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    await seed(store);
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  it('fires the passed deadlines on start, keeps firing on its interval, and stops with the app', async () => {
    const { errors, logger } = errorLog();
    const worker = await startWorker(MAY_8, logger);

    // Caught up at start: R-TIME-3 suspensions and the R-TIME-1 breach, each once, at the worker's time.
    await eventually(
      async () =>
        (await Promise.all(certificates.map(typesOf))).every((types) => types.length === 1) &&
        (await typesOf(application)).length === 1,
      'the missed firings',
    );
    for (const streamId of certificates) {
      const [suspended] = await systemEvents(streamId);
      expect(suspended).toMatchObject({
        type: 'CertificateSuspended',
        data: { ground: 'SURVEILLANCE_OVERDUE', deadline: '2026-11-08' },
        metadata: { actor: { id: 'system:timers', role: 'SYSTEM' }, occurredAt: MAY_8 },
      });
    }
    expect(await systemEvents(application)).toMatchObject([
      { type: 'AcceptanceSlaBreached', data: { deadline: '2026-04-09', recordedOn: '2026-05-08' } },
    ]);

    // Then on its interval: once the suspension deadlines pass (R-TIME-4), the revocations open.
    worker.clock.set(NOV_10);
    await eventually(
      async () => (await Promise.all(certificates.map(typesOf))).every((types) => types.length === 2),
      'the suspension deadlines to fire',
    );
    for (const streamId of certificates) {
      expect(await typesOf(streamId)).toEqual(['CertificateSuspended', 'RevocationOpened']);
    }

    // Closing stops the schedule: no run after it, even with the expiry (2028) passed on the clock.
    const runs = jest.spyOn(worker.timers, 'runDue');
    await worker.app.close();
    app = undefined;
    const afterClose = runs.mock.calls.length;
    const head = await store.headPosition();
    worker.clock.set('2028-06-01T02:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(runs.mock.calls.length).toBe(afterClose);
    expect(await store.headPosition()).toEqual(head);
    expect(errors).toEqual([]);
  });

  it('a restart finds nothing left to fire: no firing twice', async () => {
    const head = await store.headPosition();
    const { errors, logger } = errorLog();
    const worker = await startWorker(NOV_10, logger);
    // A run asked for now starts after the start-up run (runs of one process never overlap).
    const run = await worker.timers.runDue();
    expect(run.firings.filter((firing) => firing.outcome === 'fired')).toEqual([]);
    expect(await store.headPosition()).toEqual(head);
    await worker.app.close();
    app = undefined;
    expect(errors).toEqual([]);
  });
});
