import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  SCHEME_CATALOGUE,
  SchemesModule,
  backgroundWorkHandedToThread,
  runsHere,
  type Environment,
} from '@app/config';
import type { SchemeCatalogue } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { loadCalendarOverride, useCalendarOverride } from '../calendar/working-days';
import { SqliteReadStore } from '../embedded';
import { projectionsFor } from '../projections';
import type { Projection } from '../projection';
import { READ_STORE } from '../read-store.port';
import type { ReadStore } from '../read-store.port';
import { ProjectionRunner } from './projection-runner';
import { ProjectorLease } from './projector-lease';
import { READ_MODEL_STATUS, ReadModelObserver, type ReadModelStatus } from './read-model-status';

export class ReadStoreConfigError extends Error {
  override readonly name = 'ReadStoreConfigError';
}

/** Every read model this process keeps or reads (`projectionsFor` the configured scheme catalogue). */
export const PROJECTIONS = Symbol('Projections');

/** The one place the read-store adapter is chosen from configuration. */
export const openReadStore = async (config: ConfigService<Environment, true>): Promise<ReadStore> => {
  const kind = config.get('READ_STORE', { infer: true });
  if (kind === 'mongodb') {
    const uri = config.get('MONGODB_URI', { infer: true });
    if (!uri) throw new ReadStoreConfigError('READ_STORE=mongodb needs MONGODB_URI');
    // Loaded only when chosen, so the embedded setup never loads the MongoDB driver.
    const { MongoReadStore } = await import('../mongodb');
    return MongoReadStore.connect({
      uri,
      database: config.get('MONGODB_DATABASE', { infer: true }),
    });
  }
  const path = config.get('READ_STORE_PATH', { infer: true });
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return SqliteReadStore.open({ path });
};

/**
 * Starts the projector once the application is up — it runs the projections when it holds the store's lease, else
 * stands by — and stops it (releasing the lease) before the stores close, then closes the read store.
 */
@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly lease: ProjectorLease,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (runsHere(this.config, 'PROJECTOR')) await this.lease.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.lease.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}

/**
 * Provides READ_STORE, PROJECTIONS (every read model, for the scheme catalogue in use), the ProjectorLease whose
 * runner keeps them — started on bootstrap when PROJECTOR=on, active in one process per store — and
 * READ_MODEL_STATUS (the lease, or a store-based observer where this process does not project). Needs the
 * global ConfigModule and EventStoreModule.
 */
@Global()
@Module({
  imports: [SchemesModule],
  providers: [
    { provide: READ_STORE, useFactory: openReadStore, inject: [ConfigService] },
    {
      provide: PROJECTIONS,
      useFactory: (schemes: SchemeCatalogue, config: ConfigService<Environment, true>) => {
        // The deadlines count working days: the calendar's extra years must be in place before the first event.
        const calendarFile = config.get('CALENDAR_FILE', { infer: true });
        useCalendarOverride(calendarFile ? loadCalendarOverride(calendarFile) : null);
        return projectionsFor(schemes);
      },
      inject: [SCHEME_CATALOGUE, ConfigService],
    },
    {
      provide: ProjectorLease,
      useFactory: (
        config: ConfigService<Environment, true>,
        eventStore: EventStore,
        readStore: ReadStore,
        projections: readonly Projection[],
      ) =>
        new ProjectorLease(
          readStore,
          new ReadModelObserver(eventStore, readStore, projections),
          (store) =>
            new ProjectionRunner(eventStore, store, projections, { logger: new Logger('ProjectionRunner') }),
          {
            ttlMs: config.get('LEASE_SECONDS', { infer: true }) * 1000,
            logger: new Logger('ProjectorLease'),
          },
        ),
      inject: [ConfigService, EVENT_STORE, READ_STORE, PROJECTIONS],
    },
    {
      provide: READ_MODEL_STATUS,
      useFactory: (
        config: ConfigService<Environment, true>,
        lease: ProjectorLease,
        eventStore: EventStore,
        readStore: ReadStore,
        projections: readonly Projection[],
      ): ReadModelStatus =>
        runsHere(config, 'PROJECTOR')
          ? lease
          : new ReadModelObserver(
              eventStore,
              readStore,
              projections,
              // The projector in this process's background thread commits within milliseconds: look often.
              backgroundWorkHandedToThread() ? 5 : undefined,
            ),
      inject: [ConfigService, ProjectorLease, EVENT_STORE, READ_STORE, PROJECTIONS],
    },
    ProjectionsLifecycle,
  ],
  exports: [READ_STORE, PROJECTIONS, ProjectorLease, READ_MODEL_STATUS],
})
export class ProjectionsModule {}
