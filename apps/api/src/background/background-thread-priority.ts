import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@app/config';
import { lowerThisThreadPriority } from './thread-priority';

/**
 * Runs the background thread at BACKGROUND_NICE: under load its projector and timers yield a core to the thread
 * answering requests, whose commands and queries would otherwise wait in the run queue behind them.
 */
@Injectable()
export class BackgroundThreadPriority implements OnModuleInit {
  private readonly logger = new Logger('BackgroundThread');

  constructor(private readonly config: ConfigService<Environment, true>) {}

  onModuleInit(): void {
    const outcome = lowerThisThreadPriority(this.config.get('BACKGROUND_NICE', { infer: true }));
    if ('nice' in outcome) this.logger.log(`Background thread runs at nice ${outcome.nice}`);
    else this.logger.log(`Background thread keeps the process's priority: ${outcome.unchanged}`);
  }
}
