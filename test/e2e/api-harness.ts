import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { App } from 'supertest/types';
import { UsersService } from '@app/auth';
import { CLOCK, ManualClock } from '@app/certification';
import { SCHEME_CATALOGUE } from '@app/config';
import type { Role, SchemeCatalogue } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { AppModule } from '../../apps/api/src/app.module';
import { initTestApp } from '@app/testing';
import {
  API_APP_OPTIONS,
  configureApp,
  createHttpAdapter,
  withPlatform,
  type HttpSettings,
} from '../../apps/api/src/bootstrap';

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

export interface Api {
  app: NestFastifyApplication;
  clock: ManualClock;
  http: () => ReturnType<typeof request>;
  /** Creates a user with the CLI's service and logs them in over HTTP. */
  user: (username: string, roles: Role[]) => Promise<TestUser>;
  close: () => Promise<void>;
}

/** What a story needs of an API: requests, and users logged in to it (an in-process app or running processes). */
export type ApiClient = Pick<Api, 'http' | 'user'>;

/** Every test user's password. */
export const PASSWORD = 'correct horse battery staple';

/**
 * The real API (AppModule, platform, auth) on in-memory stores, with the clock under the test's control so a
 * story can move through months; tokens are real JWTs from POST /api/v1/auth/login.
 */
export interface ApiOptions {
  /** Another event-store adapter than the configured one (e.g. EventStoreDB on its test server). */
  eventStore?: () => Promise<EventStore>;
  /** Other scheme versions than the shipped one (as SCHEME_FILE would load them). */
  schemes?: SchemeCatalogue;
  /** The HTTP settings configureApp takes (CORS, trusted proxies …), over the defaults. */
  http?: Partial<HttpSettings>;
  /** Further provider overrides (e.g. the log destination). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Runs on the app before it is configured and initialised (e.g. to watch the routes it gets). */
  onCreate?: (app: NestFastifyApplication) => void;
}

export const startApi = async (start: string, options: ApiOptions = {}): Promise<Api> => {
  const clock = new ManualClock(start);
  let builder = Test.createTestingModule({ imports: [withPlatform(AppModule)] })
    .overrideProvider(CLOCK)
    .useValue(clock);
  if (options.eventStore)
    builder = builder.overrideProvider(EVENT_STORE).useFactory({ factory: options.eventStore });
  if (options.schemes) builder = builder.overrideProvider(SCHEME_CATALOGUE).useValue(options.schemes);
  if (options.override) builder = options.override(builder);
  const moduleRef = await builder.compile();
  const http: HttpSettings = { HTTP_BODY_LIMIT: '1mb', ...options.http };
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createHttpAdapter(http),
    API_APP_OPTIONS,
  );
  options.onCreate?.(app);
  await configureApp(app, http);
  await initTestApp(app);
  const server = app.getHttpServer() as App;
  const users = app.get(UsersService);
  return {
    app,
    clock,
    http: () => request(server),
    user: async (username, roles) => {
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

/** Bearer header for a user. */
export const as = (user: TestUser): [string, string] => ['Authorization', `Bearer ${user.token}`];
