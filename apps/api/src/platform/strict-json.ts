import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUtf8 } from 'node:buffer';
import { HttpStatus } from '@nestjs/common';
import type { NestExpressBodyParserOptions } from '@nestjs/platform-express';
import { httpError } from './http-error';

/**
 * Strict JSON for every request body (RFC 8259 §8.1: JSON between systems is UTF-8). Three steps around the
 * body parser: before it, only `application/json` (UTF-8) bodies get through; the parser itself takes only an
 * object or array at top level, refuses compressed bodies and invalid UTF-8; after it, bodies nested deeper than
 * any command needs or carrying prototype keys are refused before a DTO transformer walks them.
 */

/** Deeper than any command DTO (the score sheet is 5 levels); a deeper body is an attack on a recursive walker. */
export const MAX_JSON_DEPTH = 32;

/** Keys that change an object's prototype when copied by assignment (class-transformer, spreads into a class). */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const JSON_MEDIA_TYPE = 'application/json';

/** Error `type` a body-parser `verify` failure keeps, mapped to 400 MALFORMED_JSON by error-mapping. */
export const INVALID_UTF8 = 'entity.utf8.invalid';

/** RFC 9112 §6.3: a request has a body when it says so with Transfer-Encoding or a non-zero Content-Length. */
const hasBody = (request: IncomingMessage): boolean => {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length !== '0';
};

/** `application/json`, optionally with `charset=utf-8`; any other type or charset is refused. */
export const isJsonUtf8 = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== JSON_MEDIA_TYPE) return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split('=').map((part) => part.trim().replace(/^"(.*)"$/, '$1'));
    return name !== 'charset' || value === 'utf-8';
  });
};

/** Express middleware before the body parser: a body that is not UTF-8 JSON is 415, never silently ignored. */
export const requireJsonBodies = (
  request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void => {
  if (!hasBody(request) || isJsonUtf8(request.headers['content-type'])) return next();
  next(
    httpError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_MEDIA_TYPE',
      'Request bodies must be application/json in UTF-8',
    ),
  );
};

/** body-parser `verify`: runs on the raw bytes before decoding, where invalid UTF-8 would become U+FFFD. */
const verifyUtf8 = (_request: IncomingMessage, _response: ServerResponse, body: Buffer): void => {
  if (!isUtf8(body))
    throw Object.assign(new Error('request body is not valid UTF-8'), { type: INVALID_UTF8 });
};

/** The JSON body parser's options: `strict` (object or array at top level), no inflation (no zip bombs). */
export const jsonParserOptions = (limit: string): NestExpressBodyParserOptions => ({
  limit,
  strict: true,
  inflate: false,
  type: JSON_MEDIA_TYPE,
  verify: verifyUtf8,
});

interface Problem {
  field: string;
  problem: string;
}

const pathOf = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

/**
 * The first structural problem of a parsed body, or undefined. Iterative (an explicit stack), so the check
 * itself cannot overflow the call stack on the very nesting it looks for.
 */
export const unsafeJsonProblem = (body: unknown): Problem | undefined => {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      return { field: path || '(body)', problem: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        stack.push({ value: item, path: pathOf(path, index), depth: depth + 1 }),
      );
      continue;
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key))
        return { field: pathOf(path, key), problem: `the key ${key} is not allowed` };
      stack.push({
        value: (value as Record<string, unknown>)[key],
        path: pathOf(path, key),
        depth: depth + 1,
      });
    }
  }
  return undefined;
};

/**
 * Express middleware after the body parser: refuses deep nesting and prototype keys in the body, and prototype
 * keys in the query string, with 400 VALIDATION_FAILED. class-transformer assigns such keys onto the DTO instance,
 * where the whitelist check no longer sees them: without this, `{"reason":"x","constructor":{…}}` passed as valid.
 */
export const rejectUnsafeInput = (
  request: IncomingMessage & { body?: unknown; query?: unknown },
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void => {
  const query = request.query;
  const queryKey =
    typeof query === 'object' && query !== null
      ? Object.keys(query).find((key) => PROTOTYPE_KEYS.has(key))
      : undefined;
  const found =
    queryKey !== undefined
      ? { field: queryKey, problem: `the query parameter ${queryKey} is not allowed` }
      : unsafeJsonProblem(request.body);
  if (found === undefined) return next();
  next(
    httpError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not acceptable', [
      { field: found.field, problems: [found.problem] },
    ]),
  );
};
