import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEADLINE_KINDS, type DeadlineKind } from '@app/read-models';
import { PageQueryDto } from './list-query.dto';

export class DeadlinesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DEADLINE_KINDS, description: 'One kind of deadline; default: all kinds' })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: DeadlineKind;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3660,
    default: 30,
    description: 'Days ahead of today to list; overdue deadlines are always listed',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3660)
  within?: number;
}
