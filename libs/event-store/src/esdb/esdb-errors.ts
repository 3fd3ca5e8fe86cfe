import { ErrorType } from '@eventstore/db-client';
import { EventStoreError, StoreUnavailableError, StreamNotFoundError } from '../errors';

/** Client error types that mean "the server cannot be reached or cannot serve now", not a domain outcome. */
const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/** The client's `type` discriminator; checked by value, not `instanceof`, so it survives module registries. */
export const clientErrorType = (error: unknown): string | undefined => {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
};

export const isClientWrongExpectedVersion = (error: unknown): boolean =>
  clientErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION;

export const isClientStreamNotFound = (error: unknown): boolean =>
  clientErrorType(error) === ErrorType.STREAM_NOT_FOUND;

/** Translates client failures into the port's errors; anything unknown is rethrown unchanged. */
export const translateError = (error: unknown, streamId?: string): unknown => {
  if (error instanceof EventStoreError) return error;
  const type = clientErrorType(error);
  if (type === ErrorType.STREAM_NOT_FOUND && streamId !== undefined) return new StreamNotFoundError(streamId);
  if (type !== undefined && UNAVAILABLE_TYPES.has(type)) {
    return new StoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
};
