import { Module } from '@nestjs/common';
import { WorkerModule } from '../../../worker/src/worker.module';
import { LoggingModule } from '../platform/logging.module';

/** The worker app's background work (projector, timers, Kafka relay), logging like the API it runs in. */
@Module({
  imports: [WorkerModule, LoggingModule],
})
export class BackgroundThreadModule {}
