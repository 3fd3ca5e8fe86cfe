import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEFAULT_HISTORY_PAGE_SIZE, MAX_HISTORY_PAGE_SIZE } from '@app/certification';

/** A full instant with its offset: a regulator's "when" must not depend on the server's time zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = '$property must be an ISO 8601 instant with a time zone, e.g. 2026-09-01T00:00:00Z';
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,63}$/;

/** `types=A,B` and `types=A&types=B` both give ['A', 'B']. */
const toList = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === null) return value;
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .filter((item) => item !== '');
};

export class HistoryQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only events that occurred at or after this instant (occurredAt)',
    example: '2026-06-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only events that occurred at or before this instant (occurredAt)',
    example: '2026-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  to?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Only these event types (comma-separated, or the parameter repeated)',
    example: 'CertificateSuspended,CertificateReinstated',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE, {
    each: true,
    message: 'each of $property must be an event type such as CertificateSuspended',
  })
  types?: string[];

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_HISTORY_PAGE_SIZE, default: DEFAULT_HISTORY_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE_SIZE)
  pageSize?: number;
}

export class StateQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The moment to replay the file to (events with occurredAt ≤ at); default: now',
    example: '2026-09-15T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  at?: string;
}
