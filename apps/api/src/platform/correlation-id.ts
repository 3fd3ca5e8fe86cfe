import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** A caller's id is adopted only if it is harmless in logs and headers: 1–128 visible ASCII characters. */
const SANE_ID = /^[\x21-\x7e]{1,128}$/;

type WithId = IncomingMessage & { id?: unknown };

/** A correlation id of the API's own making (a request that brought none, or none that could be read). */
export const newCorrelationId = (): string => randomUUID();

/**
 * The request's correlation id: the one already assigned, else the caller's `X-Correlation-Id` when sane, else a
 * new uuid. Fastify's `genReqId` (so it is `request.id` everywhere) and pino-http's: kept on the Node request,
 * where pino-http looks for it. Idempotent, because both ask.
 */
export const assignCorrelationId = (req: IncomingMessage): string => {
  const existing = (req as WithId).id;
  if (typeof existing === 'string' && existing !== '') return existing;
  const header = req.headers[CORRELATION_ID_HEADER.toLowerCase()];
  const id = typeof header === 'string' && SANE_ID.test(header) ? header : newCorrelationId();
  (req as WithId).id = id;
  return id;
};
