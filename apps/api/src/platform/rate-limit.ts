import { HttpStatus } from '@nestjs/common';
import { httpError } from './http-error';

/** What one request costs and what the caller has left, for the response headers. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Whole requests left right now. */
  remaining: number;
  /** Seconds until the caller could send one more request (0 when it can now): `Retry-After` on a 429. */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again (`RateLimit-Reset`). */
  resetSeconds: number;
}

export interface RateLimiterOptions {
  /** Requests per window for one key; the bucket holds this many and refills evenly over the window. */
  limit: number;
  windowMs: number;
  /** Milliseconds of a monotonic clock; injectable for tests. */
  now?: () => number;
  /** Keys kept at most (the oldest full buckets are dropped first); bounds memory under an address sweep. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const monotonicMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

/**
 * An in-memory token bucket per key (client IP): `limit` requests at once, then `limit` per window, refilled
 * continuously so there is no burst of 2×limit at a window boundary. Per process: N replicas allow N×limit, which
 * is fine for abuse protection (a shared limit belongs in the reverse proxy).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be ≥ 1');
    this.refillPerMs = options.limit / options.windowMs;
    this.now = options.now ?? monotonicMs;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Takes one request from `key`'s bucket if it has one. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(key, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Map order is insertion order: re-inserting keeps the most recently used keys at the end.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    const { limit } = this.options;
    return {
      allowed,
      limit,
      remaining: Math.floor(bucket.tokens),
      retryAfterSeconds: allowed ? 0 : Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000),
      resetSeconds: Math.ceil((limit - bucket.tokens) / this.refillPerMs / 1000),
    };
  }

  /** Keys tracked (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { tokens: this.options.limit, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    return {
      tokens: Math.min(this.options.limit, bucket.tokens + elapsed * this.refillPerMs),
      updatedAt: now,
    };
  }

  /** Drops the least recently used keys over the bound; a dropped key starts again with a full bucket. */
  private evict(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}

/**
 * The key of a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber usually holds a whole /64, so
 * per-address keys would let a single client rotate through 2^64 buckets).
 */
export const clientKey = (ip: string | undefined): string => {
  if (ip === undefined || ip === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('%')[0].split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
};

/** Headers of RFC 9331-style rate limits (draft `RateLimit-*`), on every limited response. */
export const rateLimitHeaders = (decision: RateDecision): Record<string, string> => ({
  'RateLimit-Limit': String(decision.limit),
  'RateLimit-Remaining': String(decision.remaining),
  'RateLimit-Reset': String(decision.resetSeconds),
  ...(decision.allowed ? {} : { 'Retry-After': String(Math.max(1, decision.retryAfterSeconds)) }),
});

/** 429 in the API's error format; the caller sets `Retry-After`. */
export const tooManyRequests = (decision: RateDecision) =>
  httpError(
    HttpStatus.TOO_MANY_REQUESTS,
    'TOO_MANY_REQUESTS',
    `Too many requests; retry in ${Math.max(1, decision.retryAfterSeconds)} s`,
    { limit: decision.limit, retryAfterSeconds: Math.max(1, decision.retryAfterSeconds) },
  );
