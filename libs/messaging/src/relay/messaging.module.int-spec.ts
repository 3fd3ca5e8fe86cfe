import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from '@app/config';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@app/event-store';
import { ProjectionsModule, type LeaseHolder } from '@app/read-models';
import { MessagingModule, RELAY_LEASE, STATUS_RELAY } from './messaging.module';
import { RELAY_STATUS, type RelayStatusSource } from './relay-status';
import { appendStory, waitUntil } from './testing/relay-fixtures';
import { createTestApp } from '@app/testing';

const appWith = async (environment: Record<string, string>) => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        validate: () =>
          validateEnvironment({ SQLITE_PATH: ':memory:', READ_STORE_PATH: ':memory:', ...environment }),
      }),
      EventStoreModule,
      ProjectionsModule,
      MessagingModule,
    ],
  }).compile();
  const app = createTestApp(moduleRef, { logger: false });
  return app;
};

describe('MessagingModule', () => {
  it('leaves the relay off, without error, when KAFKA_BROKERS is not set', async () => {
    const app = await appWith({});
    await app.init();
    try {
      expect(app.get(STATUS_RELAY)).toBeNull();
      expect(await app.get<RelayStatusSource>(RELAY_STATUS).status()).toMatchObject({ state: 'off', lag: 0 });
    } finally {
      await app.close();
    }
  });

  it('starts without waiting for Kafka, and commands are stored while the broker is unreachable', async () => {
    // Nothing listens on port 1: every connection is refused.
    const app = await appWith({ KAFKA_BROKERS: '127.0.0.1:1', KAFKA_TOPIC_STATUS: `t-${randomUUID()}` });
    const started = Date.now();
    await app.init();
    try {
      expect(Date.now() - started).toBeLessThan(3000);
      const store = app.get<EventStore>(EVENT_STORE);
      await appendStory(store, 'CMM-D-0001', 'Down Ltd');
      expect(await store.streamExists('certificate-CMM-D-0001')).toBe(true);
      const relay = app.get<RelayStatusSource>(RELAY_STATUS);
      await waitUntil(async () => (await relay.status()).state === 'retrying', 20_000);
      expect(await relay.status()).toMatchObject({ checkpoint: null, lag: 1 });
      expect((await relay.status()).lastError).toEqual(expect.any(String));
    } finally {
      await app.close();
    }
  }, 40_000);

  it('relays in one process at a time: another stands by, and takes over once the first stops', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'relay-lease-'));
    // Two processes on the same stores (files); the broker unreachable, which the lease does not depend on.
    const environment = {
      SQLITE_PATH: join(folder, 'events.sqlite'),
      READ_STORE_PATH: join(folder, 'read.sqlite'),
      KAFKA_BROKERS: '127.0.0.1:1',
      KAFKA_TOPIC_STATUS: `t-${randomUUID()}`,
      LEASE_SECONDS: '3',
    };
    const first = await appWith(environment);
    const second = await appWith(environment);
    try {
      await first.init();
      const firstStatus = first.get<RelayStatusSource>(RELAY_STATUS);
      await waitUntil(async () => (await firstStatus.status()).state === 'retrying', 20_000);
      await second.init();
      const secondStatus = second.get<RelayStatusSource>(RELAY_STATUS);
      // Past its first attempts at the lease (every second with LEASE_SECONDS=3): still standing by.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await secondStatus.status()).state).toBe('standby');
      expect(second.get<LeaseHolder>(RELAY_LEASE).isActive).toBe(false);
      expect((await firstStatus.status()).state).toBe('retrying');
      await first.close();
      await waitUntil(async () => (await secondStatus.status()).state === 'retrying', 20_000);
    } finally {
      await first.close().catch(() => undefined);
      await second.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
