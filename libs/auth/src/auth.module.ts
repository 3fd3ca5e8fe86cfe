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
  AUTH_DATABASE,
  AUTH_SETTINGS,
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
import { openAuthDatabase, type AuthDatabase } from './store/auth-database';
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
class AuthDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(AUTH_DATABASE) private readonly db: AuthDatabase) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
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
      provide: AUTH_DATABASE,
      useFactory: (config: Config) => openAuthDatabase(config.get('AUTH_DB_PATH', { infer: true })),
      inject: [ConfigService],
    },
    {
      provide: JwtService,
      useFactory: (config: Config, settings: AuthSettings, db: AuthDatabase) =>
        createAccessTokenSigner({
          secret: config.get('AUTH_JWT_SECRET', { infer: true }) ?? loadOrCreateJwtSecret(db),
          issuer: settings.issuer,
          audience: settings.audience,
          ttlSeconds: settings.accessTokenTtlSeconds,
        }),
      inject: [ConfigService, AUTH_SETTINGS, AUTH_DATABASE],
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
      useFactory: (db: AuthDatabase, clock: AuthClock) => new OidcSubjectDirectory(db, clock),
      inject: [AUTH_DATABASE, AUTH_CLOCK],
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
    AuthDatabaseLifecycle,
    OidcWarmUp,
  ],
  exports: [UsersService, AuthService, USER_DIRECTORY, AUTH_SETTINGS, AUTH_CLOCK, TOKEN_AUTHENTICATOR],
})
export class AuthModule {}
