import { ConfigService } from '@nestjs/config';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Environment } from '@app/config';
import { assignCorrelationId } from './correlation-id';

/** Secrets that must never reach a log line; request bodies are not logged at all (pino-http's default). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.*.password',
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
