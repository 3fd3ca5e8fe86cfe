import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment, type Environment } from '@app/config';
import { startEsdbTestServer } from '../../../../test/esdb-test-server';
import { EsdbEventStore } from '../esdb';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { openEventStore } from './event-store.module';

const configOf = (variables: Record<string, string>) =>
  new ConfigService<Environment, true>(validateEnvironment(variables));

describe('the event-store adapter chosen by configuration', () => {
  it('is the embedded SQLite store by default', async () => {
    const store = await openEventStore(configOf({ SQLITE_PATH: ':memory:' }));
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
  });

  it('is EventStoreDB with EVENT_STORE=esdb, working against the server named by the connection string', async () => {
    const server = await startEsdbTestServer();
    try {
      const store = await openEventStore(
        configOf({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString }),
      );
      expect(store).toBeInstanceOf(EsdbEventStore);
      const metadata = {
        actor: { id: 'u1', role: 'INTAKE_OFFICER' },
        occurredAt: '2026-01-01T00:00:00.000Z',
        correlationId: randomUUID(),
        causationId: null,
        schemeVersion: null,
      };
      await store.append(
        'application-config-check',
        [{ id: randomUUID(), type: 'Checked', data: {}, metadata }],
        'no_stream',
      );
      expect((await store.readStream('application-config-check')).map((e) => e.type)).toEqual(['Checked']);
      await store.close();
    } finally {
      await server.stop();
    }
  });
});
