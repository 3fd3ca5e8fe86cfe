import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@app/auth';
import { CertificationModule, ManualClock } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';

@Module({})
class CommandPathModule {
  static with(env: Record<string, string>, clock: ManualClock): DynamicModule {
    return {
      module: CommandPathModule,
      imports: [
        // This configuration only: neither .env nor the bench process's own environment.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          validate: () => validateEnvironment(env),
        }),
        EventStoreModule,
        AuthModule,
        CertificationModule.forRoot({ clock }),
      ],
    };
  }
}

/**
 * The use cases without HTTP, as the demo runs them: CommandBus → command handler → CommandRunner → handleCommand
 * on the event store that configuration names (`SQLITE_PATH`, `SQLITE_SYNCHRONOUS`), on a manual clock. Nest's
 * ConfigModule copies the configuration into process.env; `close()` puts process.env back as it was.
 */
export const commandPathContext = async (
  env: Record<string, string>,
  clock: ManualClock,
): Promise<{ app: INestApplicationContext; close: () => Promise<void> }> => {
  const saved = { ...process.env };
  const restore = () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
  try {
    const app = await NestFactory.createApplicationContext(CommandPathModule.with(env, clock), {
      logger: ['error', 'warn'],
    });
    return {
      app,
      close: async () => {
        await app.close();
        restore();
      },
    };
  } catch (error) {
    restore();
    throw error;
  }
};
