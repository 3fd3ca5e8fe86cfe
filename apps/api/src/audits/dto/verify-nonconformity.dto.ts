import type { VerifyNonconformityCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type VerifyNonconformityInput = VerifyNonconformityCommand['input'];

/** POST /audits/{id}/nonconformities/{ncId}/verify — 验证 of the correction (R-AUD-4). */
export class VerifyNonconformityDto implements VerifyNonconformityInput {
  @ApiProperty({
    description: '验证证据 (verification evidence)',
    example: 'March sampling records reviewed on site',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  evidence!: string;
}
