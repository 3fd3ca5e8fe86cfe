import type { ScheduleAuditInput } from '@app/certification';
import { AUDIT_TYPES, type AuditType } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsPositive, Max, ValidateIf } from 'class-validator';
import {
  ExactlyOneOf,
  exactlyOneOfApplies,
  IsIsoDate,
  IsOmittable,
  IsText,
  IsUuid,
  MAX_ID,
  MAX_TEXT,
} from '../../common/validators';

/** What is audited: an accepted application or a certificate, never both. */
const SUBJECT = ['applicationId', 'certificateNumber'] as const;

/** POST /audits — 审核方案 / 审核计划 (§6.2.1). Whether the subject fits the audit type is the domain's call. */
export class ScheduleAuditDto implements ScheduleAuditInput {
  @ApiProperty({
    description: '审核类型: 初次认证审核 / 监督审核 / 专项监督审核 / 再认证审核',
    enum: AUDIT_TYPES,
    example: 'INITIAL',
  })
  @IsIn(AUDIT_TYPES)
  type!: AuditType;

  @ApiPropertyOptional({
    description:
      'INITIAL (and RECERTIFICATION after a recertification application): the accepted application. Exactly one of applicationId / certificateNumber.',
    format: 'uuid',
    example: '3f2c8f0e-5d7b-4c1a-9e62-0a4b7d9c1e55',
  })
  // "None given" and "both given" are reported on applicationId, as a field error the client can act on.
  @ValidateIf(exactlyOneOfApplies(SUBJECT))
  @ExactlyOneOf(SUBJECT)
  @IsUuid()
  applicationId?: string;

  @ApiPropertyOptional({
    description:
      'SURVEILLANCE, SPECIAL_SURVEILLANCE, RECERTIFICATION: the certificate (证书编号). Exactly one of applicationId / certificateNumber.',
    example: 'CMM-ICS-2026-00042',
    maxLength: MAX_ID,
  })
  @IsOmittable()
  @IsText(MAX_ID)
  certificateNumber?: string;

  @ApiProperty({ description: '计划开始日期 (planned start)', example: '2026-04-13', format: 'date' })
  @IsIsoDate()
  plannedStartDate!: string;

  @ApiProperty({ description: '计划结束日期 (planned end)', example: '2026-04-15', format: 'date' })
  @IsIsoDate()
  plannedEndDate!: string;

  @ApiProperty({
    description: '现场审核人日 (on-site days); outside the scheme range it needs a justification (R-AUD-1)',
    example: 3,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 365,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(365)
  onSiteDays!: number;

  @ApiPropertyOptional({
    description: 'Why the on-site days are outside the scheme range (R-AUD-1)',
    example: 'two additional sites in Xiamen',
    maxLength: MAX_TEXT,
  })
  @IsOmittable()
  @IsText(MAX_TEXT)
  daysJustification?: string;
}
