import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SchemesModule } from '@app/config';
import { APPLICATION_HANDLERS } from './applications/application.handlers';
import { SanctionsLookup } from './applications/sanctions';
import { AUDIT_HANDLERS } from './audits/audit.handlers';
import { DecisionConsequences } from './audits/decision-consequences';
import { CertificateNumbers } from './certificates/certificate-numbers';
import { CERTIFICATE_HANDLERS } from './certificates/certificate.handlers';
import type { Clock } from './clock';
import { ClockModule } from './clock.module';
import { CommandRunner } from './command-runner';

export interface CertificationModuleOptions {
  /** Default: from CLOCK (the system clock). The demo and tests drive time with a ManualClock. */
  clock?: Clock;
}

/**
 * The certification use cases on the CQRS buses: one handler per command, each running the domain's
 * read → fold → decide → append on the configured event store. Needs EventStoreModule and AuthModule (user
 * directory) in the application; with ProjectionsModule too, an acceptance reads the applicant's sanctions
 * (R-APP-3) from the read models instead of the log (SanctionsLookup).
 */
@Module({})
export class CertificationModule {
  static forRoot(options: CertificationModuleOptions = {}): DynamicModule {
    return {
      module: CertificationModule,
      imports: [CqrsModule.forRoot(), SchemesModule, ClockModule.forRoot(options.clock)],
      providers: [
        CommandRunner,
        SanctionsLookup,
        CertificateNumbers,
        DecisionConsequences,
        ...APPLICATION_HANDLERS,
        ...AUDIT_HANDLERS,
        ...CERTIFICATE_HANDLERS,
      ],
    };
  }
}
