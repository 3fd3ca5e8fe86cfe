import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthModule } from '@app/auth';
import { CertificationModule } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ApplicationsController } from './applications/applications.controller';
import { AuditsController } from './audits/audits.controller';
import { CertificatesController } from './certificates/certificates.controller';
import { HealthController } from './health/health.controller';
import { PlatformModule } from './platform/platform.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }),
    PlatformModule,
    EventStoreModule,
    AuthModule,
    CertificationModule.forRoot(),
  ],
  controllers: [HealthController, ApplicationsController, AuditsController, CertificatesController],
})
export class AppModule {}
