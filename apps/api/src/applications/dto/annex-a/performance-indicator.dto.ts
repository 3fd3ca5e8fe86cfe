import type { AnnexA } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText, MAX_NAME } from '../../../common/validators';

type PerformanceIndicator = AnnexA['performanceIndicators'][number];
type IndicatorCategory = PerformanceIndicator['category'];

// The domain has no exported list for this union; a Record keyed by it makes the list exhaustive at compile time.
const CATEGORIES: Record<IndicatorCategory, true> = { SERVICE: true, OPERATIONS: true, TECHNICAL: true };
export const PERFORMANCE_INDICATOR_CATEGORIES = Object.keys(CATEGORIES) as IndicatorCategory[];

/** A.4 绩效指标 */
export class PerformanceIndicatorDto implements PerformanceIndicator {
  @ApiProperty({
    description: '指标类别 (服务 / 运营 / 技术)',
    enum: PERFORMANCE_INDICATOR_CATEGORIES,
    example: 'SERVICE',
  })
  @IsIn(PERFORMANCE_INDICATOR_CATEGORIES)
  category!: IndicatorCategory;

  @ApiProperty({ description: '指标名称 (indicator)', example: '客户满意度', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  name!: string;

  @ApiProperty({ description: '目标值 (target)', example: '≥ 92%', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  target!: string;

  @ApiProperty({ description: '实际值 (actual)', example: '93.5%', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  actual!: string;
}
