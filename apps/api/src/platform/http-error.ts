import { HttpException, HttpStatus } from '@nestjs/common';

/** The one error body of the whole API. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/**
 * Codes for statuses that have a name in the API contract; other statuses fall back to the HttpStatus name,
 * so a code is always a stable upper-case word a client can switch on.
 */
const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN_ROLE',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  503: 'SERVICE_UNAVAILABLE',
};

export const codeForStatus = (status: number): string => {
  const known = CODES_BY_STATUS[status];
  if (known !== undefined) return known;
  const name: unknown = (HttpStatus as unknown as Record<number, unknown>)[status];
  if (typeof name === 'string') return name;
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
};

/** An HttpException whose body is already in our format, so the filter passes it through unchanged. */
export const httpError = (
  status: number,
  code: string,
  message: string,
  details?: unknown,
): HttpException => {
  const body: ErrorBody = { statusCode: status, code, message };
  if (details !== undefined) body.details = details;
  return new HttpException(body, status);
};

/** 400 VALIDATION_FAILED for one request header (If-Match, Idempotency-Key …), in the same shape as body fields. */
export const invalidHeader = (header: string, problem: string): HttpException =>
  httpError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Invalid ${header} header`, [
    { field: header, problems: [problem] },
  ]);
