import { readFileSync } from 'node:fs';
import { CMM_525_0002_V1, SchemeCatalogue } from '@app/domain';

export const SCHEME_CATALOGUE = Symbol('SchemeCatalogue');

/** The shipped scheme versions, or those of SCHEME_FILE; an invalid file stops start-up naming every problem. */
export const loadSchemeCatalogue = (schemeFile?: string): SchemeCatalogue =>
  SchemeCatalogue.load(
    schemeFile ? (JSON.parse(readFileSync(schemeFile, 'utf8')) as unknown) : [CMM_525_0002_V1],
  );
