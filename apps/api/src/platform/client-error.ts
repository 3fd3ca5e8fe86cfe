import { maxHeaderSize, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PinoLogger } from 'nestjs-pino';
import { CORRELATION_ID_HEADER, newCorrelationId } from './correlation-id';
import { EVERY_ANSWER_HEADERS } from './http-hardening';
import type { ErrorBody } from './http-error';

/** What Node's HTTP server passes to `clientError`: a parser error carries the parser's code and reason. */
export type ClientError = Error & { code?: string; reason?: string };

/** The socket as Node's HTTP server keeps it: the response in flight on it, if any. */
type ServerSocket = Socket & { _httpMessage?: ServerResponse | null };

const malformed = (message: string): ErrorBody => ({ statusCode: 400, code: 'MALFORMED_REQUEST', message });

/** The answer to a request Node's HTTP parser refused, in the API's error format. */
export const clientErrorBody = (error: ClientError): ErrorBody => {
  const notHttp = `The request is not valid HTTP/1.1: ${error.reason ?? error.message}`;
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        statusCode: 408,
        code: 'REQUEST_TIMEOUT',
        message: 'The request did not arrive whole in time',
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        statusCode: 431,
        code: 'HEADERS_TOO_LARGE',
        message: `The request's headers are larger than ${maxHeaderSize} bytes`,
      };
    case 'HPE_INVALID_URL':
      return malformed(
        `${notHttp}. A URL carries only ASCII: percent-encode other characters (encodeURIComponent)`,
      );
    default:
      return malformed(notHttp);
  }
};

/**
 * Fastify's `clientErrorHandler`, for the requests Node's HTTP parser refuses before Fastify sees them — a raw
 * non-ASCII character in the URL, a malformed header, headers over the size limit, a request not received in time:
 * the answer is in the API's error format with the parser's reason, carries the headers every answer has and a
 * correlation id, and a line is logged with both. Fastify's own said only `{"message":"Client Error"}`. As Node does,
 * nothing is written once a response on the connection has begun (it would corrupt it), and the connection is then
 * closed: the bytes after a malformed request cannot be trusted to be the next one.
 */
export function answerClientError(error: ClientError, socket: ServerSocket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorBody(error);
  const id = newCorrelationId();
  PinoLogger.root.info(
    {
      req: { id, remoteAddress: socket.remoteAddress },
      res: { statusCode: body.statusCode },
      parserError: { code: error.code, reason: error.reason },
    },
    'request refused by the HTTP parser',
  );
  if (socket.writable && !socket._httpMessage?.headersSent) {
    const json = JSON.stringify(body);
    const headers = {
      ...EVERY_ANSWER_HEADERS,
      [CORRELATION_ID_HEADER]: id,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(json)),
      Connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\n${head.join('')}\r\n${json}`,
    );
  }
  socket.destroy(error);
}
