import { ConfigService } from '@nestjs/config';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Environment } from '@app/config';
import { assignCorrelationId } from './correlation-id';

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

/** How deep under the logged object the keys above are looked for (pino's redaction has no recursive wildcard). */
const REDACTION_DEPTH = 5;

const atEveryDepth = (key: string): string[] =>
  Array.from({ length: REDACTION_DEPTH + 1 }, (_, depth) =>
    [...Array<string>(depth).fill('*'), key].join('.'),
  );

/**
 * What must never reach a log line: request credentials (Authorization, cookies, proxy credentials, any header
 * carrying a refresh token), passwords and tokens, and Annex A personal fields wherever they appear in a logged
 * object. Request bodies are not logged at all (pino-http's default); this is the second line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-refresh-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...[...SECRET_KEYS, ...PERSONAL_KEYS].flatMap(atEveryDepth),
];

/** nestjs-pino parameters: JSON to stdout (or `destination`, for tests), one line per request with its id. */
export const loggerParams = (level: string, destination?: DestinationStream): Params => {
  const options = {
    level,
    genReqId: assignCorrelationId,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return { pinoHttp: destination === undefined ? options : [options, destination] };
};

export const loggerParamsFromConfig = (config: ConfigService<Environment, true>): Params =>
  loggerParams(config.get('LOG_LEVEL', { infer: true }));
