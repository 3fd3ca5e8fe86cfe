import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import type { Environment } from '@app/config';
import { APPLICATION_HANDLERS } from './applications/application.handlers';
import { SanctionsLookup } from './applications/sanctions';
import { AUDIT_HANDLERS } from './audits/audit.handlers';
import { DecisionConsequences } from './audits/decision-consequences';
import { CertificateNumbers } from './certificates/certificate-numbers';
import { CERTIFICATE_HANDLERS } from './certificates/certificate.handlers';
import { CLOCK, SystemClock, type Clock } from './clock';
import { CommandRunner } from './command-runner';
import { loadSchemeCatalogue, SCHEME_CATALOGUE } from './schemes';

export interface CertificationModuleOptions {
  /** Default: the system clock. The demo and tests drive time with a ManualClock. */
  clock?: Clock;
}

/**
 * The certification use cases on the CQRS buses: one handler per command, each running the domain's
 * read → fold → decide → append on the configured event store. Needs EventStoreModule and AuthModule (user
 * directory) in the application.
 */
@Module({})
export class CertificationModule {
  static forRoot(options: CertificationModuleOptions = {}): DynamicModule {
    return {
      module: CertificationModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        {
          provide: SCHEME_CATALOGUE,
          useFactory: (config: ConfigService<Environment, true>) =>
            loadSchemeCatalogue(config.get('SCHEME_FILE')),
          inject: [ConfigService],
        },
        CommandRunner,
        SanctionsLookup,
        CertificateNumbers,
        DecisionConsequences,
        ...APPLICATION_HANDLERS,
        ...AUDIT_HANDLERS,
        ...CERTIFICATE_HANDLERS,
      ],
      exports: [CLOCK, SCHEME_CATALOGUE],
    };
  }
}
