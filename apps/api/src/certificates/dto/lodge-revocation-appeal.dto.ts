import type { LodgeRevocationAppealCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type LodgeRevocationAppealInput = LodgeRevocationAppealCommand['input'];

/** POST /certificates/{number}/appeal — the holder's 申诉, recorded within the appeal window (R-CERT-7). */
export class LodgeRevocationAppealDto implements LodgeRevocationAppealInput {
  @ApiProperty({
    description: '申诉理由 (grounds of the appeal)',
    example: 'the data were corrected before the audit',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  grounds!: string;
}
