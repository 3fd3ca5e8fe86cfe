/**
 * Identity on the real API (AppModule with the HTTP platform): sessions end to end, and the login limits answered
 * in the API's error format, with Retry-After on 429.
 */
import { UsersService } from '@app/auth';
import type { Api } from './api-harness';

const PASSWORD = 'correct horse battery staple';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('identity on the real API', () => {
  let api: Api;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.AUTH_LOGIN_RATE_LIMIT = '3';
    process.env.AUTH_LOGIN_RATE_WINDOW_SECONDS = '60';
    // Loaded now: AppModule reads and validates the environment when it is first imported.
    const { startApi } = await import('./api-harness');
    api = await startApi('2026-03-02T01:00:00.000Z');
    const users = api.app.get(UsersService);
    await users.create({ username: 'intake', password: PASSWORD, roles: ['INTAKE_OFFICER'] });
    await users.create({ username: 'decider', password: PASSWORD, roles: ['DECISION_MAKER'] });
  });

  afterAll(async () => {
    await api.close();
    process.env = saved;
  });

  const login = async (username: string): Promise<Tokens> =>
    (await api.http().post('/api/v1/auth/login').send({ username, password: PASSWORD }).expect(200))
      .body as Tokens;
  const me = (token: string) => api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('logs in, refreshes and logs out; a logged-out token gets 401 in the error format', async () => {
    const first = await login('intake');
    const second = (
      await api.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body as Tokens;
    expect((await me(second.accessToken).expect(200)).body).toMatchObject({
      username: 'intake',
      roles: ['INTAKE_OFFICER'],
    });

    await api
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${second.accessToken}`)
      .expect(204);
    const refused = await me(second.accessToken).expect(401);
    expect(refused.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    await api.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('a disabled user’s live token stops working at once', async () => {
    const { accessToken } = await login('decider');
    await me(accessToken).expect(200);
    await api.app.get(UsersService).setActive('decider', false);
    await me(accessToken).expect(401);
  });

  it('answers 429 TOO_MANY_REQUESTS with Retry-After after too many failed logins from one address', async () => {
    for (let i = 0; i < 3; i++) {
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'intake', password: `wrong ${i}` })
        .expect(401);
    }
    const limited = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'intake', password: PASSWORD });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('too many login attempts'),
    });
  });
});
