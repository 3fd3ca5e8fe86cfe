import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES, AUDIT_STATUSES, AUDIT_TYPES, CERTIFICATE_STATUSES } from '@app/domain';
import { IsIsoDate } from '../common/validators';
import { PageQueryDto } from './list-query.dto';

export class ApplicationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Part of the organisation name, or its exact 统一社会信用代码' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['submittedAt', 'acceptanceDeadline'], default: 'submittedAt' })
  @IsOptional()
  @IsIn(['submittedAt', 'acceptanceDeadline'])
  sort?: 'submittedAt' | 'acceptanceDeadline';
}

export class AuditListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_STATUSES })
  @IsOptional()
  @IsIn(AUDIT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: AUDIT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TYPES)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  certificateNumber?: string;

  @ApiPropertyOptional({ enum: ['plannedStartDate', 'decisionDate'], default: 'plannedStartDate' })
  @IsOptional()
  @IsIn(['plannedStartDate', 'decisionDate'])
  sort?: 'plannedStartDate' | 'decisionDate';
}

export class CertificateListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Exact certificate number or part of the holder name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only certificates expiring before this date' })
  @IsOptional()
  @IsIsoDate()
  expiresBefore?: string;

  @ApiPropertyOptional({ enum: ['number', 'expiryDate'], default: 'number' })
  @IsOptional()
  @IsIn(['number', 'expiryDate'])
  sort?: 'number' | 'expiryDate';
}
