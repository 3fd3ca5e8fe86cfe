import type { AnnexA } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsObject, ValidateNested } from 'class-validator';
import { MAX_ITEMS } from '../../common/validators';
import { DeclarationDto } from './annex-a/declaration.dto';
import { ManagementSystemDto } from './annex-a/management-system.dto';
import { OrganisationDto } from './annex-a/organisation.dto';
import { PerformanceIndicatorDto } from './annex-a/performance-indicator.dto';
import { ServiceOverviewDto } from './annex-a/service-overview.dto';

/** 附录A 认证申请表 — the application form (R-APP-1). */
export class AnnexADto implements AnnexA {
  @ApiProperty({ description: 'A.1 基本信息 (organisation)', type: () => OrganisationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationDto)
  organisation!: OrganisationDto;

  @ApiProperty({ description: 'A.2 智能客户服务概况 (service overview)', type: () => ServiceOverviewDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceOverviewDto)
  serviceOverview!: ServiceOverviewDto;

  @ApiProperty({ description: 'A.3 管理体系现状 (management system)', type: () => ManagementSystemDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ManagementSystemDto)
  managementSystem!: ManagementSystemDto;

  @ApiProperty({
    description: 'A.4 绩效指标 (performance indicators), at least one',
    type: [PerformanceIndicatorDto],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => PerformanceIndicatorDto)
  performanceIndicators!: PerformanceIndicatorDto[];

  @ApiProperty({ description: 'A.5 申请声明 (declaration)', type: () => DeclarationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationDto)
  declaration!: DeclarationDto;
}
