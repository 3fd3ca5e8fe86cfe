import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { LogLinesAtShutdown } from './batched-lines';
import { loggerParamsFromConfig } from './logging';

/**
 * Structured logs (nestjs-pino, LOG_LEVEL from the global ConfigModule) to the batched standard output, whose
 * lines are written as they come once the application shuts down: the API's and its background thread's.
 */
@Module({
  imports: [LoggerModule.forRootAsync({ inject: [ConfigService], useFactory: loggerParamsFromConfig })],
  providers: [LogLinesAtShutdown],
})
export class LoggingModule {}
