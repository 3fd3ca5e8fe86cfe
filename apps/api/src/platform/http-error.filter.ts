import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_ID_HEADER } from './correlation-id';
import { mapError } from './error-mapping';
import { EVERY_ANSWER_HEADERS } from './http-hardening';

/** The parts of the HTTP request and response (Fastify's) the filter touches. */
interface FilterRequest {
  headers: Record<string, string | string[] | undefined>;
  routeOptions?: { bodyLimit?: number };
  /**
   * The Node request: `readableAborted` once its client closed the connection before sending it whole; logged
   * whole (serialized, credentials redacted) with a server fault.
   */
  raw?: { readableAborted?: boolean };
}
interface FilterResponse {
  sent: boolean;
  status(code: number): { send(body: unknown): unknown };
}

/**
 * Global filter: every error — thrown by a handler, raised while Fastify reads the request, or the 404 fallback —
 * leaves as `{statusCode, code, message, details?}`. Stacks never leave the process; server faults are logged
 * with theirs.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FilterRequest>();
    const response = http.getResponse<FilterResponse>();
    // The client went away mid-request (the body parser fails with "aborted"): no fault of ours, and nobody to
    // answer — the request log has its `request aborted` line.
    if (request.raw?.readableAborted) return;
    const { body, serverFault } = mapError(exception, {
      hadIfMatch: request.headers['if-match'] !== undefined,
      bodyLimit: request.routeOptions?.bodyLimit,
    });
    if (serverFault) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      // A store out of reach is a known condition that every request meets during an outage: its message names the
      // store and the cause, and a stack (with the driver's whole view of the servers) would only flood the log.
      this.logger.error(
        body.code === 'STORE_UNAVAILABLE'
          ? { cause: { type: err.name, message: err.message }, req: request.raw, code: body.code }
          : { err, req: request.raw, code: body.code },
      );
    }
    // A streamed response that failed half-way cannot be given a body any more; the log above has the cause.
    if (response.sent) return;
    response.status(body.statusCode).send(body);
  }
}

/**
 * Fastify's `frameworkErrors`: the requests its router refuses before any hook or handler (a malformed URL, an
 * over-long path parameter) get the API's error format and the headers every answer has.
 */
export const answerFrameworkError = (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
  const { body } = mapError(error, { hadIfMatch: false });
  void reply
    .headers(EVERY_ANSWER_HEADERS)
    .header(CORRELATION_ID_HEADER, request.id)
    .status(body.statusCode)
    .send(body);
};
