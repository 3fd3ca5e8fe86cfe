import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from '@app/config';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@app/event-store';
import { MessagingModule, STATUS_RELAY } from './messaging.module';
import { RELAY_STATUS, type RelayStatusSource } from './relay-status';
import { appendStory, waitUntil } from './testing/relay-fixtures';
import { createTestApp } from '@app/testing';

const appWith = async (environment: Record<string, string>) => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        validate: () => validateEnvironment({ SQLITE_PATH: ':memory:', ...environment }),
      }),
      EventStoreModule,
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
});
