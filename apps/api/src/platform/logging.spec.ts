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
