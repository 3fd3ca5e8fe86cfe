import type { RegistryDocument } from '@app/read-models';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class BasisDto {
  @ApiProperty({ example: 'GB/T 43045.1-2023' }) standard!: string;
  @ApiProperty({ example: 'CMM-525-0002' }) ruleCode!: string;
  @ApiProperty({ example: 'V1.0' }) version!: string;
}

class StatusHistoryEntryDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ example: 'VALID' }) before!: string;
  @ApiProperty({ example: 'SUSPENDED' }) after!: string;
  @ApiProperty() reason!: string;
}

class ChangeHistoryEntryDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ enum: ['CHANGE', 'REISSUE', 'RENEWAL'] }) kind!: string;
  @ApiPropertyOptional({ example: 'ADDRESS' }) field?: string;
  @ApiPropertyOptional() before?: string;
  @ApiPropertyOptional() after?: string;
  @ApiProperty() reason!: string;
}

/**
 * A certificate as the public sees it (§8.4, R-REG-1). Built field by field from the registry document, so
 * nothing internal can leak into it by accident (R-REG-2): no contact data, no scores, no approver identities.
 */
export class RegistryEntryDto {
  @ApiProperty({ example: 'CMM-ICS-2026-00001' }) number!: string;
  @ApiProperty() holderName!: string;
  @ApiProperty() holderAddress!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ type: BasisDto }) basis!: BasisDto;
  @ApiProperty() certificationBody!: string;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date' }) effectiveDate!: string;
  @ApiProperty({ format: 'date' }) expiryDate!: string;
  @ApiProperty({ enum: ['VALID', 'SUSPENDED', 'REVOKED', 'CANCELLED'] }) status!: RegistryDocument['status'];
  @ApiProperty({
    enum: ['active', 'suspended', 'withdrawn', 'cancelled'],
    description: 'IAF CertSearch status',
  })
  iafStatus!: RegistryDocument['iafStatus'];
  @ApiProperty({ format: 'date' }) statusChangedOn!: string;
  @ApiProperty({ description: 'Valid today: VALID and within its effective and expiry dates' })
  validToday!: boolean;
  @ApiProperty({ type: [StatusHistoryEntryDto] }) statusHistory!: StatusHistoryEntryDto[];
  @ApiProperty({ type: [ChangeHistoryEntryDto] }) changeHistory!: ChangeHistoryEntryDto[];
  @ApiPropertyOptional({ nullable: true }) suspension!: RegistryDocument['suspension'];
  @ApiPropertyOptional({ nullable: true }) revocation!: RegistryDocument['revocation'];
  @ApiPropertyOptional({ nullable: true }) cancellation!: RegistryDocument['cancellation'];
}

export class RegistryPageDto {
  @ApiProperty({ type: [RegistryEntryDto] }) items!: RegistryEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
