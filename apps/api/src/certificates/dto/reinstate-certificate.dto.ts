import type { ReinstateCertificateCommand } from '@app/certification';
import { VERIFICATION_KINDS, type VerificationKind } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsText, MAX_ID, MAX_TEXT } from '../../common/validators';

type ReinstateCertificateInput = ReinstateCertificateCommand['input'];
type Verification = ReinstateCertificateInput['verification'];

/** How the correction was verified (R-CERT-6). */
export class CorrectionVerificationDto implements Verification {
  @ApiProperty({
    description: '验证方式: 审核 (AUDIT) or 书面审查 (REVIEW)',
    enum: VERIFICATION_KINDS,
    example: 'REVIEW',
  })
  @IsIn(VERIFICATION_KINDS)
  kind!: VerificationKind;

  @ApiProperty({
    description: 'Reference of the verification (audit id, review record …)',
    example: 'REV-2026-031',
    maxLength: MAX_ID,
  })
  @IsText(MAX_ID)
  reference!: string;
}

/** POST /certificates/{number}/reinstate — 恢复 (R-CERT-6). */
export class ReinstateCertificateDto implements ReinstateCertificateInput {
  @ApiProperty({ description: 'The verification of the correction', type: () => CorrectionVerificationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionVerificationDto)
  verification!: CorrectionVerificationDto;

  @ApiProperty({
    description: '恢复理由 (reason)',
    example: 'the correction was verified',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
