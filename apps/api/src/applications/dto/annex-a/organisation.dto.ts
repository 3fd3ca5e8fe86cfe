import type { AnnexA } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import { IsIsoDate, IsText, IsUscc, MAX_ADDRESS, MAX_NAME } from '../../../common/validators';

type Organisation = AnnexA['organisation'];

// The same patterns as the domain's validateAnnexA, so the API never accepts what the domain then refuses.
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A.1 基本信息 */
export class OrganisationDto implements Organisation {
  @ApiProperty({
    description: '组织名称 (organisation name)',
    example: '福州智服科技有限公司',
    maxLength: MAX_NAME,
  })
  @IsText(MAX_NAME)
  name!: string;

  @ApiProperty({
    description: '统一社会信用代码 (unified social credit code, GB 32100-2015, with its check character)',
    example: '91350100M000100Y43',
    minLength: 18,
    maxLength: 18,
  })
  @IsUscc()
  uscc!: string;

  @ApiProperty({
    description: '地址 (address)',
    example: '福建省福州市鼓楼区五四路 100 号',
    maxLength: MAX_ADDRESS,
  })
  @IsText(MAX_ADDRESS)
  address!: string;

  @ApiProperty({
    description: '法定代表人 (legal representative); personal data, never published',
    example: '张伟',
    maxLength: MAX_NAME,
  })
  @IsText(MAX_NAME)
  legalRepresentative!: string;

  @ApiProperty({ description: '联系人 (contact person)', example: '李娜', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  contactPerson!: string;

  @ApiProperty({ description: '联系电话 (telephone)', example: '+86 591 8765 4321', pattern: PHONE.source })
  @Matches(PHONE, { message: '$property must be a telephone number (digits, spaces, dashes, optional +)' })
  phone!: string;

  @ApiProperty({ description: '电子邮箱 (e-mail)', example: 'lina@zhifu.example.cn', maxLength: 254 })
  @Matches(EMAIL, { message: '$property must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    description: '智能客户服务规模 (size of the service)',
    example: '200 seats, 3 sites',
    maxLength: MAX_NAME,
  })
  @IsText(MAX_NAME)
  serviceScale!: string;

  @ApiProperty({
    description: '智能客户服务成立时间 (date the service was founded)',
    example: '2019-06-01',
    format: 'date',
  })
  @IsIsoDate()
  serviceFoundedOn!: string;
}
