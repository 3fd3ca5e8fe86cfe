import type { FinaliseRevocationCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type FinaliseRevocationInput = FinaliseRevocationCommand['input'];

/** POST /certificates/{number}/finalise-revocation — 撤销决定, once the appeal window closed or the appeal failed. */
export class FinaliseRevocationDto implements FinaliseRevocationInput {
  @ApiProperty({
    description: '决定理由 (reason)',
    example: 'no appeal within the window',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
