import type { AnnexA } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsNumber, Max, Min } from 'class-validator';
import { IsText, MAX_ITEMS, MAX_NAME } from '../../../common/validators';

type ServiceOverview = AnnexA['serviceOverview'];

/** A.2 智能客户服务概况 */
export class ServiceOverviewDto implements ServiceOverview {
  @ApiProperty({ description: '人员数量 (staff count)', example: 230, minimum: 0 })
  @IsInt()
  @Min(0)
  staffCount!: number;

  @ApiProperty({
    description: '服务渠道 (service channels), at least one',
    example: ['PHONE', 'WEB_CHAT', 'APP', 'WECHAT'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_NAME, { each: true })
  channels!: string[];

  @ApiProperty({ description: '服务时间 (service hours)', example: '7×24', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  serviceHours!: string;

  @ApiProperty({ description: '年服务量 (contacts handled per year)', example: 4800000, minimum: 0 })
  @IsInt()
  @Min(0)
  annualVolume!: number;

  @ApiProperty({
    description: '客户满意度 (customer satisfaction), percent',
    example: 93.5,
    minimum: 0,
    maximum: 100,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  satisfactionRate!: number;

  @ApiProperty({
    description: '主要服务内容 (main services), at least one',
    example: ['account enquiries', 'order support'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @IsText(MAX_NAME, { each: true })
  mainServices!: string[];
}
