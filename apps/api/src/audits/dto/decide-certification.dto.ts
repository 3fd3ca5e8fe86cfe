import type { DecideCertificationInput } from '@app/certification';
import {
  CERTIFICATION_OUTCOMES,
  REVOCATION_GROUNDS,
  type CertificationOutcome,
  type RevocationGround,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsIsoDate, IsOmittable, IsText, MAX_ITEMS, MAX_TEXT } from '../../common/validators';
import { SuspendCertificateDto } from '../../certificates/dto/suspend-certificate.dto';

type SuspensionNotice = NonNullable<DecideCertificationInput['suspension']>;
type RevocationInvestigation = NonNullable<DecideCertificationInput['revocation']>;

/** SUSPEND after a surveillance: the suspension notice (暂停通知, R-CERT-5), as for a direct suspension. */
export class DecisionSuspensionDto
  extends OmitType(SuspendCertificateDto, ['auditId'] as const)
  implements SuspensionNotice {}

/** REVOKE after a surveillance: the investigation that opens the revocation procedure (调查, R-CERT-7). */
export class DecisionRevocationDto implements RevocationInvestigation {
  @ApiProperty({
    description: '撤销原因类别 (ground of §8.2.2)',
    enum: REVOCATION_GROUNDS,
    example: 'SERIOUS_NONCONFORMITY',
  })
  @IsIn(REVOCATION_GROUNDS)
  ground!: RevocationGround;

  @ApiProperty({
    description: '调查结果 (findings)',
    example: 'the service was outsourced without notice',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  findings!: string;
}

/**
 * POST /audits/{id}/decide — 认证决定 (§6.3.2) and its consequence on the certificate. Which outcome an audit can
 * end in, and which of scope / suspension / revocation it needs, is for R-AUD-6 to say.
 */
export class DecideCertificationDto implements DecideCertificationInput {
  @ApiProperty({
    description: '批准 / 有条件批准 / 不予批准 (certification); 保持 / 暂停 / 撤销 (surveillance)',
    enum: CERTIFICATION_OUTCOMES,
    example: 'GRANT',
  })
  @IsIn(CERTIFICATION_OUTCOMES)
  outcome!: CertificationOutcome;

  @ApiProperty({
    description:
      '决定理由 (reasons); may be empty for GRANT and MAINTAIN, required for REFUSE, SUSPEND, REVOKE',
    example: ['all requirements met'],
    type: [String],
  })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_TEXT, { each: true })
  reasons!: string[];

  @ApiPropertyOptional({
    description: 'GRANT of an initial audit: 认证范围 (the scope printed on the certificate)',
    example: '智能客户服务 (电话、在线、APP 渠道)',
    maxLength: MAX_TEXT,
  })
  @IsOmittable()
  @IsText(MAX_TEXT)
  scope?: string;

  @ApiPropertyOptional({
    description: 'GRANT: 证书生效日期, not before the decision (default: the decision date)',
    example: '2026-05-01',
    format: 'date',
  })
  @IsOmittable()
  @IsIsoDate()
  effectiveDate?: string;

  @ApiPropertyOptional({
    description: 'SUSPEND: the suspension notice (R-CERT-5)',
    type: () => DecisionSuspensionDto,
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionSuspensionDto)
  suspension?: DecisionSuspensionDto;

  @ApiPropertyOptional({
    description: 'REVOKE: the investigation (R-CERT-7)',
    type: () => DecisionRevocationDto,
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionRevocationDto)
  revocation?: DecisionRevocationDto;
}
