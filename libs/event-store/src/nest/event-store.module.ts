import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@app/config';
import type { EventStore } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');

/** The one place the event-store adapter is chosen from configuration. */
const openEventStore = (config: ConfigService<Environment, true>): EventStore => {
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
