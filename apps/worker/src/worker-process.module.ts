import { Module } from '@nestjs/common';
import { HealthController } from '../../api/src/health/health.controller';
import { MetricsModule } from '../../api/src/metrics/metrics.module';
import { WorkerModule } from './worker.module';

/**
 * The worker as a process of its own (`npm run start:worker`, the `worker` service of docker/compose.yml): its
 * background work, and on PORT the API's operations endpoints for it — `/health/live`, `/health/ready` (the
 * projections as this process runs them, the Kafka relay's state and lag) and `/metrics` (projection and relay
 * lag, timer firings, Node's defaults). The API's HTTP platform (structured logs, error format, headers) is
 * added by `withPlatform` in main.ts.
 */
@Module({
  imports: [WorkerModule, MetricsModule],
  controllers: [HealthController],
})
export class WorkerProcessModule {}
