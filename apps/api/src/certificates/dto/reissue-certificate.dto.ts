import type { ReissueCertificateCommand } from '@app/certification';
import { REISSUE_REASONS, type ReissueReason } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOmittable, IsText, MAX_TEXT } from '../../common/validators';

type ReissueCertificateInput = ReissueCertificateCommand['input'];

/** POST /certificates/{number}/reissue — 证书补发 (§7.4.2, R-CERT-3). */
export class ReissueCertificateDto implements ReissueCertificateInput {
  @ApiProperty({
    description: '补发原因: 遗失 (LOST) or 损坏 (DAMAGED)',
    enum: REISSUE_REASONS,
    example: 'LOST',
  })
  @IsIn(REISSUE_REASONS)
  reason!: ReissueReason;

  @ApiPropertyOptional({
    description: '备注 (note)',
    example: 'lost during the office move',
    maxLength: MAX_TEXT,
  })
  @IsOmittable()
  @IsText(MAX_TEXT)
  note?: string;
}
