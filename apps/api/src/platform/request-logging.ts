import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/** What the completion line says of a request (the `req` serializer passes such a summary as it is). */
export interface RequestSummary {
  id: string;
  method: string;
  url: string;
  remoteAddress: string;
}

/**
 * One line per answered request (`request completed`: the request's id, method, url and client address, the
 * status and the time taken in ms) or aborted one (`request aborted`) — Fastify hooks in place of nestjs-pino's
 * per-request middleware (which LoggerModule is told to apply to no route).
 *
 * No request context is entered for the lines logged while a request is served: nestjs-pino's lives in an
 * AsyncLocalStorage, which on Node 20 turns on async hooks for every promise of the process, and with them
 * entered for each request the API thread spent about half its time on them and on the garbage collections they
 * caused — the liveness route answered 22k req/s with a p99 of 10 ms, 41k with 2 ms without (bench/, case 4's
 * floor). A line that should name its request is given it and logs it as `req`: the error filter's server faults
 * (the whole request, serialized, credentials redacted), the auth warnings of a reused refresh token and of a locked
 * account (its id and client address, handed down by the auth controller: `RequestOrigin` in libs/auth).
 */
export const logRequests = (fastify: FastifyInstance): void => {
  fastify.addHook('onResponse', (request, reply, done) => {
    const responseTime = Math.round(reply.elapsedTime);
    const res = { statusCode: reply.statusCode };
    PinoLogger.root.info({ req: summaryOf(request), res, responseTime }, 'request completed');
    done();
  });
  // A client that closes its connection before its request has arrived whole gets no answer: a line all the same.
  fastify.addHook('onRequestAbort', (request, done) => {
    PinoLogger.root.info({ req: summaryOf(request) }, 'request aborted');
    done();
  });
};

const summaryOf = (request: FastifyRequest): RequestSummary => ({
  id: request.id,
  method: request.method,
  url: request.url,
  remoteAddress: request.ip,
});
