import type { RespondToNonconformityCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type RespondToNonconformityInput = RespondToNonconformityCommand['input'];

/** POST /audits/{id}/nonconformities/{ncId}/respond — the organisation's correction plan (R-AUD-4). */
export class RespondToNonconformityDto implements RespondToNonconformityInput {
  @ApiProperty({
    description: '原因分析 (root cause)',
    example: 'QA sampling was not assigned during staff leave',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  rootCause!: string;

  @ApiProperty({
    description: '纠正 (correction)',
    example: 'February sampling done retroactively',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  correction!: string;

  @ApiProperty({
    description: '纠正措施 (corrective action)',
    example: 'a deputy QA owner is named for every month',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  correctiveAction!: string;
}
