import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { WorkerModule } from '../../../worker/src/worker.module';
import { LogLinesAtShutdown } from '../platform/batched-lines';
import { loggerParamsFromConfig } from '../platform/logging';

/** The worker app's background work (projector, timers, Kafka relay), logging like the API it runs in. */
@Module({
  imports: [
    WorkerModule,
    LoggerModule.forRootAsync({ inject: [ConfigService], useFactory: loggerParamsFromConfig }),
  ],
  providers: [LogLinesAtShutdown],
})
export class BackgroundThreadModule {}
