import pino from 'pino';
import { REDACTED_PATHS } from './logging';

describe('log redaction', () => {
  it('hides credentials and passwords at any of the configured depths', () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      { write: (l: string) => lines.push(l) },
    );
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
    pino(
      { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      { write: (l: string) => lines.push(l) },
    ).info(entry);
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

  it('hides the personal fields of Annex A up to five levels down, in objects and arrays', () => {
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
    });
    expect(line).not.toMatch(/张伟|李娜|8765|lina@/);
    expect(line).toContain('Acme');
  });
});
