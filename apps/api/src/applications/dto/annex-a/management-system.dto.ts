import type { AnnexA } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { composeDecorators, IsIsoDate, IsText, MAX_TEXT } from '../../../common/validators';

type ManagementSystem = AnnexA['managementSystem'];
type ManagementAreas = ManagementSystem['areas'];
type ManagementArea = ManagementAreas[keyof ManagementAreas];

export class ManagementAreaDto implements ManagementArea {
  @ApiProperty({
    description: '现状 (current status)',
    example: 'documented strategy, reviewed yearly',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  status!: string;

  @ApiProperty({
    description: '改进计划 (improvement plan); may be empty',
    example: 'add KPIs per channel',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT, { allowBlank: true })
  improvementPlan!: string;
}

const area = (description: string): PropertyDecorator =>
  composeDecorators(
    ApiProperty({ description, type: () => ManagementAreaDto }),
    IsObject(),
    ValidateNested(),
    Type(() => ManagementAreaDto),
  );

/** One entry per management dimension of §13.1.1; `implements` fails to compile if a dimension is missing. */
export class ManagementAreasDto implements ManagementAreas {
  @area('战略规划 (strategy)')
  STRATEGY!: ManagementAreaDto;

  @area('能力建设 (capability building)')
  CAPABILITY!: ManagementAreaDto;

  @area('多元化运营 (diversified operations)')
  OPERATIONS!: ManagementAreaDto;

  @area('多模态交互 (multimodal interaction)')
  MULTIMODAL!: ManagementAreaDto;
}

/** A.3 管理体系现状 */
export class ManagementSystemDto implements ManagementSystem {
  @ApiProperty({
    description: '管理体系运行起始日期 (in operation since; R-APP-3 wants ≥ 3 months before acceptance)',
    example: '2025-01-01',
    format: 'date',
  })
  @IsIsoDate()
  operatingSince!: string;

  @ApiProperty({
    description: 'Status and improvement plan per management dimension',
    type: () => ManagementAreasDto,
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ManagementAreasDto)
  areas!: ManagementAreasDto;
}
