import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

/** One answer read off the socket. */
export interface RawResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** What a raw exchange saw: the answers, and whether the server closed the connection after them. */
export interface RawExchange {
  responses: RawResponse[];
  closedByServer: boolean;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** The complete responses at the start of `bytes` (each with a Content-Length, as the API answers). */
const parseResponses = (bytes: Buffer): RawResponse[] => {
  const responses: RawResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = bytes.indexOf(HEAD_END, offset);
    if (headEnd === -1) return responses;
    const [statusLine, ...lines] = bytes.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    const bodyStart = headEnd + HEAD_END.length;
    const bodyEnd = bodyStart + Number(headers['content-length'] ?? 0);
    if (bodyEnd > bytes.length) return responses;
    const status = Number(statusLine.split(' ')[1]);
    responses.push({ status, headers, body: bytes.subarray(bodyStart, bodyEnd).toString('utf8') });
    offset = bodyEnd;
  }
};

/** Listens on an ephemeral port of 127.0.0.1 unless the server listens already; its port. */
export const listeningPort = async (server: Server): Promise<number> => {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

/**
 * Sends each request's bytes exactly as given — what no HTTP client would send: raw non-ASCII in a URL, a broken
 * header — on one connection, the next only once the answer to the one before has arrived whole (or the server
 * closed the connection). Resolves when the server closes the connection, or once every request is answered and
 * `settleMs` passed without it closing.
 */
export const rawExchange = (
  port: number,
  requests: (string | Buffer)[],
  settleMs = 200,
): Promise<RawExchange> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let sent = 0;
    let settle: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean): void => {
      clearTimeout(settle);
      socket.destroy();
      resolve({ responses: parseResponses(received), closedByServer });
    };
    const sendNext = (): void => {
      if (sent < requests.length) socket.write(requests[sent++]);
      else settle ??= setTimeout(() => finish(false), settleMs);
    };
    socket.on('connect', sendNext);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseResponses(received).length >= sent) sendNext();
    });
    socket.on('end', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? finish(true) : reject(error),
    );
  });
