import { clientKey, rateLimitHeaders, RateLimiter, tooManyRequests } from './rate-limit';

const limiterAt = (limit: number, maxKeys?: number) => {
  let now = 0;
  const limiter = new RateLimiter({ limit, windowMs: 60_000, now: () => now, maxKeys });
  return { limiter, advance: (ms: number) => (now += ms) };
};

describe('RateLimiter (token bucket per key)', () => {
  it('allows `limit` requests at once, then refuses with the wait until the next one', () => {
    const { limiter } = limiterAt(3);
    expect([1, 2, 3].map(() => limiter.take('a').remaining)).toEqual([2, 1, 0]);
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20, resetSeconds: 60 });
  });

  it('refills continuously: one request back every window/limit', () => {
    const { limiter, advance } = limiterAt(3);
    [1, 2, 3].forEach(() => limiter.take('a'));
    advance(19_999);
    expect(limiter.take('a').allowed).toBe(false);
    advance(1);
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 0 });
    advance(10 * 60_000);
    expect(limiter.take('a').remaining).toBe(2);
  });

  it('keeps one bucket per key', () => {
    const { limiter } = limiterAt(1);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('bounds its memory by dropping the least recently used keys', () => {
    const { limiter } = limiterAt(1, 3);
    ['a', 'b', 'c'].forEach((key) => limiter.take(key));
    limiter.take('a');
    limiter.take('d');
    expect(limiter.size).toBe(3);
    // 'b' was dropped (a full bucket again); 'a' was kept.
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('refuses a limit below 1', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
  });
});

describe('rate limit answers', () => {
  it('always sends RateLimit-*, and Retry-After (at least 1 s) only on a refusal', () => {
    const allowed = { allowed: true, limit: 5, remaining: 4, retryAfterSeconds: 0, resetSeconds: 12 };
    expect(rateLimitHeaders(allowed)).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '4',
      'RateLimit-Reset': '12',
    });
    expect(
      rateLimitHeaders({ ...allowed, allowed: false, remaining: 0, retryAfterSeconds: 0 }),
    ).toMatchObject({
      'Retry-After': '1',
    });
  });

  it('refuses with 429 TOO_MANY_REQUESTS in the API error format', () => {
    const error = tooManyRequests({
      allowed: false,
      limit: 5,
      remaining: 0,
      retryAfterSeconds: 7,
      resetSeconds: 60,
    });
    expect(error.getStatus()).toBe(429);
    expect(error.getResponse()).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many requests; retry in 7 s',
      details: { limit: 5, retryAfterSeconds: 7 },
    });
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('keys %p as %p', (ip, key) => expect(clientKey(ip)).toBe(key));
});
