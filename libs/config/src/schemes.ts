import { readFileSync } from 'node:fs';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CMM_525_0002_V1, SchemeCatalogue } from '@app/domain';
import type { Environment } from './environment';

export const SCHEME_CATALOGUE = Symbol('SchemeCatalogue');

/** The shipped scheme versions, or those of SCHEME_FILE; an invalid file stops start-up naming every problem. */
export const loadSchemeCatalogue = (schemeFile?: string): SchemeCatalogue =>
  SchemeCatalogue.load(
    schemeFile ? (JSON.parse(readFileSync(schemeFile, 'utf8')) as unknown) : [CMM_525_0002_V1],
  );

/**
 * SCHEME_CATALOGUE for every module that reads scheme parameters (R-SCHEME-1): the deciders' command context
 * and the deadlines projection. Loaded once from SCHEME_FILE; needs the global ConfigModule.
 */
@Global()
@Module({
  providers: [
    {
      provide: SCHEME_CATALOGUE,
      useFactory: (config: ConfigService<Environment, true>) =>
        loadSchemeCatalogue(config.get('SCHEME_FILE')),
      inject: [ConfigService],
    },
  ],
  exports: [SCHEME_CATALOGUE],
})
export class SchemesModule {}
