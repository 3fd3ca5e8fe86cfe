import { HttpException } from '@nestjs/common';
import { parseIfMatch } from './if-match';

const bodyOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected a throw');
};

describe('parseIfMatch', () => {
  it('is undefined when the header is absent', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    ['"0"', 0],
    [' "12" ', 12],
    ['"9007199254740991"', Number.MAX_SAFE_INTEGER],
  ])('reads %p as %p', (header, revision) => {
    expect(parseIfMatch(header)).toBe(revision);
  });

  it.each([
    '',
    '*',
    'abc',
    '"-1"',
    '-1',
    '"1.5"',
    '"03"',
    '"3',
    'W/3x',
    '"3", "4"',
    'w/"3"',
    '"9007199254740992"',
  ])('refuses %p with 400 VALIDATION_FAILED naming If-Match', (header) => {
    expect(bodyOf(() => parseIfMatch(header))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid If-Match header',
        details: [{ field: 'If-Match', problems: [expect.any(String)] }],
      },
    });
  });

  it('says that * is not supported', () => {
    expect(JSON.stringify(bodyOf(() => parseIfMatch('*')))).toContain('* is not supported');
  });

  it('refuses repeated headers', () => {
    expect(() => parseIfMatch(['"1"', '"2"'])).toThrow(HttpException);
  });
});
