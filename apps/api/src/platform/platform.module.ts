import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { LogLinesAtShutdown } from './batched-lines';
import { HttpErrorFilter } from './http-error.filter';
import { loggerParamsFromConfig } from './logging';
import { createValidationPipe } from './validation';

/**
 * The HTTP platform every API module relies on: structured logs with correlation ids, the error format and the
 * validation pipe (configureApp adds what Fastify itself does: headers, body parsing, ETags). Needs the global ConfigModule (LOG_LEVEL).
 */
@Module({
  imports: [LoggerModule.forRootAsync({ inject: [ConfigService], useFactory: loggerParamsFromConfig })],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    LogLinesAtShutdown,
  ],
})
export class PlatformModule {}
