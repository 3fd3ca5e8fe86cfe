import { corsOptions, parseCorsOrigins } from './http-hardening';

describe('parseCorsOrigins', () => {
  it('is empty when unset or blank: no CORS at all', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins(' , ')).toEqual([]);
  });

  it('reads a comma-separated list, trimmed, lower-cased and without duplicates', () => {
    expect(
      parseCorsOrigins(' https://Portal.example.cn ,http://localhost:5173,https://portal.example.cn'),
    ).toEqual(['https://portal.example.cn', 'http://localhost:5173']);
  });

  it.each([
    '*',
    'portal.example.cn',
    'https://portal.example.cn/',
    'https://portal.example.cn/app',
    'ftp://x.cn',
  ])('refuses %p, which is not an origin', (value) =>
    expect(() => parseCorsOrigins(value)).toThrow(/CORS_ORIGINS/),
  );
});

describe('corsOptions', () => {
  it('allows exactly the listed origins, without credentials, exposing the headers clients read', () => {
    const options = corsOptions(['https://portal.example.cn']);
    expect(options).toMatchObject({ origin: ['https://portal.example.cn'], credentials: false });
    expect(options.allowedHeaders).toEqual(
      expect.arrayContaining(['Authorization', 'If-Match', 'Idempotency-Key']),
    );
    expect(options.exposedHeaders).toEqual(
      expect.arrayContaining(['ETag', 'Retry-After', 'X-Correlation-Id']),
    );
  });
});
