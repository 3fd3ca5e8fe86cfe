import { Module } from '@nestjs/common';
import { TimersModule } from '@app/certification';
import { HttpMetricsHook } from './http-metrics.hook';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [TimersModule],
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsHook],
})
export class MetricsModule {}
