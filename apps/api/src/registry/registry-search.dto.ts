import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CERTIFICATE_STATUSES } from '@app/domain';
import { PageQueryDto } from '../read-side/list-query.dto';

export class RegistrySearchDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'A certificate number (exact) or part of the holder’s name (Chinese included)',
    example: '智服',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: (typeof CERTIFICATE_STATUSES)[number];
}
