import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { answerClientError, clientErrorBody, type ClientError } from './client-error';

/** A socket as Node's HTTP server hands it to `clientError`, recording what is done to it. */
const socketWith = (state: { writable?: boolean; destroyed?: boolean; headersSent?: boolean } = {}) => {
  const socket = {
    writable: state.writable ?? true,
    destroyed: state.destroyed ?? false,
    remoteAddress: '192.0.2.7',
    _httpMessage: state.headersSent === undefined ? null : { headersSent: state.headersSent },
    written: [] as string[],
    destroyedWith: undefined as Error | undefined,
    write(data: string) {
      this.written.push(data);
      return true;
    },
    destroy(error?: Error) {
      this.destroyedWith = error;
    },
  };
  return socket;
};

const answer = (error: ClientError, socket: ReturnType<typeof socketWith>): void =>
  answerClientError(error, socket as unknown as Parameters<typeof answerClientError>[1]);

const parserError = (code: string, reason: string): ClientError =>
  Object.assign(new Error(`Parse Error: ${reason}`), { code, reason });

describe('answerClientError (requests refused by Node’s HTTP parser)', () => {
  // The root logger nestjs-pino's module sets when the app starts; none here.
  beforeAll(() => Object.assign(PinoLogger, { root: pino({ level: 'silent' }) }));
  afterAll(() => Object.assign(PinoLogger, { root: undefined }));

  it('answers a request not received in time with 408 REQUEST_TIMEOUT in the error format, then closes', () => {
    const socket = socketWith();
    const timeout = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    answer(timeout, socket);
    expect(socket.written).toHaveLength(1);
    const [head, body] = socket.written[0].split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(head).toContain(`\r\nContent-Length: ${Buffer.byteLength(body)}`);
    expect(head).toContain('\r\nConnection: close');
    expect(JSON.parse(body)).toEqual({
      statusCode: 408,
      code: 'REQUEST_TIMEOUT',
      message: 'The request did not arrive whole in time',
    });
    expect(socket.destroyedWith).toBe(timeout);
  });

  it('writes nothing into a response already under way on the connection, and closes it', () => {
    const socket = socketWith({ headersSent: true });
    const error = parserError('HPE_INVALID_METHOD', 'Invalid method encountered');
    answer(error, socket);
    expect(socket.written).toEqual([]);
    expect(socket.destroyedWith).toBe(error);
  });

  it('answers while the response in flight has not begun', () => {
    const socket = socketWith({ headersSent: false });
    answer(parserError('HPE_INVALID_METHOD', 'Invalid method encountered'), socket);
    expect(socket.written[0]).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('leaves a connection the client reset, or one already closed, alone', () => {
    const reset = socketWith();
    answer(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), reset);
    const closed = socketWith({ destroyed: true });
    answer(parserError('HPE_INVALID_METHOD', 'Invalid method encountered'), closed);
    for (const socket of [reset, closed]) {
      expect(socket.written).toEqual([]);
      expect(socket.destroyedWith).toBeUndefined();
    }
  });

  it('tells a client that sent raw non-ASCII in a URL to percent-encode it', () => {
    expect(clientErrorBody(parserError('HPE_INVALID_URL', 'Invalid char in url query'))).toEqual({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message:
        'The request is not valid HTTP/1.1: Invalid char in url query. A URL carries only ASCII: ' +
        'percent-encode other characters (encodeURIComponent)',
    });
  });
});
