import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthModule } from '@app/auth';
import { CertificationModule, type Clock } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';

/** The API's use cases without HTTP, on a clock the demo moves through its timeline. */
@Module({})
export class DemoModule {
  static withClock(clock: Clock): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }),
        EventStoreModule,
        AuthModule,
        CertificationModule.forRoot({ clock }),
      ],
    };
  }
}
