import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, ValidationPipe, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { validateEnvironment } from '@app/config';
import type { Actor } from '@app/domain';
import { CurrentActor, CurrentUser, type AuthenticatedUser } from './access/request-context';
import { Public, Roles } from './access/route-access';
import { IDENTITY_STORE } from './auth.constants';
import { AuthModule } from './auth.module';
import type { SqliteIdentityStore } from './store/sqlite-identity-store';
import { UsersService } from './users/users.service';
import { createTestApp, initTestApp } from '@app/testing';

@Controller('probe')
class ProbeController {
  @Get('public')
  @Public()
  open(): { open: true } {
    return { open: true };
  }

  @Get('decisions')
  @Roles('DECISION_MAKER', 'AUDITOR')
  decide(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthenticatedUser,
  ): { actor: Actor; user: string } {
    return { actor, user: user.username };
  }

  @Get('admin')
  @Roles('ADMIN')
  admin(): { admin: true } {
    return { admin: true };
  }

  /** Deliberately without @Public/@Roles/@AnyAuthenticated. */
  @Get('undeclared')
  undeclared(): { leaked: true } {
    return { leaked: true };
  }
}

const PASSWORD = 'correct horse battery staple';
const ISSUER = 'certification-backend';

const createApp = async (): Promise<INestApplication> => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
      AuthModule,
    ],
    controllers: [ProbeController],
  }).compile();
  const app = createTestApp(moduleRef, { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await initTestApp(app);
  return app;
};

/** Re-encodes a token's payload with changes, keeping the original signature. */
const tamper = (token: string, change: (claims: Record<string, unknown>) => void): string => {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
};

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('authentication over HTTP', () => {
  let folder: string;
  let app: INestApplication;
  let users: UsersService;
  let aliceId: string;
  const savedEnvironment = { ...process.env };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'auth-e2e-'));
    process.env.AUTH_DB_PATH = join(folder, 'auth.sqlite');
    // The generated, stored secret is under test here, not a configured one.
    delete process.env.AUTH_JWT_SECRET;
    delete process.env.AUTH_JWT_ISSUER;
    delete process.env.AUTH_TOKEN_TTL_SECONDS;
    app = await createApp();
    users = app.get(UsersService);
    aliceId = (
      await users.create({
        username: 'alice',
        password: PASSWORD,
        roles: ['AUDITOR', 'DECISION_MAKER'],
        displayName: 'Alice Zhang',
      })
    ).id;
    await users.create({ username: 'bob', password: PASSWORD, roles: ['REGULATOR'] });
  });

  afterAll(async () => {
    await app.close();
    process.env = savedEnvironment;
    rmSync(folder, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const login = async (username = 'alice', password = PASSWORD): Promise<string> => {
    const response = await http().post('/api/v1/auth/login').send({ username, password }).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  };

  const expectUnauthenticated = (body: unknown, message?: string): void => {
    expect(body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: message ?? expect.any(String),
    });
  };

  describe('POST /api/v1/auth/login', () => {
    it('issues a short-lived HS256 bearer token with the user’s claims', async () => {
      const response = await http()
        .post('/api/v1/auth/login')
        .send({ username: 'Alice', password: PASSWORD })
        .expect(200);

      expect(response.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        refreshExpiresIn: 28800,
      });
      const token = (response.body as { accessToken: string }).accessToken;
      expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'))).toMatchObject({
        alg: 'HS256',
      });
      const claims = claimsOf(token);
      expect(claims).toMatchObject({
        sub: aliceId,
        username: 'alice',
        roles: ['AUDITOR', 'DECISION_MAKER'],
        iss: ISSUER,
        aud: 'certification-api',
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
        sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tv: 0,
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    });

    it.each([
      ['a wrong password', 'alice', `${PASSWORD}x`],
      ['an unknown user', 'mallory', PASSWORD],
    ])('answers 401 with one message for %s', async (_case, username, password) => {
      const response = await http().post('/api/v1/auth/login').send({ username, password }).expect(401);
      expectUnauthenticated(response.body, 'invalid username or password');
    });

    it('answers 400 when a field is missing or not a string, or the name cannot be a username', async () => {
      await http().post('/api/v1/auth/login').send({ username: 'alice' }).expect(400);
      await http()
        .post('/api/v1/auth/login')
        .send({ username: 'alice smith', password: PASSWORD })
        .expect(400);
      await http()
        .post('/api/v1/auth/login')
        .send({ username: 'a'.repeat(65), password: PASSWORD })
        .expect(400);
      await http()
        .post('/api/v1/auth/login')
        .send({ username: 'alice', password: 12345678901234 })
        .expect(400);
    });
  });

  describe('GET /api/v1/auth/me', () => {
    it('returns the authenticated user', async () => {
      const token = await login();
      const response = await http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(response.body).toEqual({
        id: aliceId,
        username: 'alice',
        displayName: 'Alice Zhang',
        roles: ['AUDITOR', 'DECISION_MAKER'],
      });
    });

    it('answers 401 without a token', async () => {
      const response = await http().get('/api/v1/auth/me').expect(401);
      expectUnauthenticated(response.body);
    });
  });

  describe('tokens that must not be accepted (401 UNAUTHENTICATED)', () => {
    /** The claims of a live session of alice, less those the signer adds: what a forger would copy. */
    const liveClaims = async (): Promise<Record<string, unknown>> => {
      const { iss: _iss, aud: _aud, iat: _iat, exp: _exp, ...rest } = claimsOf(await login());
      return rest;
    };

    it('a control: a token of our key with live claims is accepted', async () => {
      const token = app.get(JwtService).sign(await liveClaims());
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it('an expired token', async () => {
      const expired = app.get(JwtService).sign(await liveClaims(), { expiresIn: -60 });
      expect(claimsOf(expired).exp as number).toBeLessThan(Date.now() / 1000);
      const response = await http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${expired}`)
        .expect(401);
      expectUnauthenticated(response.body);
    });

    it('a token signed with another key', async () => {
      const forged = new JwtService({ secret: 'another-key-of-at-least-32-characters!!' }).sign(
        await liveClaims(),
        { issuer: ISSUER, audience: 'certification-api', expiresIn: 600, algorithm: 'HS256' },
      );
      const response = await http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${forged}`)
        .expect(401);
      expectUnauthenticated(response.body);
    });

    it('a token whose payload was altered', async () => {
      const bobToken = await login('bob');
      const altered = tamper(bobToken, (claims) => {
        claims.sub = aliceId;
      });
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${altered}`).expect(401);
    });

    it('an unsigned token (alg none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({
          ...(await liveClaims()),
          iss: ISSUER,
          aud: 'certification-api',
          exp: Math.floor(Date.now() / 1000) + 600,
        }),
      ).toString('base64url');
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${header}.${payload}.`).expect(401);
    });

    it('a token of another audience, even with our key', async () => {
      const other = app.get(JwtService).sign(await liveClaims(), { audience: 'another-api' });
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${other}`).expect(401);
    });

    it('a well-signed token of ours without jti and session (not issued by login)', async () => {
      const bare = app.get(JwtService).sign({ sub: aliceId, username: 'alice', roles: ['AUDITOR'] });
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${bare}`).expect(401);
    });

    it('a token of another issuer, even with our key', async () => {
      const other = app.get(JwtService).sign(await liveClaims(), { issuer: 'someone-else' });
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${other}`).expect(401);
    });
  });

  describe('route declarations', () => {
    it('opens @Public routes without a token', async () => {
      await http().get('/probe/public').expect(200, { open: true });
    });

    it('acts in the first role of the route’s list that the user holds', async () => {
      const token = await login();
      const response = await http()
        .get('/probe/decisions')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(response.body).toEqual({ actor: { id: aliceId, role: 'DECISION_MAKER' }, user: 'alice' });
    });

    it('answers 403 FORBIDDEN_ROLE with the allowed roles when the user holds none', async () => {
      const token = await login();
      const response = await http().get('/probe/admin').set('Authorization', `Bearer ${token}`).expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        code: 'FORBIDDEN_ROLE',
        message: expect.any(String),
        details: { allowedRoles: ['ADMIN'] },
      });
    });

    it('denies a route without a declaration, even to an authenticated user', async () => {
      const token = await login();
      const response = await http()
        .get('/probe/undeclared')
        .set('Authorization', `Bearer ${token}`)
        .expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'ROUTE_WITHOUT_ROLES' });
      await http().get('/probe/undeclared').expect(403);
    });
  });

  describe('changes in the store take effect on the next request', () => {
    it('a role change revokes the user’s tokens; the next login acts in the new roles', async () => {
      await users.create({ username: 'carol', password: PASSWORD, roles: ['AUDITOR'] });
      const token = await login('carol');
      await http().get('/probe/admin').set('Authorization', `Bearer ${token}`).expect(403);

      await users.setRoles('carol', ['ADMIN']);
      await http().get('/probe/admin').set('Authorization', `Bearer ${token}`).expect(401);
      await http()
        .get('/probe/admin')
        .set('Authorization', `Bearer ${await login('carol')}`)
        .expect(200);
    });

    it('a disabled user’s token stops working, and they cannot log in', async () => {
      await users.create({ username: 'dave', password: PASSWORD, roles: ['AUDITOR'] });
      const token = await login('dave');
      await users.setActive('dave', false);

      const me = await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expectUnauthenticated(me.body);
      const again = await http()
        .post('/api/v1/auth/login')
        .send({ username: 'dave', password: PASSWORD })
        .expect(401);
      expectUnauthenticated(again.body, 'invalid username or password');
    });
  });

  describe('restart', () => {
    it('accepts tokens issued before a restart (the generated key is kept) and closes the database on shutdown', async () => {
      const token = await login();
      const store = app.get<SqliteIdentityStore>(IDENTITY_STORE);
      await app.close();
      expect(store.db.open).toBe(false);

      app = await createApp();
      users = app.get(UsersService);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    });
  });
});
