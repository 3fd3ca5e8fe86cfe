import { Module } from '@nestjs/common';
import { WorkerModule } from '../../../worker/src/worker.module';
import { LoggingModule } from '../platform/logging.module';
import { BackgroundThreadPriority } from './background-thread-priority';

/**
 * The worker app's background work (projector, timers, Kafka relay), logging like the API it runs in, at a lower
 * scheduling priority than the API's thread.
 */
@Module({
  imports: [WorkerModule, LoggingModule],
  providers: [BackgroundThreadPriority],
})
export class BackgroundThreadModule {}
