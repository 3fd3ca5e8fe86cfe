import { Controller, Get, HttpStatus, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated } from '@app/auth';
import { SCHEME_CATALOGUE } from '@app/config';
import type { EvaluationScheme, SchemeCatalogue, SchemeVersion } from '@app/domain';
import { httpError } from '../platform/http-error';

/** What a back-office form needs to render and fill the Annex D sheets of one scheme version. */
export interface ScoreSheetsView extends EvaluationScheme {
  schemeVersion: string;
  /** R-SCORE-6: composite below which GRANT and RENEW are refused; null = none. */
  passThreshold: number | null;
}

/** The scheme versions (R-SCHEME-1) and their evaluation indicator system (§13, Annex C, Annex D). */
@ApiTags('scheme')
@ApiBearerAuth()
@AnyAuthenticated()
@Controller('api/v1/scheme')
export class SchemeController {
  constructor(@Inject(SCHEME_CATALOGUE) private readonly schemes: SchemeCatalogue) {}

  @Get()
  @ApiOperation({ summary: 'The scheme versions this system runs, with their status and effective dates' })
  versions(): Pick<SchemeVersion, 'id' | 'ruleCode' | 'version' | 'standard' | 'effectiveFrom' | 'status'>[] {
    return this.schemes.versions.map(({ id, ruleCode, version, standard, effectiveFrom, status }) => ({
      id,
      ruleCode,
      version,
      standard,
      effectiveFrom,
      status,
    }));
  }

  @Get(':version/score-sheets')
  @ApiParam({ name: 'version', example: 'CMM-525-0002@V1.0' })
  @ApiOperation({
    summary:
      'The Annex D score sheets of a scheme version (dimensions with their C.5 weights, sheets, items with ' +
      'content and maximum), the enhancement indicators, the conform/nonconform items, the service ' +
      'characteristics and test methods, and the policies the results are computed with',
  })
  scoreSheets(@Param('version') version: string): ScoreSheetsView {
    const scheme = this.schemes.versions.find((v) => v.id === version);
    if (!scheme) throw httpError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `no scheme version ${version}`);
    return { schemeVersion: scheme.id, ...scheme.evaluation, passThreshold: scheme.passThreshold };
  }
}
