import type { SuspendCertificateCommand } from '@app/certification';
import { SUSPENSION_GROUNDS, type SuspensionGround } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn } from 'class-validator';
import { IsIsoDate, IsOmittable, IsText, IsUuid, MAX_ITEMS, MAX_TEXT } from '../../common/validators';

type SuspendCertificateInput = SuspendCertificateCommand['input'];

/** POST /certificates/{number}/suspend — 暂停 (§8.2.1, R-CERT-5). */
export class SuspendCertificateDto implements SuspendCertificateInput {
  @ApiProperty({
    description: '暂停原因类别 (ground of §8.2.1); SURVEILLANCE_OVERDUE is raised by the system timer only',
    enum: SUSPENSION_GROUNDS,
    example: 'MAJOR_CHANGE_NOT_REPORTED',
  })
  @IsIn(SUSPENSION_GROUNDS)
  ground!: SuspensionGround;

  @ApiProperty({
    description: '暂停理由 (reason)',
    example: 'relocation of the service centre not reported',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;

  @ApiProperty({
    description: '整改要求 (what the holder has to correct), at least one',
    example: ['report the relocation and its effect on the service'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_TEXT, { each: true })
  correctionsRequired!: string[];

  @ApiProperty({
    description: '整改期限 (date by which the correction is verified)',
    example: '2026-08-31',
    format: 'date',
  })
  @IsIsoDate()
  deadline!: string;

  @ApiPropertyOptional({
    description: 'The audit that found the ground, if any',
    format: 'uuid',
    example: '5a0c7f4e-2b1d-4e8a-9c3f-6d7e8f9a0b1c',
  })
  @IsOmittable()
  @IsUuid()
  auditId?: string;
}
