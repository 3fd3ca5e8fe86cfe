import type { RecordObservationCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type RecordObservationInput = RecordObservationCommand['input'];

/** POST /audits/{id}/observations — 观察项; the id is generated and returned in `created`. */
export class RecordObservationDto implements RecordObservationInput {
  @ApiProperty({
    description: '观察项内容 (observation)',
    example: 'knowledge base review cycle is informal',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  text!: string;
}
