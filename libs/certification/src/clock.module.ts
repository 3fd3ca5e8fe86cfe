import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@app/config';
import { CLOCK, SystemClock, type Clock } from './clock';
import { SharedManualClock } from './shared-manual-clock';

/**
 * CLOCK for every module that reads the time: the system clock, or with CLOCK=manual a clock that stands at
 * CLOCK_START (default: start-up time) until an administrator moves it — a development and demonstration mode
 * for one embedded process (each process has its own clock; its threads share it).
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock?: Clock): DynamicModule {
    return {
      module: ClockModule,
      providers: [
        {
          provide: CLOCK,
          useFactory: (config: ConfigService<Environment, true>): Clock => {
            if (clock) return clock;
            if (config.get('CLOCK', { infer: true }) !== 'manual') return new SystemClock();
            return new SharedManualClock(config.get('CLOCK_START', { infer: true }) ?? new Date());
          },
          inject: [ConfigService],
        },
      ],
      exports: [CLOCK],
    };
  }
}
