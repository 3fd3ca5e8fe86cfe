import type { RecordScoresCommand } from '@app/certification';
import type { ScoreSheets } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { EvaluationResultsDto } from './evaluation-results.dto';

type RecordScoresInput = RecordScoresCommand['input'];

/** POST /audits/{id}/scores — 评分 (Annex C/D score sheets and their results). */
export class RecordScoresDto implements RecordScoresInput {
  // Kept as the JSON the scoring module produced: an object, not validated field by field (and not whitelisted).
  @ApiProperty({
    description: 'Score sheets of Annex C/D (评分表) as produced by the scoring module; any JSON object',
    type: 'object',
    additionalProperties: true,
    example: { annexC: { 'C.1.1': 4, 'C.1.2': 5 }, annexD: { 'D.2.1': 3 } },
  })
  @IsObject()
  sheets!: ScoreSheets;

  @ApiProperty({
    description: 'Results 0–100 for every characteristic and management dimension, and the composite',
    type: () => EvaluationResultsDto,
  })
  @IsObject()
  @ValidateNested()
  @Type(() => EvaluationResultsDto)
  results!: EvaluationResultsDto;
}
