import type { RecordDecisionNoticeCommand } from '@app/certification';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean } from 'class-validator';
import { IsIsoDate, IsOmittable, IsText, MAX_ID, MAX_ITEMS, MAX_TEXT } from '../../common/validators';

type RecordDecisionNoticeInput = RecordDecisionNoticeCommand['input'];

/** POST /audits/{id}/decision-notice — 决定通知 (§6.3.3, R-AUD-8). */
export class RecordDecisionNoticeDto implements RecordDecisionNoticeInput {
  @ApiProperty({ description: '发送日期 (sent on)', example: '2026-05-02', format: 'date' })
  @IsIsoDate()
  sentOn!: string;

  @ApiProperty({ description: '通知文号 (notice reference)', example: 'ZF-2026-017', maxLength: MAX_ID })
  @IsText(MAX_ID)
  reference!: string;

  @ApiPropertyOptional({
    description: 'Reasons stated in the notice; required for adverse decisions (R-AUD-8)',
    example: ['minor nonconformity 2 open'],
    type: [String],
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_TEXT, { each: true })
  reasons?: string[];

  @ApiProperty({
    description: 'The notice states the right to appeal (申诉权利告知); required for adverse decisions',
    example: true,
  })
  @IsBoolean()
  appealRightsStated!: boolean;
}
