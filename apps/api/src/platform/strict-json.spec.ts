import { HttpException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import {
  isJsonUtf8,
  MAX_JSON_DEPTH,
  parseJsonBody,
  rejectUnsafeInput,
  unsafeJsonProblem,
} from './strict-json';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

/** What rejectUnsafeInput did with the request: undefined (passed), or the HTTP status and body it threw. */
const outcome = (request: {
  body?: unknown;
  query?: unknown;
}): { status: number; body: unknown } | undefined => {
  try {
    rejectUnsafeInput(request);
    return undefined;
  } catch (error) {
    const refused = error as HttpException;
    return { status: refused.getStatus(), body: refused.getResponse() };
  }
};

describe('isJsonUtf8', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
  ])('accepts %s', (type) => expect(isJsonUtf8(type)).toBe(true));

  it.each([
    undefined,
    '',
    'text/plain',
    'application/jsonp',
    'application/merge-patch+json',
    'application/json; charset=utf-16',
    'application/json; charset=iso-8859-1',
  ])('refuses %p', (type) => expect(isJsonUtf8(type)).toBe(false));
});

describe('parseJsonBody', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };

  /** What parseJsonBody refused the body with: HTTP status and error body. */
  const refusal = (headers: IncomingHttpHeaders, body: Buffer | string) => {
    try {
      parseJsonBody(headers, Buffer.from(body));
    } catch (error) {
      const refused = error as HttpException;
      return { status: refused.getStatus(), body: refused.getResponse() };
    }
    throw new Error('the body was accepted');
  };

  it('takes an object or array of UTF-8 JSON', () => {
    expect(parseJsonBody(JSON_TYPE, Buffer.from('{"a":"证"}'))).toEqual({ a: '证' });
    expect(parseJsonBody({ 'content-type': 'application/json; charset=utf-8' }, Buffer.from('[1]'))).toEqual([
      1,
    ]);
  });

  it('treats an empty body as none, whatever its type', () => {
    expect(parseJsonBody({}, Buffer.alloc(0))).toBeUndefined();
    expect(parseJsonBody({ 'content-type': 'text/plain' }, Buffer.alloc(0))).toBeUndefined();
  });

  it.each([
    [{ 'content-type': 'text/plain' }, 'Request bodies must be application/json in UTF-8'],
    [{}, 'Request bodies must be application/json in UTF-8'],
    [
      { 'content-type': 'application/x-www-form-urlencoded' },
      'Request bodies must be application/json in UTF-8',
    ],
    [
      { 'content-type': 'application/json; charset=utf-16' },
      'Request bodies must be application/json in UTF-8',
    ],
    [{ ...JSON_TYPE, 'content-encoding': 'gzip' }, 'Unsupported request body content encoding'],
  ])('answers any other body with 415 UNSUPPORTED_MEDIA_TYPE (%p)', (headers, message) => {
    expect(refusal(headers, '{}')).toEqual({
      status: 415,
      body: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message },
    });
  });

  it('refuses invalid UTF-8 with 400 MALFORMED_JSON before decoding it', () => {
    expect(refusal(JSON_TYPE, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid UTF-8' },
    });
  });

  it.each(['{"a":', '"text"', '42', 'null', 'true'])(
    'refuses %p (not JSON, or not an object or array) with 400 MALFORMED_JSON',
    (body) => {
      expect(refusal(JSON_TYPE, body)).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' },
      });
    },
  );
});

describe('unsafeJsonProblem', () => {
  it('accepts scalars, objects and arrays up to the depth limit', () => {
    expect(unsafeJsonProblem(undefined)).toBeUndefined();
    expect(unsafeJsonProblem('x')).toBeUndefined();
    expect(unsafeJsonProblem({ a: [{ b: null }], c: 'constructor' })).toBeUndefined();
    expect(unsafeJsonProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('names the path where the body gets too deep', () => {
    expect(unsafeJsonProblem(nested(MAX_JSON_DEPTH + 1))).toEqual({
      field: Array(MAX_JSON_DEPTH).fill('a').join('.'),
      problem: `nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });

  it('copes with nesting far beyond the call stack', () => {
    const body = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) as unknown;
    expect(unsafeJsonProblem(body)?.problem).toMatch(/nested deeper/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('names a %s key at any depth', (key) => {
    expect(unsafeJsonProblem(JSON.parse(`{"${key}":{"polluted":true}}`))).toEqual({
      field: key,
      problem: `the key ${key} is not allowed`,
    });
    expect(unsafeJsonProblem(JSON.parse(`{"items":[{"ok":1},{"${key}":{}}]}`))).toMatchObject({
      field: `items[1].${key}`,
    });
  });
});

describe('rejectUnsafeInput', () => {
  it('passes a plain body and query', () => {
    expect(outcome({ body: { a: 1 }, query: { page: '1' } })).toBeUndefined();
  });

  it('refuses a prototype key in the query string with 400 VALIDATION_FAILED', () => {
    const query = Object.fromEntries([['constructor', 'x']]);
    expect(outcome({ query })).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'constructor', problems: ['the query parameter constructor is not allowed'] }],
      }),
    });
  });

  it('refuses an unsafe body with 400 VALIDATION_FAILED naming the field', () => {
    expect(outcome({ body: JSON.parse('{"a":{"__proto__":{}}}') })).toEqual({
      status: 400,
      body: expect.objectContaining({ details: [{ field: 'a.__proto__', problems: expect.any(Array) }] }),
    });
  });
});
