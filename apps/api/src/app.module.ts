import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthModule } from '@app/auth';
import { CertificationModule } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { ProjectionsModule } from '@app/read-models';
import { ApplicationsController } from './applications/applications.controller';
import { AuditsController } from './audits/audits.controller';
import { CertificatesController } from './certificates/certificates.controller';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { PlatformModule } from './platform/platform.module';
import { FileListsController } from './read-side/file-lists.controller';
import { WorklistsController } from './read-side/worklists.controller';
import { RegistryController } from './registry/registry.controller';

/** The embedded system in one process: API, command handlers, and the projector keeping the read models. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }),
    PlatformModule,
    EventStoreModule,
    ProjectionsModule,
    AuthModule,
    CertificationModule.forRoot(),
    MetricsModule,
    MessagingModule,
  ],
  controllers: [
    HealthController,
    ApplicationsController,
    AuditsController,
    CertificatesController,
    FileListsController,
    WorklistsController,
    RegistryController,
  ],
})
export class AppModule {}
