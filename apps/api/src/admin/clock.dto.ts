import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/** PUT /admin/clock — move the manual clock forward: to an instant, or by a number of days. */
export class MoveClockDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The instant to move to (not before the current one)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 3660, description: 'Days to move forward (instead of `at`)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3660)
  advanceDays?: number;
}
