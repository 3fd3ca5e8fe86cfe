import type { DecideRevocationAppealCommand } from '@app/certification';
import { APPEAL_VERDICTS, type AppealVerdict } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText, MAX_TEXT } from '../../common/validators';

type DecideRevocationAppealInput = DecideRevocationAppealCommand['input'];

/** POST /certificates/{number}/decide-appeal — 申诉处理 (R-CERT-7). */
export class DecideRevocationAppealDto implements DecideRevocationAppealInput {
  @ApiProperty({
    description: 'UPHELD (申诉成立, revocation dropped) or REJECTED (驳回)',
    enum: APPEAL_VERDICTS,
    example: 'REJECTED',
  })
  @IsIn(APPEAL_VERDICTS)
  verdict!: AppealVerdict;

  @ApiProperty({
    description: '理由 (reason)',
    example: 'the corrected data postdate the application',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
