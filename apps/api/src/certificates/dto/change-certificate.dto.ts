import type { ChangeCertificateCommand } from '@app/certification';
import { CHANGE_FIELDS, type CertificateChangeField } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText, MAX_ADDRESS, MAX_NAME, MAX_TEXT } from '../../common/validators';

type ChangeCertificateInput = ChangeCertificateCommand['input'];

/** The longest new value per field: a name, an address, or a scope text. */
const LIMIT_BY_FIELD: Record<CertificateChangeField, number> = {
  NAME: MAX_NAME,
  ADDRESS: MAX_ADDRESS,
  SCOPE: MAX_TEXT,
};

const limitFor = (dto: object): number =>
  LIMIT_BY_FIELD[(dto as Partial<ChangeCertificateInput>).field as CertificateChangeField] ?? MAX_TEXT;

/** POST /certificates/{number}/change — 证书变更 (§7.4.1, R-CERT-3). */
export class ChangeCertificateDto implements ChangeCertificateInput {
  @ApiProperty({ description: '变更项: 名称 / 地址 / 认证范围', enum: CHANGE_FIELDS, example: 'ADDRESS' })
  @IsIn(CHANGE_FIELDS)
  field!: CertificateChangeField;

  @ApiProperty({
    description: `The new value (at most ${MAX_NAME} characters for NAME, ${MAX_ADDRESS} for ADDRESS, ${MAX_TEXT} for SCOPE)`,
    example: '福建省福州市台江区江滨中大道 8 号',
    maxLength: MAX_TEXT,
  })
  @IsText(limitFor)
  after!: string;

  @ApiProperty({ description: '变更理由 (reason)', example: 'the service centre moved', maxLength: MAX_TEXT })
  @IsText(MAX_TEXT)
  reason!: string;
}
