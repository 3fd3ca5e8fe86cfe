import type { AcceptApplicationCommand } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

type AcceptApplicationInput = AcceptApplicationCommand['input'];

/** POST /applications/{id}/accept — 受理. Sanctions (R-APP-3) come from this system's records, not from the body. */
export class AcceptApplicationDto implements AcceptApplicationInput {
  @ApiProperty({
    description:
      'The intake officer verified that the legal entity exists and is in good standing (依法设立并有效存续)',
    example: true,
  })
  @IsBoolean()
  legalEntityVerified!: boolean;
}
