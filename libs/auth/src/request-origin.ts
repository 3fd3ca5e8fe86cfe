/**
 * The request a security warning is about, named as the API's request log names it (`req`: the request's id — the
 * correlation id — and the client address), so the warning can be matched with its request's completion line. The
 * API enters no per-request logging context (apps/api request-logging.ts): what a warning should say of its request
 * is handed to it.
 */
export interface RequestOrigin {
  id: string;
  remoteAddress: string;
}

/** What an origin is read from: a Fastify request (its `id` and `ip`). */
export interface OriginRequest {
  id: string;
  ip: string;
}

export const originOf = (request: OriginRequest): RequestOrigin => ({
  id: request.id,
  remoteAddress: request.ip,
});

/** A log entry for Nest's Logger: the message alone, or with the request it is about as `req`. */
export const aboutRequest = (
  message: string,
  origin?: RequestOrigin,
): string | { msg: string; req: RequestOrigin } =>
  origin === undefined ? message : { msg: message, req: origin };
