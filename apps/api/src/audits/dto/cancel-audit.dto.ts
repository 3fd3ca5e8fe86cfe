import type { CancelAuditCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, MAX_TEXT } from '../../common/validators';

type CancelAuditInput = CancelAuditCommand['input'];

/** POST /audits/{id}/cancel — 取消审核. */
export class CancelAuditDto implements CancelAuditInput {
  @ApiProperty({
    description: '理由 (reason)',
    example: 'the application was withdrawn',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
