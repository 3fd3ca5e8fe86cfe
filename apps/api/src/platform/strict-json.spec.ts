import { HttpException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromBodyParser } from './error-mapping';
import {
  isJsonUtf8,
  jsonParserOptions,
  MAX_JSON_DEPTH,
  rejectUnsafeInput,
  requireJsonBodies,
  unsafeJsonProblem,
} from './strict-json';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

/** What a middleware passed to next(): undefined, or the HTTP status and body of the error. */
const outcome = (
  middleware: (request: never, response: ServerResponse, next: (error?: unknown) => void) => void,
  request: object,
): { status: number; body: unknown } | undefined => {
  let passed: unknown = 'not called';
  middleware(request as never, {} as ServerResponse, (error?: unknown) => (passed = error));
  if (passed === 'not called') throw new Error('next was not called');
  if (passed === undefined) return undefined;
  const error = passed as HttpException;
  return { status: error.getStatus(), body: error.getResponse() };
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

describe('requireJsonBodies', () => {
  const request = (headers: IncomingMessage['headers']) => ({ headers });

  it('lets requests without a body through, whatever their type', () => {
    expect(outcome(requireJsonBodies, request({}))).toBeUndefined();
    expect(
      outcome(requireJsonBodies, request({ 'content-length': '0', 'content-type': 'text/plain' })),
    ).toBeUndefined();
  });

  it('lets UTF-8 JSON bodies through', () => {
    expect(
      outcome(requireJsonBodies, request({ 'content-length': '2', 'content-type': 'application/json' })),
    ).toBeUndefined();
  });

  it.each([
    { 'content-length': '5', 'content-type': 'text/plain' },
    { 'content-length': '5' },
    { 'transfer-encoding': 'chunked', 'content-type': 'application/x-www-form-urlencoded' },
  ])('answers any other body with 415 UNSUPPORTED_MEDIA_TYPE (%p)', (headers) => {
    expect(outcome(requireJsonBodies, request(headers))).toEqual({
      status: 415,
      body: expect.objectContaining({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }),
    });
  });
});

describe('jsonParserOptions', () => {
  const verify = jsonParserOptions('1mb').verify as (req: unknown, res: unknown, body: Buffer) => void;

  it('is strict, does not inflate and takes only application/json', () => {
    expect(jsonParserOptions('2kb')).toMatchObject({
      limit: '2kb',
      strict: true,
      inflate: false,
      type: 'application/json',
    });
  });

  it('refuses invalid UTF-8 with an error the error mapping turns into 400 MALFORMED_JSON', () => {
    expect(() => verify({}, {}, Buffer.from('{"a":"证"}'))).not.toThrow();
    let thrown: unknown;
    try {
      verify({}, {}, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    } catch (error) {
      thrown = error;
    }
    expect(fromBodyParser(thrown as Error)?.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'Request body is not valid UTF-8',
    });
  });
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
    expect(outcome(rejectUnsafeInput, { headers: {}, body: { a: 1 }, query: { page: '1' } })).toBeUndefined();
  });

  it('refuses a prototype key in the query string with 400 VALIDATION_FAILED', () => {
    const query = Object.fromEntries([['constructor', 'x']]);
    expect(outcome(rejectUnsafeInput, { headers: {}, query })).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'constructor', problems: ['the query parameter constructor is not allowed'] }],
      }),
    });
  });

  it('refuses an unsafe body with 400 VALIDATION_FAILED naming the field', () => {
    expect(outcome(rejectUnsafeInput, { headers: {}, body: JSON.parse('{"a":{"__proto__":{}}}') })).toEqual({
      status: 400,
      body: expect.objectContaining({ details: [{ field: 'a.__proto__', problems: expect.any(Array) }] }),
    });
  });
});
