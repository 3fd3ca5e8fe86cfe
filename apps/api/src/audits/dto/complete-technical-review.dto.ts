import type { CompleteTechnicalReviewCommand } from '@app/certification';
import {
  TECHNICAL_REVIEW_VERDICTS,
  type TechnicalReviewChecks,
  type TechnicalReviewVerdict,
} from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsText, MAX_TEXT } from '../../common/validators';

type CompleteTechnicalReviewInput = CompleteTechnicalReviewCommand['input'];

/** The three checks of §6.3.1; APPROVE needs all three true (R-AUD-5). */
export class TechnicalReviewChecksDto implements TechnicalReviewChecks {
  @ApiProperty({ description: '审核过程的符合性 (audit process conforms)', example: true })
  @IsBoolean()
  processConformity!: boolean;

  @ApiProperty({
    description: '不符合项的准确性和完整性 (nonconformities accurate and complete)',
    example: true,
  })
  @IsBoolean()
  nonconformitiesAccurate!: boolean;

  @ApiProperty({ description: '审核结论的合理性 (conclusion sound)', example: true })
  @IsBoolean()
  conclusionSound!: boolean;
}

/** POST /audits/{id}/technical-review — 技术委员会审查 (§6.3.1). */
export class CompleteTechnicalReviewDto implements CompleteTechnicalReviewInput {
  @ApiProperty({
    description: 'APPROVE the report or RETURN it to the team',
    enum: TECHNICAL_REVIEW_VERDICTS,
    example: 'APPROVE',
  })
  @IsIn(TECHNICAL_REVIEW_VERDICTS)
  verdict!: TechnicalReviewVerdict;

  @ApiProperty({ description: 'The review checks', type: () => TechnicalReviewChecksDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TechnicalReviewChecksDto)
  checks!: TechnicalReviewChecksDto;

  // May be blank on APPROVE; R-AUD-5 requires comments on RETURN, and says so itself.
  @ApiProperty({
    description: '审查意见 (comments); required content when returning',
    example: '',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT, { allowBlank: true })
  comments!: string;
}
