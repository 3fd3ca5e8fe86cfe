import pino from 'pino';
import { loggerParams, redactingLoggerOptions, redactLogValue } from './logging';
import { BatchedLines, batchedStdout } from './batched-lines';

describe('log redaction', () => {
  it('hides credentials and passwords at any depth', () => {
    const lines: string[] = [];
    const logger = pino(redactingLoggerOptions, { write: (l: string) => lines.push(l) });
    logger.info({
      req: { headers: { authorization: 'Bearer s3cret', cookie: 'sid=s3cret', accept: 'json' } },
      res: { headers: { 'set-cookie': 'sid=s3cret' } },
      password: 's3cret',
      user: { password: 's3cret', name: 'alice' },
      body: { nested: { password: 's3cret' } },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('s3cret');
    const entry = JSON.parse(lines[0] ?? '{}') as {
      req: { headers: Record<string, string> };
      user: { name: string };
    };
    expect(entry.req.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', accept: 'json' });
    expect(entry.user.name).toBe('alice');
  });
});

describe('log redaction of tokens and personal data', () => {
  const logged = (entry: object): string => {
    const lines: string[] = [];
    pino(redactingLoggerOptions, { write: (l: string) => lines.push(l) }).info(entry);
    return lines[0] ?? '';
  };

  it('hides refresh and access tokens, in headers and in any logged object', () => {
    const line = logged({
      req: { headers: { 'x-refresh-token': 'r3fresh', 'proxy-authorization': 'Basic s3cret' } },
      body: { refreshToken: 'r3fresh', accessToken: 'acc3ss', newPassword: 'n3w' },
      result: { tokens: { token: 't0ken', refresh_token: 'r3fresh' } },
    });
    expect(line).not.toMatch(/r3fresh|acc3ss|s3cret|n3w|t0ken/);
  });

  it('hides the personal fields of Annex A at any depth, in objects and arrays', () => {
    const organisation = {
      name: 'Acme',
      legalRepresentative: '张伟',
      contactPerson: '李娜',
      phone: '+86 591 8765 4321',
      email: 'lina@example.cn',
    };
    const line = logged({
      organisation,
      data: { annexA: { organisation } },
      events: [{ data: { annexA: { organisation } } }],
      deep: { a: { b: { c: { d: { e: { f: { g: { organisation } } } } } } } },
    });
    expect(line).not.toMatch(/张伟|李娜|8765|lina@/);
    expect(line).toContain('Acme');
  });
});

describe('redactLogValue', () => {
  it('copies only what it censors and leaves class instances to their serializers', () => {
    const untouched = { a: { b: [1, 2] }, c: 'x' };
    expect(redactLogValue(untouched)).toBe(untouched);
    const error = Object.assign(new Error('boom'), { password: 's3cret' });
    expect(redactLogValue(error)).toBe(error);
    const mixed = { keep: { b: 1 }, user: { password: 's3cret' } };
    const result = redactLogValue(mixed) as typeof mixed;
    expect(result).toEqual({ keep: { b: 1 }, user: { password: '[redacted]' } });
    expect(result.keep).toBe(mixed.keep);
    expect(mixed.user.password).toBe('s3cret');
  });

  it('censors an error serialized with its fields, and survives cycles', () => {
    const lines: string[] = [];
    const logger = pino(redactingLoggerOptions, { write: (l: string) => lines.push(l) });
    logger.error({ err: Object.assign(new Error('boom'), { details: { email: 'lina@example.cn' } }) });
    expect(lines[0]).not.toContain('lina@');
    expect(lines[0]).toContain('boom');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(() => redactLogValue(cyclic)).not.toThrow();
  });
});

describe('where the logs go', () => {
  it('to process.stdout, a turn of the event loop at a time (pino’s asynchronous writer falls behind a loaded API)', () => {
    const [, destination] = loggerParams('info').pinoHttp as [unknown, unknown];
    expect(destination).toBeInstanceOf(BatchedLines);
    expect(destination).toBe(batchedStdout());
  });
});
