import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HttpErrorFilter } from './http-error.filter';
import { LoggingModule } from './logging.module';
import { createValidationPipe } from './validation';

/**
 * The HTTP platform every API module relies on: structured logs with correlation ids, the error format and the
 * validation pipe (configureApp adds what Fastify itself does: headers, body parsing, ETags). Needs the global ConfigModule (LOG_LEVEL).
 */
@Module({
  imports: [LoggingModule],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class PlatformModule {}
