import type { WithdrawApplicationCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type WithdrawApplicationInput = WithdrawApplicationCommand['input'];

/** POST /applications/{id}/withdraw — 撤回申请. */
export class WithdrawApplicationDto implements WithdrawApplicationInput {
  @ApiProperty({
    description: '理由 (reason)',
    example: 'the applicant withdrew by letter of 2026-03-10',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
