import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { ProjectionsModule } from '@app/read-models';

/**
 * The background processes of a distributed deployment: the projector (PROJECTOR=on, the default) keeping the
 * read models; the Kafka relay and the timers join it with their issues. Run exactly one worker.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }),
    EventStoreModule,
    ProjectionsModule,
    MessagingModule,
  ],
})
export class WorkerModule {}
