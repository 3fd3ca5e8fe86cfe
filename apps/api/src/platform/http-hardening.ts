import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyCorsOptions } from '@fastify/cors';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers of every response, errors included. The CSP is helmet's default minus
 * `upgrade-insecure-requests` (it would break /docs on a plain-HTTP internal deployment); Swagger UI at /docs
 * needs nothing more (its scripts and the spec come from the same origin). Framing is denied outright.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { 'upgrade-insecure-requests': null, 'frame-ancestors': ["'none'"] },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The headers helmet sets with HELMET_OPTIONS, read once: they are the same on every answer (no CSP nonces), and
 * running helmet's middleware per request (as @fastify/helmet does) re-renders the CSP each time — about a tenth
 * of what a small request costs the server.
 */
const securityHeaders = (): Record<string, string> => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    removeHeader: (name: string) => delete headers[name],
  };
  let done = false;
  helmet(HELMET_OPTIONS)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
    done = true;
  });
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return headers;
};

/**
 * The headers of every answer, errors included: the security headers, and `no-store` — API answers carry personal
 * and internal data, so no shared cache or browser history may keep them (static assets of /docs set their own
 * Cache-Control and win).
 */
export const EVERY_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  ...securityHeaders(),
  'Cache-Control': 'no-store',
};

/** `scheme://host[:port]`: exactly what a browser sends in `Origin` (no path, no trailing slash, no wildcard). */
export const ORIGIN_PATTERN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** CORS_ORIGINS as a list of origins: comma-separated, blanks ignored, lower-cased like browsers send them. */
export const parseCorsOrigins = (value: string | undefined): string[] => {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim().toLowerCase())
    .filter((origin) => origin !== '');
  const invalid = origins.filter((origin) => !ORIGIN_PATTERN.test(origin));
  if (invalid.length > 0) {
    throw new Error(`CORS_ORIGINS: not an origin (scheme://host[:port]): ${invalid.join(', ')}`);
  }
  return [...new Set(origins)];
};

/**
 * CORS for the listed origins only: requests from them may read responses (tokens travel in the Authorization
 * header, never in cookies, so no credentials mode). Any other origin gets no `Access-Control-Allow-Origin`.
 */
export const corsOptions = (origins: readonly string[]): FastifyCorsOptions => ({
  origin: [...origins],
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'If-Match',
    'Idempotency-Key',
    'X-Correlation-Id',
    'X-Min-Position',
  ],
  exposedHeaders: [
    'ETag',
    'Location',
    'Retry-After',
    'RateLimit-Limit',
    'RateLimit-Remaining',
    'RateLimit-Reset',
    'X-Correlation-Id',
    'X-Read-Model-Stale',
  ],
  credentials: false,
  maxAge: 600,
  optionsSuccessStatus: 204,
});
