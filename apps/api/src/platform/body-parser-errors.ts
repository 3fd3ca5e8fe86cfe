import { HttpException } from '@nestjs/common';
import { fromBodyParser } from './error-mapping';

/**
 * Express error middleware placed right after the body parser. Nest's own error hook turns a JSON syntax error
 * into a plain 400 and drops body-parser's `type`, so translate parser errors into our codes (MALFORMED_JSON,
 * PAYLOAD_TOO_LARGE, 415) while the type is still there. Four parameters: that is how Express tells error
 * middleware apart.
 */
export const translateBodyParserErrors = (
  error: unknown,
  _request: unknown,
  _response: unknown,
  next: (error?: unknown) => void,
): void => {
  const mapped =
    error instanceof Error && !(error instanceof HttpException) ? fromBodyParser(error) : undefined;
  next(mapped === undefined ? error : new HttpException(mapped.body, mapped.body.statusCode));
};
