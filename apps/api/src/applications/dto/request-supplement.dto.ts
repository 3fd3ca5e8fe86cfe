import type { RequestSupplementCommand } from '@app/certification';
import type { SupplementItem } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, ValidateNested } from 'class-validator';
import { IsText, MAX_ITEMS, MAX_NAME, MAX_TEXT } from '../../common/validators';

type RequestSupplementInput = RequestSupplementCommand['input'];

export class SupplementItemDto implements SupplementItem {
  @ApiProperty({
    description: '补充项 (what is missing or insufficient)',
    example: 'PERFORMANCE_DATA',
    maxLength: MAX_NAME,
  })
  @IsText(MAX_NAME)
  item!: string;

  @ApiProperty({
    description: '说明 (what exactly is needed)',
    example: '近3个月的智能客户服务绩效数据 (only January was provided)',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  description!: string;
}

/** POST /applications/{id}/request-supplement — 补充材料通知; everything missing is named at once (一次性告知, R-APP-4). */
export class RequestSupplementDto implements RequestSupplementInput {
  @ApiProperty({ description: 'Every missing item, each once', type: [SupplementItemDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SupplementItemDto)
  items!: SupplementItemDto[];
}
