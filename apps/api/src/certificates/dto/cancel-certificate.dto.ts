import type { CancelCertificateCommand } from '@app/certification';
import { CANCELLATION_GROUNDS, PUNITIVE_CANCELLATION_GROUNDS, type CancellationGround } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText, MAX_TEXT } from '../../common/validators';

type CancelCertificateInput = CancelCertificateCommand['input'];

/**
 * §7.4.3 also lists the punitive grounds as cancellation cases; Decision Q6 sends them through revocation.
 * They are let through here on purpose, so that the domain refuses them with R-CERT-8 and says why,
 * instead of a bare "must be one of" from validation.
 */
export const ACCEPTED_CANCELLATION_GROUNDS = [
  ...CANCELLATION_GROUNDS,
  ...PUNITIVE_CANCELLATION_GROUNDS,
] as const;

/** POST /certificates/{number}/cancel — 注销 (§8.2.3, R-CERT-8). */
export class CancelCertificateDto implements CancelCertificateInput {
  @ApiProperty({
    description:
      '注销原因类别 (ground of §8.2.3). NO_LONGER_CONFORMS and SERIOUS_VIOLATION are accepted but refused with 409 R-CERT-8: ' +
      'they are revocation grounds (Decision Q6), open a revocation instead. EXPIRED is for the system timer once the validity ended.',
    enum: ACCEPTED_CANCELLATION_GROUNDS,
    example: 'HOLDER_REQUEST',
  })
  @IsIn(ACCEPTED_CANCELLATION_GROUNDS)
  // Typed as the domain's grounds: the punitive ones never pass the domain, which checks the value at run time.
  ground!: CancellationGround;

  @ApiProperty({
    description: '注销理由 (reason)',
    example: 'the holder ceased the service on 2026-06-30',
    maxLength: MAX_TEXT,
  })
  @IsText(MAX_TEXT)
  reason!: string;
}
