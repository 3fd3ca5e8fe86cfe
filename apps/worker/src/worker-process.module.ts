import { Module } from '@nestjs/common';
import { LoggingModule } from '../../api/src/platform/logging.module';
import { WorkerModule } from './worker.module';

/**
 * The worker as a process of its own (`npm run start:worker`, the `worker` service of docker/compose.yml): its
 * background work, logging structured lines as the API and its background thread do.
 */
@Module({ imports: [WorkerModule, LoggingModule] })
export class WorkerProcessModule {}
