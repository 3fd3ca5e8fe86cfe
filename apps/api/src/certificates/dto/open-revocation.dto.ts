import type { OpenRevocationCommand } from '@app/certification';
import { REVOCATION_GROUNDS, type RevocationGround } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsOmittable, IsText, IsUuid, MAX_TEXT } from '../../common/validators';

type OpenRevocationInput = OpenRevocationCommand['input'];
type Investigation = OpenRevocationInput['investigation'];

export class RevocationInvestigationDto implements Investigation {
  @ApiProperty({
    description: '调查结果 (findings)',
    example: 'false performance data in the application',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  findings!: string;
}

/** POST /certificates/{number}/revoke — opens the revocation procedure with its investigation (调查, R-CERT-7). */
export class OpenRevocationDto implements OpenRevocationInput {
  @ApiProperty({
    description: '撤销原因类别 (ground of §8.2.2); SUSPENSION_EXPIRED is raised by the system timer only',
    enum: REVOCATION_GROUNDS,
    example: 'FALSE_INFORMATION',
  })
  @IsIn(REVOCATION_GROUNDS)
  ground!: RevocationGround;

  @ApiProperty({ description: 'The investigation recorded', type: () => RevocationInvestigationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RevocationInvestigationDto)
  investigation!: RevocationInvestigationDto;

  @ApiPropertyOptional({
    description: 'The audit that found the ground, if any',
    format: 'uuid',
    example: '5a0c7f4e-2b1d-4e8a-9c3f-6d7e8f9a0b1c',
  })
  @IsOmittable()
  @IsUuid()
  auditId?: string;
}
