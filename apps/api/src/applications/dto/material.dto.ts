import { MATERIAL_CATEGORIES, type Material, type MaterialCategory } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsSha256, IsText, MAX_NAME } from '../../common/validators';

/** A submitted document of §6.1.2, identified by the SHA-256 of its content (R-APP-2). */
export class MaterialDto implements Material {
  @ApiProperty({
    description:
      'Category of §6.1.2: 营业执照 / 管理体系文件 / 近3个月绩效数据 / 组织架构图 / 技术方案 / 其他 (every one but OTHER is needed before acceptance)',
    enum: MATERIAL_CATEGORIES,
    example: 'BUSINESS_LICENCE',
  })
  @IsIn(MATERIAL_CATEGORIES)
  category!: MaterialCategory;

  @ApiProperty({ description: 'Document name', example: 'business_licence.pdf', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  name!: string;

  @ApiProperty({
    description: 'SHA-256 of the content, 64 lowercase hex digits',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsSha256()
  sha256!: string;
}
