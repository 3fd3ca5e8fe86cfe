import { invalidHeader } from './http-error';

/** Visible ASCII only: keys end up in logs and storage keys, where spaces and control characters cause trouble. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key scoped to the user (`${userId}:${key}`), or undefined when absent. Scoping stops one
 * user's key from replaying another user's response.
 */
export const parseIdempotencyKey = (
  header: string | string[] | undefined,
  userId: string,
): string | undefined => {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !IDEMPOTENCY_KEY.test(header)) {
    throw invalidHeader('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
  }
  return `${userId}:${header}`;
};
