import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { StoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '@app/event-store';
import { codeForStatus, type ErrorBody } from './http-error';

/** What the filter sends, and whether the cause is ours (5xx: logged with its stack) rather than the client's. */
export interface MappedError {
  body: ErrorBody;
  serverFault: boolean;
}

export interface RequestFacts {
  /** The request carried `If-Match`: a revision mismatch is then the client's stale copy (412), not a race (409). */
  hadIfMatch: boolean;
}

const clientError = (statusCode: number, code: string, message: string, details?: unknown): MappedError => ({
  body: details === undefined ? { statusCode, code, message } : { statusCode, code, message, details },
  serverFault: false,
});

const serverError = (statusCode: number, code: string, message: string): MappedError => ({
  body: { statusCode, code, message },
  serverFault: true,
});

const INTERNAL = (): MappedError =>
  serverError(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'An unexpected error occurred');

/** Keys Nest puts in its own exception bodies; anything else a thrower added is kept as details. */
const NEST_BODY_KEYS = new Set(['statusCode', 'message', 'error', 'code', 'details']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const messageOf = (raw: unknown, fallback: string): string => {
  if (typeof raw === 'string' && raw.length > 0) return raw;
  // Nest's own ValidationPipe (if someone uses it) puts an array of messages here.
  if (Array.isArray(raw) && raw.length > 0) return raw.map(String).join('; ');
  return fallback;
};

const fromHttpException = (exception: HttpException): MappedError => {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const code =
    isRecord(response) && typeof response.code === 'string' ? response.code : codeForStatus(status);
  const message = messageOf(isRecord(response) ? response.message : response, exception.message);
  let details: unknown = isRecord(response) ? response.details : undefined;
  if (details === undefined && isRecord(response)) {
    const extra = Object.entries(response).filter(([key]) => !NEST_BODY_KEYS.has(key));
    if (extra.length > 0) details = Object.fromEntries(extra);
  }
  if (status >= 500) return { ...clientError(status, code, message, details), serverFault: true };
  return clientError(status, code, message, details);
};

/** Errors of body-parser / raw-body: plain Errors tagged with `type` and `status`. */
const BODY_PARSER_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' },
  // Raised by the parser's UTF-8 check (strict-json.ts): JSON between systems is UTF-8 (RFC 8259 §8.1).
  'entity.utf8.invalid': { status: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid UTF-8' },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported request body charset',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported request body content encoding',
  },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: 'Request was aborted' },
  'request.size.invalid': {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Request body size does not match Content-Length',
  },
};

/** The API error for a body-parser failure, or undefined when the error is not one. */
export const fromBodyParser = (
  error: Error & { type?: unknown; limit?: unknown; status?: unknown; expose?: unknown },
): MappedError | undefined => {
  if (typeof error.type !== 'string') return undefined;
  const known = BODY_PARSER_ERRORS[error.type];
  if (known === undefined) {
    // A client error of the parser we have no entry for (a new body-parser version): still the client's, never 500.
    const status = error.status;
    if (error.expose === true && typeof status === 'number' && status >= 400 && status < 500) {
      return clientError(status, codeForStatus(status), 'The request body could not be read');
    }
    return undefined;
  }
  const details =
    error.type === 'entity.too.large' && typeof error.limit === 'number'
      ? { limitBytes: error.limit }
      : undefined;
  return clientError(known.status, known.code, known.message, details);
};

/** The domain error's message without the `CODE: ` prefix its constructor adds (the code has its own field). */
const domainMessage = (error: DomainError): string => {
  const prefix = `${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
};

/** Maps anything thrown while serving a request to the API's error body. Pure, so every branch is unit-testable. */
export const mapError = (exception: unknown, facts: RequestFacts): MappedError => {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof DomainError) {
    return clientError(HttpStatus.CONFLICT, exception.code, domainMessage(exception), exception.details);
  }
  if (exception instanceof WrongExpectedVersionError) {
    const details = { streamId: exception.streamId, expected: exception.expected, actual: exception.actual };
    return facts.hadIfMatch
      ? clientError(
          412,
          'PRECONDITION_FAILED',
          'The resource has changed since the If-Match revision',
          details,
        )
      : clientError(409, 'CONCURRENCY_CONFLICT', 'The resource was changed concurrently; retry', details);
  }
  if (exception instanceof StreamNotFoundError) {
    return clientError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Resource not found', {
      streamId: exception.streamId,
    });
  }
  if (exception instanceof StoreUnavailableError) {
    return serverError(503, 'STORE_UNAVAILABLE', 'The event store is unavailable; try again later');
  }
  if (exception instanceof Error) return fromBodyParser(exception) ?? INTERNAL();
  return INTERNAL();
};
