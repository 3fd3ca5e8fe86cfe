import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Environment } from '@app/config';
import { AuthGuard } from './access/auth.guard';
import { LoginRateLimiter } from './access/login-rate-limiter';
import {
  AUTH_CLOCK,
  AUTH_SETTINGS,
  IDENTITY_STORE,
  systemAuthClock,
  TOKEN_AUTHENTICATOR,
  USER_DIRECTORY,
  USERS_OPTIONS,
  type AuthClock,
} from './auth.constants';
import { authSettingsFrom, type AuthEnvironment, type AuthSettings } from './config/auth-settings';
import { AuthController } from './http/auth.controller';
import { OidcAuthenticator } from './oidc/oidc-authenticator';
import { OidcSubjectDirectory } from './oidc/oidc-directory';
import type { IdentityStore } from './store/identity-store.port';
import { openIdentityStore } from './store/open-identity-store';
import { loadOrCreateJwtSecret } from './store/settings';
import { createAccessTokenSigner } from './tokens/access-token';
import { AuthService } from './tokens/auth.service';
import type { TokenAuthenticator } from './tokens/token-authenticator';
import { UsersService, type UsersServiceOptions } from './users/users.service';

type Config = ConfigService<Environment, true>;

const AUTH_ENVIRONMENT_KEYS = [
  'AUTH_MODE',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
  'AUTH_TOKEN_TTL_SECONDS',
  'AUTH_REFRESH_TTL_SECONDS',
  'AUTH_LOCKOUT_THRESHOLD',
  'AUTH_LOCKOUT_MINUTES',
  'AUTH_LOGIN_RATE_LIMIT',
  'AUTH_LOGIN_RATE_WINDOW_SECONDS',
  'AUTH_OIDC_ISSUER',
  'AUTH_OIDC_AUDIENCE',
  'AUTH_OIDC_JWKS_URL',
  'AUTH_OIDC_ROLES_CLAIM',
  'AUTH_OIDC_ROLE_MAP',
  'AUTH_OIDC_CLOCK_TOLERANCE_SECONDS',
] as const satisfies readonly (keyof AuthEnvironment)[];

const authEnvironmentOf = (config: Config): AuthEnvironment =>
  Object.fromEntries(
    AUTH_ENVIRONMENT_KEYS.map((key) => [key, config.get(key, { infer: true })]),
  ) as unknown as AuthEnvironment;

@Injectable()
class IdentityStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(IDENTITY_STORE) private readonly store: IdentityStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}

/** In oidc mode, fetch the provider's keys at start-up so the first request does not wait (and a typo shows). */
@Injectable()
class OidcWarmUp implements OnApplicationBootstrap {
  private readonly logger = new Logger('OidcWarmUp');

  constructor(@Inject(TOKEN_AUTHENTICATOR) private readonly authenticator: TokenAuthenticator) {}

  onApplicationBootstrap(): void {
    if (!(this.authenticator instanceof OidcAuthenticator)) return;
    // Not awaited: a provider that is down must not stop the API (requests then answer 503 until it is back).
    void this.authenticator.warmUp().then((ok) => {
      if (ok) this.logger.log('Identity provider key set loaded');
    });
  }
}

/**
 * Users, tokens and the global guard. Needs only the (global) ConfigService. Every route of the app is then
 * denied unless it declares @Public, @AnyAuthenticated or @Roles. AUTH_MODE decides who issues the tokens the
 * guard accepts: this API (local users) or an OpenID Connect provider.
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    { provide: AUTH_CLOCK, useValue: systemAuthClock },
    {
      provide: AUTH_SETTINGS,
      useFactory: (config: Config): AuthSettings => authSettingsFrom(authEnvironmentOf(config)),
      inject: [ConfigService],
    },
    {
      provide: IDENTITY_STORE,
      useFactory: (config: Config): Promise<IdentityStore> =>
        openIdentityStore({
          AUTH_STORE: config.get('AUTH_STORE', { infer: true }),
          AUTH_DB_PATH: config.get('AUTH_DB_PATH', { infer: true }),
          MONGODB_URI: config.get('MONGODB_URI', { infer: true }),
          AUTH_MONGODB_DATABASE: config.get('AUTH_MONGODB_DATABASE', { infer: true }),
        }),
      inject: [ConfigService],
    },
    {
      provide: JwtService,
      useFactory: async (config: Config, settings: AuthSettings, store: IdentityStore) =>
        createAccessTokenSigner({
          secret: config.get('AUTH_JWT_SECRET', { infer: true }) ?? (await loadOrCreateJwtSecret(store)),
          issuer: settings.issuer,
          audience: settings.audience,
          ttlSeconds: settings.accessTokenTtlSeconds,
        }),
      inject: [ConfigService, AUTH_SETTINGS, IDENTITY_STORE],
    },
    {
      provide: USERS_OPTIONS,
      useFactory: (settings: AuthSettings, clock: AuthClock): UsersServiceOptions => ({
        lockout: {
          threshold: settings.lockout.threshold,
          lockMilliseconds: settings.lockout.minutes * 60_000,
        },
        clock,
      }),
      inject: [AUTH_SETTINGS, AUTH_CLOCK],
    },
    {
      provide: LoginRateLimiter,
      useFactory: (settings: AuthSettings, clock: AuthClock) =>
        new LoginRateLimiter(
          { limit: settings.loginRateLimit.limit, windowMs: settings.loginRateLimit.windowSeconds * 1000 },
          () => clock.now(),
        ),
      inject: [AUTH_SETTINGS, AUTH_CLOCK],
    },
    UsersService,
    AuthService,
    {
      provide: OidcSubjectDirectory,
      useFactory: (store: IdentityStore, clock: AuthClock) => new OidcSubjectDirectory(store.subjects, clock),
      inject: [IDENTITY_STORE, AUTH_CLOCK],
    },
    {
      provide: USER_DIRECTORY,
      useFactory: (settings: AuthSettings, users: UsersService, subjects: OidcSubjectDirectory) =>
        settings.mode === 'oidc' ? subjects : users,
      inject: [AUTH_SETTINGS, UsersService, OidcSubjectDirectory],
    },
    {
      provide: TOKEN_AUTHENTICATOR,
      useFactory: (
        settings: AuthSettings,
        local: AuthService,
        clock: AuthClock,
        subjects: OidcSubjectDirectory,
      ): TokenAuthenticator =>
        settings.oidc !== undefined ? new OidcAuthenticator(settings.oidc, clock, subjects) : local,
      inject: [AUTH_SETTINGS, AuthService, AUTH_CLOCK, OidcSubjectDirectory],
    },
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    IdentityStoreLifecycle,
    OidcWarmUp,
  ],
  exports: [UsersService, AuthService, USER_DIRECTORY, AUTH_SETTINGS, AUTH_CLOCK, TOKEN_AUTHENTICATOR],
})
export class AuthModule {}
