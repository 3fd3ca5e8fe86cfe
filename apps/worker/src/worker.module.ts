import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ClockModule, TimersModule } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { ProjectionsModule } from '@app/read-models';

/**
 * The background processes of a distributed deployment: the projector (PROJECTOR=on, the default) keeping the
 * read models, the Kafka relay (KAFKA_RELAY) and the timers (TIMERS). A second worker for availability stands by:
 * the projector and the relay run where their lease is held (LeaseHolder), and no timer fires twice (R-TIME-7).
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }),
    EventStoreModule,
    ProjectionsModule,
    MessagingModule,
    ClockModule.forRoot(),
    TimersModule,
  ],
})
export class WorkerModule {}
