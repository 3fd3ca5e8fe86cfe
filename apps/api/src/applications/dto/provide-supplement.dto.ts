import type { ProvideSupplementCommand } from '@app/certification';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsObject, ValidateNested } from 'class-validator';
import { IsOmittable, IsText, MAX_ITEMS, MAX_NAME, MAX_TEXT } from '../../common/validators';
import { AnnexADto } from './annex-a.dto';
import { MaterialDto } from './material.dto';

type ProvideSupplementInput = ProvideSupplementCommand['input'];

/** POST /applications/{id}/provide-supplement — the applicant's answer to a supplement notice (R-APP-4). */
export class ProvideSupplementDto implements ProvideSupplementInput {
  @ApiProperty({
    description: 'The requested items this supplement answers (all of them, R-APP-4)',
    example: ['PERFORMANCE_DATA'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_NAME, { each: true })
  items!: string[];

  @ApiPropertyOptional({ description: 'Additional or replacement materials (§6.1.2)', type: [MaterialDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];

  @ApiPropertyOptional({
    description: 'A corrected 附录A application form, replacing the previous one',
    type: () => AnnexADto,
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => AnnexADto)
  annexA?: AnnexADto;

  @ApiPropertyOptional({ description: '备注 (note)', example: 'Q1 data attached', maxLength: MAX_TEXT })
  @IsOmittable()
  @IsText(MAX_TEXT)
  note?: string;
}
