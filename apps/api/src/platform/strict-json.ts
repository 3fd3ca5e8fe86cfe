import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { httpError } from './http-error';

/**
 * Strict JSON for every request body (RFC 8259 §8.1: JSON between systems is UTF-8). Two steps: the body parser
 * takes only UTF-8 `application/json` with an object or array at top level; after it, bodies nested deeper than
 * any command needs or carrying prototype keys are refused before a DTO transformer walks them.
 */

/** Deeper than any command DTO (the score sheet is 5 levels); a deeper body is an attack on a recursive walker. */
export const MAX_JSON_DEPTH = 32;

/** Keys that change an object's prototype when copied by assignment (class-transformer, spreads into a class). */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const JSON_MEDIA_TYPE = 'application/json';

/** Statuses and messages of the body parser's refusals. */
const unsupported = (message: string) =>
  httpError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', message);
const malformed = (message: string) => httpError(HttpStatus.BAD_REQUEST, 'MALFORMED_JSON', message);

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

/**
 * A request body as the API takes it, or the HttpException refusing it: only `application/json` in UTF-8 and
 * not compressed (415 otherwise: no zip bombs, never silently ignored); valid UTF-8 checked on the raw bytes,
 * where a decoder would turn it into U+FFFD, and an object or array at top level (400 MALFORMED_JSON
 * otherwise). An empty body is no body, whatever its type.
 */
export const parseJsonBody = (headers: IncomingHttpHeaders, body: Buffer): unknown => {
  if (body.length === 0) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
    throw unsupported('Unsupported request body content encoding');
  if (!isJsonUtf8(headers['content-type']))
    throw unsupported('Request bodies must be application/json in UTF-8');
  if (!isUtf8(body)) throw malformed('Request body is not valid UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw malformed('Request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw malformed('Request body is not valid JSON');
  return parsed;
};

/**
 * Puts parseJsonBody in place of every body parser Fastify has (JSON, plain text): a body of any type reaches
 * it, so each refusal carries the API's code. Fastify refuses bodies over its `bodyLimit` (413) while reading.
 */
export const useStrictJsonBodies = (fastify: FastifyInstance): void => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request.headers, body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
};

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
 * After the body parser (a preValidation hook): refuses deep nesting and prototype keys in the body, and
 * prototype keys in the query string, with 400 VALIDATION_FAILED. class-transformer assigns such keys onto the
 * DTO instance, where the whitelist check no longer sees them: without this, `{"reason":"x","constructor":{…}}`
 * passed as valid.
 */
export const rejectUnsafeInput = (request: { body?: unknown; query?: unknown }): void => {
  const query = request.query;
  const queryKey =
    typeof query === 'object' && query !== null
      ? Object.keys(query).find((key) => PROTOTYPE_KEYS.has(key))
      : undefined;
  const found =
    queryKey !== undefined
      ? { field: queryKey, problem: `the query parameter ${queryKey} is not allowed` }
      : unsafeJsonProblem(request.body);
  if (found === undefined) return;
  throw httpError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not acceptable', [
    { field: found.field, problems: [found.problem] },
  ]);
};
