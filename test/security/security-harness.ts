/**
 * The real API like test/e2e/api-harness, plus what the security tests need on top: provider overrides (e.g. the
 * log destination) and the HTTP settings (CORS, trusted proxies) configureApp takes.
 */
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { App } from 'supertest/types';
import { UsersService } from '@app/auth';
import { CLOCK, ManualClock } from '@app/certification';
import type { Role } from '@app/domain';
import { AppModule } from '../../apps/api/src/app.module';
import { API_APP_OPTIONS, configureApp, withPlatform, type HttpSettings } from '../../apps/api/src/bootstrap';
import type { Api, TestUser } from '../e2e/api-harness';

export interface SecurityApiOptions {
  http?: Partial<HttpSettings>;
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export const PASSWORD = 'correct horse battery staple';

export const startSecurityApi = async (start: string, options: SecurityApiOptions = {}): Promise<Api> => {
  const clock = new ManualClock(start);
  let builder = Test.createTestingModule({ imports: [withPlatform(AppModule)] })
    .overrideProvider(CLOCK)
    .useValue(clock);
  if (options.override) builder = options.override(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(API_APP_OPTIONS);
  configureApp(app, { HTTP_BODY_LIMIT: '1mb', ...options.http });
  await app.init();
  const server = app.getHttpServer() as App;
  const users = app.get(UsersService);
  return {
    app,
    clock,
    http: () => request(server),
    user: async (username: string, roles: Role[]): Promise<TestUser> => {
      const created = await users.create({ username, password: PASSWORD, roles });
      const login = await request(server)
        .post('/api/v1/auth/login')
        .send({ username, password: PASSWORD })
        .expect(200);
      return { id: created.id, username, token: (login.body as { accessToken: string }).accessToken };
    },
    close: () => app.close(),
  };
};

/** What every error response of the API looks like: `{statusCode, code, message, details?}` and nothing else. */
export const errorFormatProblem = (status: number, body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not a JSON object';
  const { statusCode, code, message, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest).filter((key) => key !== 'details');
  if (statusCode !== status) return `statusCode ${String(statusCode)} ≠ HTTP status ${status}`;
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_-]*$/.test(code)) return `code ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || message === '') return 'message missing';
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  return undefined;
};

/** A stack frame or an internal path in a response: never allowed to leave the process. */
export const STACK_TRACE = /\bat [\w$.<>]+ \(|\/(apps|libs|node_modules)\/[\w/.-]+\.(ts|js)/;
