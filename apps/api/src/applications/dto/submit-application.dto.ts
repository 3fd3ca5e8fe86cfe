import type { SubmitApplicationInput } from '@app/certification';
import type { ApplicationKind } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsOmittable, IsText, MAX_ID } from '../../common/validators';
import { AnnexADto } from './annex-a.dto';
import { MaterialDto } from './material.dto';

// The domain has no exported list for this union; a Record keyed by it makes the list exhaustive at compile time.
const KINDS: Record<ApplicationKind, true> = { INITIAL: true, RECERTIFICATION: true };
export const APPLICATION_KINDS = Object.keys(KINDS) as ApplicationKind[];

/** Upper bound of materials in one request (a handful per category is plenty). */
const MAX_MATERIALS = 200;

/** POST /applications — 认证申请 (§6.1). Completeness of the form and materials is R-APP-1/R-APP-2's to judge. */
export class SubmitApplicationDto implements SubmitApplicationInput {
  @ApiProperty({
    description: '申请类型: 初次认证 (INITIAL) or 再认证 (RECERTIFICATION)',
    enum: APPLICATION_KINDS,
    example: 'INITIAL',
  })
  @IsIn(APPLICATION_KINDS)
  kind!: ApplicationKind;

  @ApiPropertyOptional({
    description: 'Scheme version (认证方案版本); defaults to the newest version in force',
    example: 'CMM-525-0002/1',
    maxLength: MAX_ID,
  })
  @IsOmittable()
  @IsText(MAX_ID)
  schemeVersion?: string;

  @ApiPropertyOptional({
    description:
      'RECERTIFICATION: the certificate to renew (证书编号); its expiry and status are read from its record',
    example: 'CMM-ICS-2026-00042',
    maxLength: MAX_ID,
  })
  @IsOmittable()
  @IsText(MAX_ID)
  certificateNumber?: string;

  @ApiProperty({ description: '附录A 认证申请表 (the application form)', type: () => AnnexADto })
  @IsObject()
  @ValidateNested()
  @Type(() => AnnexADto)
  annexA!: AnnexADto;

  @ApiProperty({
    description:
      'Materials of §6.1.2 (may be incomplete at submission: missing ones are requested as a supplement)',
    type: [MaterialDto],
  })
  @IsArray()
  @ArrayMaxSize(MAX_MATERIALS)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials!: MaterialDto[];
}
