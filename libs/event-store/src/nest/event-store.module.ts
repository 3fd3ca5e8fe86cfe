import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@app/config';
import type { EventStore } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');

/** The one place the event-store adapter is chosen from configuration. */
export const openEventStore = async (config: ConfigService<Environment, true>): Promise<EventStore> => {
  if (config.get('EVENT_STORE', { infer: true }) === 'esdb') {
    // Loaded only when chosen, so the embedded default never loads the gRPC client.
    const { EsdbEventStore } = await import('../esdb');
    return EsdbEventStore.connect({
      connectionString: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true })!,
      logger: new Logger('EventStoreDB'),
    });
  }
  const path = config.get('SQLITE_PATH', { infer: true });
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return SqliteEventStore.open({ path, synchronous: config.get('SQLITE_SYNCHRONOUS', { infer: true }) });
};

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [ConfigService] },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
