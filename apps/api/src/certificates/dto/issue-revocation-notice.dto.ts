import type { IssueRevocationNoticeCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray } from 'class-validator';
import { IsText, MAX_ITEMS, MAX_TEXT } from '../../common/validators';

type IssueRevocationNoticeInput = IssueRevocationNoticeCommand['input'];

/** POST /certificates/{number}/revocation-notice — 撤销通知 with reasons; opens the appeal window (R-CERT-7). */
export class IssueRevocationNoticeDto implements IssueRevocationNoticeInput {
  @ApiProperty({
    description: 'Reasons stated in the notice, at least one',
    example: ['the application contained false performance data'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_TEXT, { each: true })
  reasons!: string[];
}
