import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthModule } from '@app/auth';
import { CertificationModule, TimersModule } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { ProjectionsModule } from '@app/read-models';
import { ClockController } from './admin/clock.controller';
import { BackgroundThread } from './background/background-thread';
import { ApplicationsController } from './applications/applications.controller';
import { AuditsController } from './audits/audits.controller';
import { CertificatesController } from './certificates/certificates.controller';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { PlatformModule } from './platform/platform.module';
import { DeadlinesController } from './read-side/deadlines.controller';
import { FileListsController } from './read-side/file-lists.controller';
import { WorklistsController } from './read-side/worklists.controller';
import { RegistryController } from './registry/registry.controller';
import { SchemeController } from './scheme/scheme.controller';
import { RegulatorApiModule } from './regulator/regulator-api.module';

/**
 * The embedded system in one process: API, command handlers, the projector keeping the read models, the Kafka
 * relay and the timers (each of the last three switched off by configuration in a distributed deployment). The
 * last three run in a worker thread of the process when the stores allow it (BACKGROUND, BackgroundThread).
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }),
    PlatformModule,
    EventStoreModule,
    ProjectionsModule,
    AuthModule,
    CertificationModule.forRoot(),
    TimersModule,
    MetricsModule,
    MessagingModule,
    RegulatorApiModule,
  ],
  controllers: [
    HealthController,
    ApplicationsController,
    AuditsController,
    CertificatesController,
    FileListsController,
    // Before WorklistsController, whose /worklists/:name would otherwise take /worklists/deadlines.
    DeadlinesController,
    WorklistsController,
    RegistryController,
    ClockController,
    SchemeController,
  ],
  providers: [BackgroundThread],
})
export class AppModule {}
