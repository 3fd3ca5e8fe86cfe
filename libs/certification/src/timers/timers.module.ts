import {
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchemesModule, runsHere, type Environment } from '@app/config';
import { CommandRunner } from '../command-runner';
import { Timers } from './timers';

/**
 * With TIMERS=on, runs the timers at start-up — catching up whatever fell due while no process ran them — and
 * then every TIMER_INTERVAL_SECONDS. Several instances may run: each firing happens once (R-TIME-7).
 */
@Injectable()
class TimerSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Timers');
  private interval: NodeJS.Timeout | null = null;
  private current: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly timers: Timers,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsHere(this.config, 'TIMERS')) return;
    const tick = () => {
      this.current = this.timers.runDue().catch((error: Error) => {
        this.logger.error(`timer run failed: ${error.message}`);
      });
    };
    tick();
    this.interval = setInterval(tick, this.config.get('TIMER_INTERVAL_SECONDS', { infer: true }) * 1000);
  }

  /** Before the stores close (they close on application shutdown): no new run, the current one finishes. */
  async onModuleDestroy(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    await this.current;
  }
}

/**
 * The timers (domain-rules §5) for any process: the API in embedded mode, the worker in a distributed one.
 * Needs the global ConfigModule, ClockModule, EventStoreModule and ProjectionsModule.
 */
@Module({
  imports: [SchemesModule],
  providers: [CommandRunner, Timers, TimerSchedule],
  exports: [Timers],
})
export class TimersModule {}
