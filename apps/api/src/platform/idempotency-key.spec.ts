import { HttpException } from '@nestjs/common';
import { parseIdempotencyKey } from './idempotency-key';

describe('parseIdempotencyKey', () => {
  it('is undefined when absent', () => {
    expect(parseIdempotencyKey(undefined, 'u1')).toBeUndefined();
  });

  it('scopes the key to the user', () => {
    expect(parseIdempotencyKey('abc-123', 'u1')).toBe('u1:abc-123');
    expect(parseIdempotencyKey('abc-123', 'u2')).toBe('u2:abc-123');
  });

  it('accepts 1 and 255 visible ASCII characters', () => {
    expect(parseIdempotencyKey('!', 'u')).toBe('u:!');
    expect(parseIdempotencyKey('~'.repeat(255), 'u')).toBe(`u:${'~'.repeat(255)}`);
  });

  it.each(['', 'a b', 'tab\there', 'k'.repeat(256), 'clé'])('refuses %p with 400', (key) => {
    expect(() => parseIdempotencyKey(key, 'u')).toThrow(HttpException);
  });

  it('refuses repeated headers', () => {
    expect(() => parseIdempotencyKey(['a', 'b'], 'u')).toThrow(HttpException);
  });
});
