import type { AssignAuditTeamCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray } from 'class-validator';
import { IsText, MAX_ID, MAX_ITEMS } from '../../common/validators';

type AssignAuditTeamInput = AssignAuditTeamCommand['input'];

/** POST /audits/{id}/assign-team — 审核组; roles and independence are checked against the user directory (R-AUD-2). */
export class AssignAuditTeamDto implements AssignAuditTeamInput {
  @ApiProperty({ description: '审核组长 (lead auditor) user id', example: 'auditor-wang', maxLength: MAX_ID })
  @IsText(MAX_ID)
  leadAuditorId!: string;

  @ApiProperty({
    description: '审核组成员 (further members) user ids; may be empty',
    example: ['auditor-chen'],
    type: [String],
  })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ArrayUnique()
  @IsText(MAX_ID, { each: true })
  memberIds!: string[];
}
