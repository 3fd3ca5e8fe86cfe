import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, ValidationPipe, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { validateEnvironment } from '@app/config';
import type { Actor } from '@app/domain';
import { CurrentActor } from '../access/request-context';
import { Roles } from '../access/route-access';
import { AUTH_CLOCK, USER_DIRECTORY, type AuthClock } from '../auth.constants';
import { AuthModule } from '../auth.module';
import type { UserDirectory } from '../users/user';
import { createTestApp, initTestApp } from '@app/testing';

@Controller('probe')
class ProbeController {
  @Get('audit')
  @Roles('AUDITOR')
  audit(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Get('decide')
  @Roles('DECISION_MAKER')
  decide(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}

const AUDIENCE = 'certification-api';

/** The identity provider of the test: a key set and a discovery document on a random local port. */
class LocalProvider {
  readonly rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  /** Published keys, by kid. */
  readonly published = new Map<string, KeyObject>();
  readonly hits: string[] = [];
  private server?: Server;
  issuer = '';

  constructor() {
    this.published.set('rsa-1', this.rsa.publicKey);
    this.published.set('ec-1', this.ec.publicKey);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.hits.push(req.url ?? '');
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/realms/cert/.well-known/openid-configuration') {
        send({ issuer: this.issuer, jwks_uri: `${this.issuer}/protocol/openid-connect/certs` });
      } else if (req.url === '/realms/cert/protocol/openid-connect/certs') {
        send({
          keys: [...this.published].map(([kid, key]) => ({
            ...key.export({ format: 'jwk' }),
            kid,
            use: 'sig',
          })),
        });
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/cert`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/protocol/openid-connect/certs`;
  }

  jwksFetches(): number {
    return this.hits.filter((url) => url.endsWith('/certs')).length;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

type Signer =
  | { alg: 'RS256'; key: KeyObject }
  | { alg: 'ES256'; key: KeyObject }
  | { alg: 'HS256'; secret: string | Buffer }
  | { alg: 'none' };

/** A compact JWS made by hand, so the test controls every byte (header, claims, algorithm). */
const jws = (header: Record<string, unknown>, claims: Record<string, unknown>, signer: Signer): string => {
  const input = `${encode({ typ: 'JWT', alg: signer.alg, ...header })}.${encode(claims)}`;
  const data = Buffer.from(input);
  switch (signer.alg) {
    case 'RS256':
      return `${input}.${sign('sha256', data, signer.key).toString('base64url')}`;
    case 'ES256':
      return `${input}.${sign('sha256', data, { key: signer.key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    case 'HS256':
      return `${input}.${createHmac('sha256', signer.secret).update(data).digest('base64url')}`;
    case 'none':
      return `${input}.`;
  }
};

const createApp = async (
  environment: Record<string, string>,
  clock: AuthClock,
): Promise<INestApplication> => {
  const folder = mkdtempSync(join(tmpdir(), 'auth-oidc-'));
  process.env.AUTH_DB_PATH = join(folder, 'auth.sqlite');
  // '' stands for "unset" here.
  for (const [key, value] of Object.entries(environment)) {
    if (value === '') delete process.env[key];
    else process.env[key] = value;
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
  const app = createTestApp(moduleRef, { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await initTestApp(app);
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    rmSync(folder, { recursive: true, force: true });
  };
  return app;
};

describe('OpenID Connect mode (AUTH_MODE=oidc) against a local provider', () => {
  const provider = new LocalProvider();
  const intruder = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const savedEnvironment = { ...process.env };
  let now = Date.now();
  const clock: AuthClock = { now: () => now };
  const seconds = (): number => Math.floor(now / 1000);

  beforeAll(() => provider.start());
  afterAll(async () => {
    await provider.stop();
    process.env = savedEnvironment;
  });

  const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    iss: provider.issuer,
    aud: AUDIENCE,
    sub: 'f3a1c2d4-kc-user',
    preferred_username: 'wang.fang',
    name: '王芳',
    iat: seconds(),
    exp: seconds() + 300,
    ...overrides,
  });
  const rs256 = (body: Record<string, unknown>, kid = 'rsa-1') =>
    jws({ kid }, body, { alg: 'RS256', key: provider.rsa.privateKey });

  describe('discovery, Keycloak-style roles and a role map', () => {
    let app: INestApplication;
    const http = () => request(app.getHttpServer());
    const get = (path: string, token: string) => http().get(path).set('Authorization', `Bearer ${token}`);
    const realmRoles = (roles: unknown[]) => ({ realm_access: { roles } });

    beforeAll(async () => {
      app = await createApp(
        {
          AUTH_MODE: 'oidc',
          AUTH_OIDC_ISSUER: provider.issuer,
          AUTH_OIDC_AUDIENCE: AUDIENCE,
          AUTH_OIDC_JWKS_URL: '',
          AUTH_OIDC_ROLES_CLAIM: 'realm_access.roles',
          AUTH_OIDC_ROLE_MAP: JSON.stringify({
            'cert-auditor': 'AUDITOR',
            'cert-decider': 'DECISION_MAKER',
            'cert-registry': ['REGISTRY_OFFICER'],
          }),
        },
        clock,
      );
    });

    afterAll(() => app.close());

    it('accepts an RS256 token: the actor is `sub` in the mapped role', async () => {
      const token = rs256(claims(realmRoles(['cert-auditor', 'offline_access'])));
      expect((await get('/probe/audit', token).expect(200)).body).toEqual({
        id: 'f3a1c2d4-kc-user',
        role: 'AUDITOR',
      });
      expect((await get('/api/v1/auth/me', token).expect(200)).body).toEqual({
        id: 'f3a1c2d4-kc-user',
        username: 'wang.fang',
        displayName: '王芳',
        roles: ['AUDITOR'],
      });
      expect(provider.hits).toContain('/realms/cert/.well-known/openid-configuration');
    });

    it('accepts an ES256 token', async () => {
      const token = jws({ kid: 'ec-1' }, claims(realmRoles(['cert-decider'])), {
        alg: 'ES256',
        key: provider.ec.privateKey,
      });
      expect((await get('/probe/decide', token).expect(200)).body).toEqual({
        id: 'f3a1c2d4-kc-user',
        role: 'DECISION_MAKER',
      });
    });

    it('maps roles: unmapped names are dropped, even ones spelled like ours, and SYSTEM never passes', async () => {
      const token = rs256(claims(realmRoles(['cert-registry', 'ADMIN', 'SYSTEM', 'AUDITOR'])));
      expect((await get('/api/v1/auth/me', token).expect(200)).body.roles).toEqual(['REGISTRY_OFFICER']);
      const refused = await get('/probe/audit', token).expect(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN_ROLE', details: { allowedRoles: ['AUDITOR'] } });
    });

    it('records the subjects it has seen for the user directory (team assignment)', async () => {
      await get(
        '/probe/audit',
        rs256(claims({ sub: 'kc-auditor-2', ...realmRoles(['cert-auditor']) })),
      ).expect(200);
      const directory = app.get<UserDirectory>(USER_DIRECTORY);
      expect(await directory.findById('kc-auditor-2')).toEqual({
        id: 'kc-auditor-2',
        username: 'wang.fang',
        displayName: '王芳',
        roles: ['AUDITOR'],
        active: true,
      });
      expect(await directory.findById('never-seen')).toBeNull();
    });

    it('accepts a token expired within the clock tolerance (30 s)', async () => {
      const token = rs256(claims({ exp: seconds() - 10, ...realmRoles(['cert-auditor']) }));
      await get('/probe/audit', token).expect(200);
    });

    describe('refuses with 401 UNAUTHENTICATED', () => {
      const auditor = realmRoles(['cert-auditor']);
      const cases: [string, () => string][] = [
        ['another issuer', () => rs256(claims({ ...auditor, iss: 'http://127.0.0.1:1/realms/other' }))],
        ['another audience', () => rs256(claims({ ...auditor, aud: 'another-client' }))],
        ['no audience', () => rs256(claims({ ...auditor, aud: undefined }))],
        [
          'an expired token',
          () => rs256(claims({ ...auditor, iat: seconds() - 7200, exp: seconds() - 3600 })),
        ],
        ['a token not valid yet (nbf)', () => rs256(claims({ ...auditor, nbf: seconds() + 3600 }))],
        ['a token without exp', () => rs256(claims({ ...auditor, exp: undefined }))],
        ['a token without sub', () => rs256(claims({ ...auditor, sub: undefined }))],
        [
          'a token signed by another key under the provider’s kid',
          () => jws({ kid: 'rsa-1' }, claims(auditor), { alg: 'RS256', key: intruder.privateKey }),
        ],
        ['alg none', () => jws({ kid: 'rsa-1' }, claims(auditor), { alg: 'none' })],
        [
          'HS256 keyed with the provider’s public key (key confusion)',
          () =>
            jws({ kid: 'rsa-1' }, claims(auditor), {
              alg: 'HS256',
              secret: provider.rsa.publicKey.export({ type: 'spki', format: 'pem' }),
            }),
        ],
        [
          'HS256 keyed with the public JWK’s modulus',
          () =>
            jws({ kid: 'rsa-1' }, claims(auditor), {
              alg: 'HS256',
              secret: String(provider.rsa.publicKey.export({ format: 'jwk' }).n),
            }),
        ],
        [
          'a tampered payload',
          () => {
            const [header, , signature] = rs256(claims(auditor)).split('.');
            return [header, encode(claims(realmRoles(['cert-decider', 'cert-auditor']))), signature].join(
              '.',
            );
          },
        ],
        ['an unknown kid', () => rs256(claims(auditor), 'no-such-key')],
        [
          'ES256 named with the RSA key’s kid',
          () => jws({ kid: 'rsa-1' }, claims(auditor), { alg: 'ES256', key: provider.ec.privateKey }),
        ],
        [
          'a critical header it does not understand',
          () =>
            jws({ kid: 'rsa-1', crit: ['exp'] }, claims(auditor), {
              alg: 'RS256',
              key: provider.rsa.privateKey,
            }),
        ],
        ['not a JWT', () => 'abc.def'],
      ];

      it.each(cases)('%s', async (_case, make) => {
        const response = await get('/probe/audit', make()).expect(401);
        expect(response.body).toEqual({
          statusCode: 401,
          code: 'UNAUTHENTICATED',
          message: expect.any(String),
        });
      });
    });

    it('answers 404 on the local login, refresh and logout routes', async () => {
      const notFound = {
        statusCode: 404,
        code: 'NOT_FOUND',
        message: expect.stringContaining('AUTH_MODE=oidc'),
      };
      const login = await http()
        .post('/api/v1/auth/login')
        .send({ username: 'alice', password: 'correct horse battery staple' })
        .expect(404);
      expect(login.body).toEqual(notFound);
      await http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) })
        .expect(404);
      const token = rs256(claims(realmRoles(['cert-auditor'])));
      expect(
        (await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(404)).body,
      ).toEqual(notFound);
    });

    it('follows a key rotation: an unknown kid refetches the key set, at most once per cooldown', async () => {
      const next = generateKeyPairSync('rsa', { modulusLength: 2048 });
      provider.published.set('rsa-2', next.publicKey);
      const token = jws({ kid: 'rsa-2' }, claims(realmRoles(['cert-auditor'])), {
        alg: 'RS256',
        key: next.privateKey,
      });

      // Within the cooldown since the last fetch (the clock has not moved): no fetch, refused.
      const before = provider.jwksFetches();
      await get('/probe/audit', token).expect(401);
      await get('/probe/audit', rs256(claims(realmRoles(['cert-auditor'])), 'made-up')).expect(401);
      expect(provider.jwksFetches()).toBe(before);

      now += 31_000;
      await get('/probe/audit', token).expect(200);
      expect(provider.jwksFetches()).toBe(before + 1);
      await get('/probe/audit', token).expect(200);
      expect(provider.jwksFetches()).toBe(before + 1);
    });
  });

  describe('a configured JWKS URL and the default `roles` claim without a map', () => {
    let app: INestApplication;
    const get = (path: string, token: string) =>
      request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

    beforeAll(async () => {
      app = await createApp(
        {
          AUTH_MODE: 'oidc',
          AUTH_OIDC_ISSUER: provider.issuer,
          AUTH_OIDC_AUDIENCE: AUDIENCE,
          AUTH_OIDC_JWKS_URL: provider.jwksUrl,
          AUTH_OIDC_ROLES_CLAIM: 'roles',
          AUTH_OIDC_ROLE_MAP: '',
        },
        clock,
      );
    });

    afterAll(() => app.close());

    it('takes provider roles named as ours, SYSTEM excepted; an audience list that includes ours is accepted', async () => {
      const token = rs256(
        claims({ aud: ['account', AUDIENCE], roles: ['SYSTEM', 'DECISION_MAKER', 'unknown'] }),
      );
      expect((await get('/api/v1/auth/me', token).expect(200)).body.roles).toEqual(['DECISION_MAKER']);
      await get('/probe/decide', token).expect(200);
    });

    it('a token whose only role is SYSTEM may do nothing', async () => {
      const token = rs256(claims({ roles: ['SYSTEM'] }));
      await get('/probe/audit', token).expect(403);
      await get('/probe/decide', token).expect(403);
    });
  });

  describe('a provider that cannot be reached', () => {
    it('answers 503 IDENTITY_PROVIDER_UNAVAILABLE while no key set has been fetched', async () => {
      const down = createServer();
      await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
      const port = (down.address() as AddressInfo).port;
      await new Promise<void>((resolve) => down.close(() => resolve()));

      const app = await createApp(
        {
          AUTH_MODE: 'oidc',
          AUTH_OIDC_ISSUER: provider.issuer,
          AUTH_OIDC_AUDIENCE: AUDIENCE,
          AUTH_OIDC_JWKS_URL: `http://127.0.0.1:${port}/certs`,
          AUTH_OIDC_ROLES_CLAIM: 'roles',
          AUTH_OIDC_ROLE_MAP: '',
        },
        clock,
      );
      try {
        now += 60_000;
        const response = await request(app.getHttpServer())
          .get('/probe/audit')
          .set('Authorization', `Bearer ${rs256(claims({ roles: ['AUDITOR'] }))}`)
          .expect(503);
        expect(response.body).toMatchObject({ statusCode: 503, code: 'IDENTITY_PROVIDER_UNAVAILABLE' });
      } finally {
        await app.close();
      }
    });
  });
});
