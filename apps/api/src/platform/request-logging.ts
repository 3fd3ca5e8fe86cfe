import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
// nestjs-pino's request context: where its Logger and PinoLogger find the logger of the request being served.
import { storage, type Store } from 'nestjs-pino/storage';
import type { Logger } from 'pino';

/** What the completion line says of a request (the `req` serializer passes such a summary as it is). */
export interface RequestSummary {
  id: string;
  method: string;
  url: string;
  remoteAddress: string;
}

/**
 * The request's context for nestjs-pino: its logger is a child of the root bound to the whole request (serialized
 * with its headers, credentials redacted), made when the request first logs something — an error, a refused
 * login — so that a request that logs nothing but its completion does not pay for serializing itself.
 */
const contextOf = (request: FastifyRequest): Store => {
  let logger: Logger | undefined;
  return {
    get logger(): Logger {
      return (logger ??= PinoLogger.root.child({ req: request.raw }));
    },
    set logger(value: Logger) {
      logger = value;
    },
  };
};

/**
 * One line per answered request (`request completed`: the request's id, method, url and client address, the
 * status and the time taken in ms) or aborted one (`request aborted`), and the request's logger for everything logged while it is served — Fastify
 * hooks in place of nestjs-pino's per-request middleware (which LoggerModule is told to apply to no route): the
 * same lines, without a middleware chain and without a child logger made for every request. The context is
 * entered when the request arrives, so the body parser, guards, handler and filters all run inside it.
 */
export const logRequests = (fastify: FastifyInstance): void => {
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(contextOf(request), done);
  });
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
