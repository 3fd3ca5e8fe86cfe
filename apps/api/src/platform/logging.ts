import { ConfigService } from '@nestjs/config';
import type { Params } from 'nestjs-pino';
import { IncomingMessage, ServerResponse } from 'node:http';
import { stdSerializers, type DestinationStream } from 'pino';
import { batchedStdout } from './batched-lines';
import type { Environment } from '@app/config';
import { assignCorrelationId } from './correlation-id';
import type { RequestSummary } from './request-logging';

/** Credentials, by the names they travel under in headers, bodies and error details. */
export const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'access_token',
  'refresh_token',
  'id_token',
  'secret',
  'clientSecret',
  'client_secret',
] as const;

/** Personal fields of Annex A (PIPL, R-REG-2): contact person, phone, e-mail, legal representative. */
export const PERSONAL_KEYS = ['contactPerson', 'phone', 'email', 'legalRepresentative'] as const;

/** Headers that carry credentials. */
const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-refresh-token',
  'x-api-key',
] as const;

const CENSORED_KEYS: ReadonlySet<string> = new Set([...CREDENTIAL_HEADERS, ...SECRET_KEYS, ...PERSONAL_KEYS]);
const CENSOR = '[redacted]';
/** Deeper than any logged object; a guard against cycles. */
const MAX_DEPTH = 32;

/** An object literal (or null-prototype object) of any realm — Node's own objects may come from another one. */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
};

/**
 * `value` with every credential header, password, token and Annex A personal field replaced by `[redacted]`, at
 * any depth of plain objects and arrays; unchanged parts are shared, not copied. Other objects (a request, an
 * error) are left to their serializers, whose output passes through here too.
 */
export const redactLogValue = (value: unknown, depth = 0): unknown => {
  if (depth > MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const next = redactLogValue(item, depth + 1);
      if (next !== item) (copy ??= [...value])[index] = next;
    });
    return copy ?? value;
  }
  return isPlainObject(value) ? redactFields(value, depth) : value;
};

/** The own fields of `value` (any object, e.g. a serializer's output) through redactLogValue. */
const redactFields = <T extends object>(value: T, depth = 0): T => {
  let copy: Record<string, unknown> | undefined;
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const item = fields[key];
    const next = CENSORED_KEYS.has(key) ? CENSOR : redactLogValue(item, depth + 1);
    if (next !== item) (copy ??= { ...fields })[key] = next;
  }
  return (copy ?? value) as T;
};

/**
 * What must never reach a log line: request credentials (Authorization, cookies, proxy credentials, any header
 * carrying a refresh token), passwords and tokens, and Annex A personal fields wherever they appear in a logged
 * object — one walk of each logged object and of each serialized request, response and error. Request bodies are
 * not logged at all (pino-http's default); this is the second line.
 */
export const redactingLoggerOptions = {
  formatters: {
    log: (object: Record<string, unknown>) => redactFields(object),
    bindings: (bindings: Record<string, unknown>) => redactFields(bindings),
  },
  serializers: {
    // A request or response object is serialized (and redacted); a summary made for the log line is kept as is.
    req: (req: IncomingMessage | RequestSummary) =>
      req instanceof IncomingMessage ? redactFields(stdSerializers.req(req)) : req,
    res: (res: ServerResponse | { statusCode: number }) =>
      res instanceof ServerResponse ? redactFields(stdSerializers.res(res)) : res,
    err: (err: Error) => redactFields(stdSerializers.err(err)),
  },
};

/**
 * nestjs-pino parameters: JSON to stdout (or `destination`, for tests), one line per request with its id.
 *
 * Lines go to `process.stdout` through `batchedStdout` — the lines of one turn of the event loop in one write —
 * not pino's default asynchronous file writer: that one writes at most 16 KiB per turn of the event loop, which a
 * loaded API outruns (tens of requests per turn) — its buffer then grows until the heap is exhausted. The batch is
 * written in the same turn, so nothing piles up, and the background thread's lines reach the process's standard
 * output through the thread's own stdout, so one writer puts whole lines on it.
 */
export const loggerParams = (level: string, destination: DestinationStream = batchedStdout()): Params => {
  // The serializers above already start from the standard ones: pino-http must not wrap them again.
  const options = { level, genReqId: assignCorrelationId, wrapSerializers: false, ...redactingLoggerOptions };
  // No route gets nestjs-pino's per-request middleware: logRequests's Fastify hooks do its work (configureApp).
  return { pinoHttp: [options, destination], forRoutes: [] };
};

export const loggerParamsFromConfig = (config: ConfigService<Environment, true>): Params =>
  loggerParams(config.get('LOG_LEVEL', { infer: true }));
