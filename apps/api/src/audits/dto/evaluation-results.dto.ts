import type { EvaluationResults, ManagementDimension, ServiceCharacteristic } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { composeDecorators } from '../../common/validators';

/** A result from 0 to 100 (R-AUD-3, R-SCORE-5). */
const Score = (description: string, example: number): PropertyDecorator =>
  composeDecorators(
    ApiProperty({ description, example, minimum: 0, maximum: 100 }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(100),
  );

/** §5.1.1 service characteristics; `implements` fails to compile if one is missing. */
export class CharacteristicResultsDto implements Record<ServiceCharacteristic, number> {
  @Score('服务能力 (service capability)', 86)
  SERVICE_CAPABILITY!: number;

  @Score('替代能力 (substitution capability)', 81)
  SUBSTITUTION_CAPABILITY!: number;

  @Score('经营能力 (business capability)', 84)
  BUSINESS_CAPABILITY!: number;

  @Score('客户体验 (customer experience)', 88)
  CUSTOMER_EXPERIENCE!: number;
}

/** §13.1.1 management dimensions; `implements` fails to compile if one is missing. */
export class ManagementResultsDto implements Record<ManagementDimension, number> {
  @Score('战略规划 (strategy)', 80)
  STRATEGY!: number;

  @Score('能力建设 (capability building)', 83)
  CAPABILITY!: number;

  @Score('多元化运营 (diversified operations)', 79)
  OPERATIONS!: number;

  @Score('多模态交互 (multimodal interaction)', 77)
  MULTIMODAL!: number;
}

/** The evaluation results a certificate shows (§7.2.2). */
export class EvaluationResultsDto implements EvaluationResults {
  @ApiProperty({
    description: '服务特性评价结果 (per service characteristic)',
    type: () => CharacteristicResultsDto,
  })
  @IsObject()
  @ValidateNested()
  @Type(() => CharacteristicResultsDto)
  characteristics!: CharacteristicResultsDto;

  @ApiProperty({
    description: '管理能力评价结果 (per management dimension)',
    type: () => ManagementResultsDto,
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ManagementResultsDto)
  management!: ManagementResultsDto;

  @Score('综合评价结果 (composite)', 83.4)
  composite!: number;
}
