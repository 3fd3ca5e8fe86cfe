import type { RejectApplicationCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray } from 'class-validator';
import { IsText, MAX_ITEMS, MAX_TEXT } from '../../common/validators';

type RejectApplicationInput = RejectApplicationCommand['input'];

/** POST /applications/{id}/reject — 不予受理, stating the unmet conditions (R-APP-5). */
export class RejectApplicationDto implements RejectApplicationInput {
  @ApiProperty({
    description: 'The application conditions (§6.1.1) that are not met, at least one',
    example: ['management system in operation for less than 3 months'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_TEXT, { each: true })
  unmetConditions!: string[];

  @ApiProperty({
    description: '理由 (reason)',
    example: 'the applicant does not meet §6.1.1 (3)',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
