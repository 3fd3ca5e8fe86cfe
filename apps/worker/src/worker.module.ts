import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';

/** Skeleton: the projector, relay and timer processes are registered here as their issues land. */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }), EventStoreModule],
})
export class WorkerModule {}
