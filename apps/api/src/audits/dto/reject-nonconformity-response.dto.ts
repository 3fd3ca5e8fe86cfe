import type { RejectNonconformityResponseCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type RejectNonconformityResponseInput = RejectNonconformityResponseCommand['input'];

/** POST /audits/{id}/nonconformities/{ncId}/reject-response — the response is not enough (R-AUD-4). */
export class RejectNonconformityResponseDto implements RejectNonconformityResponseInput {
  @ApiProperty({
    description: '理由 (reason)',
    example: 'the root cause analysis stops at the symptom',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
