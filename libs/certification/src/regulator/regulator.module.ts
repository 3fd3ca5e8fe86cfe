import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@app/config';
import { RegulatorExports, RegulatorService } from './regulator.service';
import { loadOrCreateSigningKey, REGULATOR_SIGNING_KEY } from './signing-key';

/**
 * The regulators' use cases on the configured event store. Needs EVENT_STORE and CLOCK from the application
 * (EventStoreModule, CertificationModule); the signing key comes from REGULATOR_SIGNING_KEY_FILE or is generated.
 */
@Module({
  providers: [
    RegulatorService,
    RegulatorExports,
    {
      provide: REGULATOR_SIGNING_KEY,
      useFactory: (config: ConfigService<Environment, true>) =>
        loadOrCreateSigningKey({
          keyFile: config.get('REGULATOR_SIGNING_KEY_FILE', { infer: true }),
          sqlitePath: config.get('SQLITE_PATH', { infer: true }),
          warnShared:
            config.get('EVENT_STORE', { infer: true }) === 'esdb'
              ? (message) => new Logger('RegulatorSigningKey').warn(message)
              : undefined,
        }),
      inject: [ConfigService],
    },
  ],
  exports: [RegulatorService, RegulatorExports],
})
export class RegulatorModule {}
