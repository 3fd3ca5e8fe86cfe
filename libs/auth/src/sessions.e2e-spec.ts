import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Logger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { validateEnvironment } from '@app/config';
import type { Actor } from '@app/domain';
import { CurrentActor } from './access/request-context';
import { Roles } from './access/route-access';
import { AUTH_CLOCK, type AuthClock } from './auth.constants';
import { AuthModule } from './auth.module';
import { UsersService } from './users/users.service';
import { createTestApp, initTestApp } from '@app/testing';

@Controller('probe')
class ProbeController {
  @Get('audit')
  @Roles('AUDITOR')
  audit(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}

const PASSWORD = 'correct horse battery staple';
const HOUR = 3600_000;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
}

/**
 * Sessions over HTTP with the identity clock held by the test: login, refresh rotation and reuse, logout,
 * expiry, revocation by disable / role / password changes, lockout and the login rate limit.
 */
describe('sessions over HTTP (local mode)', () => {
  let folder: string;
  let app: INestApplication;
  let users: UsersService;
  let now: number;
  const clock: AuthClock = { now: () => now };
  const savedEnvironment = { ...process.env };

  beforeAll(async () => {
    now = Date.parse('2026-03-02T09:00:00Z');
    folder = mkdtempSync(join(tmpdir(), 'auth-sessions-'));
    process.env.AUTH_DB_PATH = join(folder, 'auth.sqlite');
    process.env.AUTH_LOCKOUT_THRESHOLD = '3';
    process.env.AUTH_LOCKOUT_MINUTES = '15';
    process.env.AUTH_LOGIN_RATE_LIMIT = '5';
    process.env.AUTH_LOGIN_RATE_WINDOW_SECONDS = '60';
    for (const key of [
      'AUTH_JWT_SECRET',
      'AUTH_TOKEN_TTL_SECONDS',
      'AUTH_REFRESH_TTL_SECONDS',
      'AUTH_MODE',
    ]) {
      delete process.env[key];
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
        AuthModule,
      ],
      controllers: [ProbeController],
    })
      .overrideProvider(AUTH_CLOCK)
      .useValue(clock)
      .compile();
    app = createTestApp(moduleRef, { logger: false });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
    await initTestApp(app);
    users = app.get(UsersService);
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      await users.create({ username, password: PASSWORD, roles: ['AUDITOR'] });
    }
  });

  // Each test starts in a fresh rate-limit window, after any lock of a previous test.
  beforeEach(() => {
    now += HOUR;
  });

  afterAll(async () => {
    await app.close();
    process.env = savedEnvironment;
    rmSync(folder, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const loginAttempt = (username: string, password = PASSWORD) =>
    http().post('/api/v1/auth/login').send({ username, password });
  const login = async (username = 'alice'): Promise<Tokens> =>
    (await loginAttempt(username).expect(200)).body as Tokens;
  const refresh = (refreshToken: string) => http().post('/api/v1/auth/refresh').send({ refreshToken });
  const audit = (accessToken: string) =>
    http().get('/probe/audit').set('Authorization', `Bearer ${accessToken}`);
  const logout = (accessToken: string) =>
    http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${accessToken}`);

  const INVALID_LOGIN = { statusCode: 401, code: 'UNAUTHENTICATED', message: 'invalid username or password' };

  describe('refresh', () => {
    it('rotates: a new working pair, and the used refresh token is spent', async () => {
      const first = await login();
      now += 60_000;
      const second = (await refresh(first.refreshToken).expect(200)).body as Tokens;
      expect(second).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.any(String),
        // The session keeps the expiry of its login.
        refreshExpiresIn: 28800 - 60,
      });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await audit(second.accessToken).expect(200);
      await audit(first.accessToken).expect(200);
    });

    it('a spent refresh token presented again ends the whole session', async () => {
      const first = await login();
      const second = (await refresh(first.refreshToken).expect(200)).body as Tokens;

      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const replay = await refresh(first.refreshToken).expect(401);
      // A security warning, naming the request that presented the copy (its id and client, as the request log does).
      expect(warn).toHaveBeenCalledWith({
        msg: expect.stringMatching(/^A used refresh token was presented again: session .+ revoked$/),
        req: { id: expect.any(String), remoteAddress: expect.any(String) },
      });
      warn.mockRestore();
      expect(replay.body).toEqual({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'invalid or expired refresh token',
      });
      await refresh(second.refreshToken).expect(401);
      await audit(second.accessToken).expect(401);
      await audit(first.accessToken).expect(401);
    });

    it('ends with the session: AUTH_REFRESH_TTL_SECONDS after the login, however often refreshed', async () => {
      let tokens = await login();
      for (let i = 0; i < 3; i++) {
        now += 2 * HOUR;
        tokens = (await refresh(tokens.refreshToken).expect(200)).body as Tokens;
      }
      now += 2 * HOUR;
      await refresh(tokens.refreshToken).expect(401);
    });

    it('answers 401 for an unknown token, 400 for one that is not shaped like a refresh token or missing', async () => {
      await refresh('x'.repeat(43)).expect(401);
      await refresh('not a refresh token').expect(400);
      await http().post('/api/v1/auth/refresh').send({}).expect(400);
    });
  });

  describe('expiry', () => {
    it('an access token stops working after AUTH_TOKEN_TTL_SECONDS; refreshing gives a working one', async () => {
      const tokens = await login();
      now += 899_000;
      await audit(tokens.accessToken).expect(200);
      now += 1_000;
      await audit(tokens.accessToken).expect(401);
      const renewed = (await refresh(tokens.refreshToken).expect(200)).body as Tokens;
      await audit(renewed.accessToken).expect(200);
    });

    it('verifies a token once: later requests check its expiry and session, not its signature again', async () => {
      const verify = jest.spyOn(JwtService.prototype, 'verifyAsync');
      try {
        const tokens = await login();
        await audit(tokens.accessToken).expect(200);
        await audit(tokens.accessToken).expect(200);
        await logout(tokens.accessToken).expect(204);
        await audit(tokens.accessToken).expect(401);
        expect(verify).toHaveBeenCalledTimes(1);
      } finally {
        verify.mockRestore();
      }
    });
  });

  describe('logout', () => {
    it('revokes the access token, the refresh token and every access token of the session', async () => {
      const first = await login();
      const second = (await refresh(first.refreshToken).expect(200)).body as Tokens;
      const otherSession = await login();

      await logout(second.accessToken).expect(204);

      await audit(second.accessToken).expect(401);
      await audit(first.accessToken).expect(401);
      await refresh(second.refreshToken).expect(401);
      await logout(second.accessToken).expect(401);
      // Another login of the same user is another session.
      await audit(otherSession.accessToken).expect(200);
    });

    it('ends the session of a refresh token given in the body too, when it is the same user’s', async () => {
      const current = await login('alice');
      const other = await login('alice');
      const bobs = await login('bob');
      await logout(current.accessToken).send({ refreshToken: other.refreshToken }).expect(204);
      await refresh(other.refreshToken).expect(401);
      await audit(other.accessToken).expect(401);

      const mine = await login('alice');
      await logout(mine.accessToken).send({ refreshToken: bobs.refreshToken }).expect(204);
      // Another user's session is not this user's to end.
      await refresh(bobs.refreshToken).expect(200);
    });

    it('refuses unknown fields, and needs a token', async () => {
      const tokens = await login();
      await logout(tokens.accessToken).send({ everywhere: true }).expect(400);
      await logout(tokens.accessToken).send({ refreshToken: null }).expect(400);
      await logout(tokens.accessToken).send({ refreshToken: 'not a refresh token' }).expect(400);
      await audit(tokens.accessToken).expect(200);
      await http().post('/api/v1/auth/logout').expect(401);
    });
  });

  describe('revocation by account changes', () => {
    it('disabling a user stops their live tokens at once; enabling does not revive them', async () => {
      const tokens = await login('bob');
      await users.setActive('bob', false);

      await audit(tokens.accessToken).expect(401);
      await refresh(tokens.refreshToken).expect(401);
      expect((await loginAttempt('bob').expect(401)).body).toEqual(INVALID_LOGIN);

      await users.setActive('bob', true);
      await audit(tokens.accessToken).expect(401);
      await audit((await login('bob')).accessToken).expect(200);
    });

    it('a password reset or a role change revokes every token of the user', async () => {
      const before = await login('carol');
      await users.resetPassword('carol', 'another long passphrase');
      await audit(before.accessToken).expect(401);
      await refresh(before.refreshToken).expect(401);

      const tokens = (await loginAttempt('carol', 'another long passphrase').expect(200)).body as Tokens;
      await users.setRoles('carol', ['AUDITOR', 'REGULATOR']);
      await audit(tokens.accessToken).expect(401);
      await refresh(tokens.refreshToken).expect(401);
    });
  });

  describe('lockout', () => {
    it('locks after AUTH_LOCKOUT_THRESHOLD failures with the same answer as a wrong password or unknown user', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      for (let i = 0; i < 3; i++) {
        expect((await loginAttempt('dave', `wrong password ${i}`).expect(401)).body).toEqual(INVALID_LOGIN);
      }
      // The lock is a security warning naming the request of the failure that set it.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith({
        msg: expect.stringMatching(/^Account dave locked until .+ after 3 consecutive failed logins$/),
        req: { id: expect.any(String), remoteAddress: expect.any(String) },
      });
      warn.mockRestore();
      // Locked: the right password gets the very answer an unknown user gets.
      expect((await loginAttempt('dave').expect(401)).body).toEqual(INVALID_LOGIN);
      expect((await loginAttempt('nobody').expect(401)).body).toEqual(INVALID_LOGIN);
      expect((await users.findByUsername('dave'))?.lockedUntil).toBe(
        new Date(now + 15 * 60_000).toISOString(),
      );

      now += 15 * 60_000;
      await login('dave');
    });

    it('a successful login resets the count of failures', async () => {
      await loginAttempt('erin', 'wrong password 1').expect(401);
      await loginAttempt('erin', 'wrong password 2').expect(401);
      await login('erin');
      now += 60_000;
      await loginAttempt('erin', 'wrong password 3').expect(401);
      await loginAttempt('erin', 'wrong password 4').expect(401);
      await login('erin');
    });
  });

  describe('login rate limit per client address', () => {
    it('answers 429 with Retry-After after AUTH_LOGIN_RATE_LIMIT failed attempts in the window', async () => {
      for (let i = 0; i < 5; i++) await loginAttempt(`mallory${i}`).expect(401);
      now += 20_000;

      const limited = await loginAttempt('alice').expect(429);
      expect(limited.headers['retry-after']).toBe('40');
      expect(limited.body).toEqual({
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringContaining('too many login attempts'),
      });

      now += 40_000;
      await login('alice');
    });

    it('does not count successful logins', async () => {
      for (let i = 0; i < 6; i++) await login('alice');
    });
  });
});
