import type { RaiseNonconformityCommand } from '@app/certification';
import { NONCONFORMITY_GRADES, type NonconformityGrade } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsIsoDate, IsOmittable, IsText, MAX_NAME, MAX_TEXT } from '../../common/validators';

type RaiseNonconformityInput = RaiseNonconformityCommand['input'];

/** POST /audits/{id}/nonconformities — 不符合项 (R-AUD-3); the id is generated and returned in `created`. */
export class RaiseNonconformityDto implements RaiseNonconformityInput {
  @ApiProperty({
    description: '严重 (MAJOR) / 轻微 (MINOR) 不符合项',
    enum: NONCONFORMITY_GRADES,
    example: 'MINOR',
  })
  @IsIn(NONCONFORMITY_GRADES)
  grade!: NonconformityGrade;

  @ApiProperty({
    description: 'The clause breached (条款)',
    example: 'GB/T 43045.1-2023 5.1.1',
    maxLength: MAX_NAME,
  })
  @IsText(MAX_NAME)
  clause!: string;

  @ApiProperty({
    description: '客观证据 (objective evidence)',
    example: 'QA sampling records for February are missing',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  evidence!: string;

  @ApiPropertyOptional({
    description: 'Correction due date; defaults to the scheme period, may not be in the past',
    example: '2026-05-15',
    format: 'date',
  })
  @IsOmittable()
  @IsIsoDate()
  dueDate?: string;
}
