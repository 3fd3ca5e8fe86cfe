import type { AnnexA } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, ValidateNested } from 'class-validator';
import { IsIsoDate, IsText, MAX_ITEMS, MAX_NAME, MAX_TEXT } from '../../../common/validators';

type Declaration = AnnexA['declaration'];
type MajorViolation = Declaration['majorViolations'][number];

/** 重大违法违规行为, as declared by the applicant (R-APP-3). */
export class MajorViolationDto implements MajorViolation {
  @ApiProperty({ description: '日期 (date of the violation)', example: '2023-05-10', format: 'date' })
  @IsIsoDate()
  date!: string;

  @ApiProperty({ description: '说明 (description)', example: '行政处罚：…', maxLength: MAX_TEXT })
  @IsText(MAX_TEXT)
  description!: string;
}

/** A.5 申请声明 */
export class DeclarationDto implements Declaration {
  @ApiProperty({ description: '签署人 (signed by)', example: '张伟', maxLength: MAX_NAME })
  @IsText(MAX_NAME)
  signedBy!: string;

  @ApiProperty({ description: '签署日期 (signed on)', example: '2026-03-01', format: 'date' })
  @IsIsoDate()
  signedOn!: string;

  // A boolean, not `true` only: refusing `false` is R-APP-1's to say, with the rest of the form's problems.
  @ApiProperty({
    description: 'The four statements of A.5 are accepted (must be true for the application to be taken)',
    example: true,
  })
  @IsBoolean()
  statementsAccepted!: boolean;

  @ApiProperty({
    description: '重大违法违规行为 declared by the applicant, with their dates; may be empty',
    type: [MajorViolationDto],
  })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => MajorViolationDto)
  majorViolations!: MajorViolationDto[];
}
