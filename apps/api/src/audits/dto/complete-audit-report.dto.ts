import type { CompleteAuditReportCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDate, IsText, MAX_TEXT } from '../../common/validators';

type CompleteAuditReportInput = CompleteAuditReportCommand['input'];

/** POST /audits/{id}/complete — 审核报告 (R-AUD-5). */
export class CompleteAuditReportDto implements CompleteAuditReportInput {
  @ApiProperty({
    description: '审核结论 (conclusion)',
    example: 'the management system conforms',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  conclusion!: string;

  @ApiProperty({
    description: '推荐意见 (recommendation)',
    example: 'recommend certification',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  recommendation!: string;

  @ApiProperty({ description: '末次现场审核日期 (last audit day)', example: '2026-04-15', format: 'date' })
  @IsIsoDate()
  lastAuditDay!: string;
}
