import type { CommandResult } from '@app/certification';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';

/** Response documentation only: handlers return `CommandResult`, these classes describe it in /docs. */
export class AppendedEventDto {
  @ApiProperty({ description: 'Event id', example: '0b9e3c1e-6a3f-4f7e-9a55-2f1c1f3a8d10' })
  id!: string;

  @ApiProperty({ description: 'Event type', example: 'ApplicationSubmitted' })
  type!: string;
}

export class CommandResultDto implements CommandResult {
  @ApiProperty({
    description: 'The aggregate acted on: application or audit id, or certificate number (证书编号)',
    example: '3f2c8f0e-5d7b-4c1a-9e62-0a4b7d9c1e55',
  })
  id!: string;

  @ApiProperty({
    description: 'Event stream of the aggregate',
    example: 'application-3f2c8f0e-5d7b-4c1a-9e62-0a4b7d9c1e55',
  })
  streamId!: string;

  @ApiProperty({
    description: 'Stream revision after the command; also sent as the ETag, to be echoed in If-Match',
    example: 3,
  })
  revision!: number;

  @ApiProperty({
    description: 'Events appended (for a replayed Idempotency-Key: those of the original request)',
    type: [AppendedEventDto],
  })
  events!: AppendedEventDto[];

  @ApiProperty({
    description:
      'Log position of the last event written (commit/prepare), null if none; send it as X-Min-Position on a ' +
      'query to read your own write',
    example: '42/42',
    nullable: true,
    type: String,
  })
  position!: string | null;

  @ApiPropertyOptional({
    description:
      'Ids created by the command, e.g. a nonconformity or observation id, or the certificate issued',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { nonconformityId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6' },
  })
  created?: Record<string, string>;
}

/** The answer of a command that creates something besides its own events (`created` always present). */
export class CreatedResultDto
  extends OmitType(CommandResultDto, ['created'] as const)
  implements CommandResult
{
  @ApiProperty({
    description:
      'Ids created by the command, e.g. a nonconformity or observation id, or the certificate issued',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { nonconformityId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6' },
  })
  created!: Record<string, string>;
}
