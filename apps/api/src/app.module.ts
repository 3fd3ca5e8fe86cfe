import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { HealthController } from './health/health.controller';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }), EventStoreModule],
  controllers: [HealthController],
})
export class AppModule {}
