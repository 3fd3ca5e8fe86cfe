import type { IncomingMessage, ServerResponse } from 'node:http';
import { v4 as uuidv4 } from 'uuid';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** A caller's id is adopted only if it is harmless in logs and headers: 1–128 visible ASCII characters. */
const SANE_ID = /^[\x21-\x7e]{1,128}$/;

type WithId = IncomingMessage & { id?: unknown };

/**
 * The request's correlation id: the one already assigned, else the caller's `X-Correlation-Id` when sane, else a
 * new uuid. Stored on `req.id` (where pino-http keeps it) and echoed in the response header. Idempotent, because
 * both the early middleware and pino-http's genReqId call it.
 */
export const assignCorrelationId = (req: IncomingMessage, res: ServerResponse): string => {
  const existing = (req as WithId).id;
  if (typeof existing === 'string' && existing !== '') return existing;
  const header = req.headers[CORRELATION_ID_HEADER.toLowerCase()];
  const id = typeof header === 'string' && SANE_ID.test(header) ? header : uuidv4();
  (req as WithId).id = id;
  if (!res.headersSent) res.setHeader(CORRELATION_ID_HEADER, id);
  return id;
};

/**
 * Express middleware registered before the body parser, so that requests the parser rejects (413, malformed
 * JSON) still carry and echo a correlation id; Nest middleware (pino-http) only runs after parsing.
 */
export const correlationIdMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void => {
  assignCorrelationId(req, res);
  next();
};
