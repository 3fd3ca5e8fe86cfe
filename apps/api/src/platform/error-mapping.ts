import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/domain';
import {
  isStoreUnavailable,
  StreamNotFoundError,
  UnreadableEventError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { codeForStatus, type ErrorBody } from './http-error';

/** What the filter sends, and whether the cause is ours (5xx: logged with its stack) rather than the client's. */
export interface MappedError {
  body: ErrorBody;
  serverFault: boolean;
}

export interface RequestFacts {
  /** The request carried `If-Match`: a revision mismatch is then the client's stale copy (412), not a race (409). */
  hadIfMatch: boolean;
  /** The largest body the request's route takes, in bytes: told to a client whose body was larger. */
  bodyLimit?: number;
}

const clientError = (statusCode: number, code: string, message: string, details?: unknown): MappedError => ({
  body: details === undefined ? { statusCode, code, message } : { statusCode, code, message, details },
  serverFault: false,
});

const serverError = (statusCode: number, code: string, message: string, details?: unknown): MappedError => ({
  body: details === undefined ? { statusCode, code, message } : { statusCode, code, message, details },
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

/**
 * Fastify's own refusals (a FastifyError with a 4xx status: malformed URL, body too large …), as Nest maps those
 * raised while a request is read; here for the ones Fastify's router answers before Nest sees the request.
 */
const fromFastify = (error: Error & { statusCode?: unknown }): MappedError | undefined => {
  const status = error.statusCode;
  if (error.name !== 'FastifyError' || typeof status !== 'number' || status < 400 || status >= 500)
    return undefined;
  return clientError(status, codeForStatus(status), error.message);
};

/** The domain error's message without the `CODE: ` prefix its constructor adds (the code has its own field). */
const domainMessage = (error: DomainError): string => {
  const prefix = `${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
};

/** Maps anything thrown while serving a request to the API's error body. Pure, so every branch is unit-testable. */
export const mapError = (exception: unknown, facts: RequestFacts): MappedError => {
  if (exception instanceof HttpException) {
    const mapped = fromHttpException(exception);
    // A body over the limit: the client is told the limit.
    if (mapped.body.statusCode === 413 && mapped.body.details === undefined && facts.bodyLimit !== undefined)
      return clientError(413, mapped.body.code, mapped.body.message, { limitBytes: facts.bodyLimit });
    return mapped;
  }
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
  if (exception instanceof UnreadableEventError) {
    // The store's own bytes are damaged or altered: the server's fault, named so that the file can be checked.
    return serverError(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'UNREADABLE_EVENT',
      'A stored event no longer decodes (damaged or altered); the regulators’ verification locates every broken link',
      { streamId: exception.streamId, revision: exception.revision },
    );
  }
  if (isStoreUnavailable(exception)) {
    // The event store, or a MongoDB read or identity store, cannot be reached now: the client may retry.
    return serverError(
      503,
      'STORE_UNAVAILABLE',
      'A store the API depends on is unavailable; try again later',
    );
  }
  if (exception instanceof Error) return fromFastify(exception) ?? INTERNAL();
  return INTERNAL();
};
