import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Environment } from '@app/config';
import { AuthGuard } from './access/auth.guard';
import { AUTH_DATABASE, USER_DIRECTORY } from './auth.constants';
import { AuthController } from './http/auth.controller';
import { openAuthDatabase, type AuthDatabase } from './store/auth-database';
import { loadOrCreateJwtSecret } from './store/settings';
import { createAccessTokenSigner } from './tokens/access-token';
import { ACCESS_TOKEN_TTL, AuthService } from './tokens/auth.service';
import { UsersService } from './users/users.service';

type Config = ConfigService<Environment, true>;

@Injectable()
class AuthDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(AUTH_DATABASE) private readonly db: AuthDatabase) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Users, tokens and the global guard. Needs only the (global) ConfigService. Every route of the app is then
 * denied unless it declares @Public, @AnyAuthenticated or @Roles.
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    {
      provide: AUTH_DATABASE,
      useFactory: (config: Config) => openAuthDatabase(config.get('AUTH_DB_PATH', { infer: true })),
      inject: [ConfigService],
    },
    {
      provide: JwtService,
      useFactory: (config: Config, db: AuthDatabase) =>
        createAccessTokenSigner({
          secret: config.get('AUTH_JWT_SECRET', { infer: true }) ?? loadOrCreateJwtSecret(db),
          issuer: config.get('AUTH_JWT_ISSUER', { infer: true }),
          ttlSeconds: config.get('AUTH_TOKEN_TTL_SECONDS', { infer: true }),
        }),
      inject: [ConfigService, AUTH_DATABASE],
    },
    {
      provide: ACCESS_TOKEN_TTL,
      useFactory: (config: Config) => config.get('AUTH_TOKEN_TTL_SECONDS', { infer: true }),
      inject: [ConfigService],
    },
    UsersService,
    { provide: USER_DIRECTORY, useExisting: UsersService },
    AuthService,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    AuthDatabaseLifecycle,
  ],
  exports: [UsersService, AuthService, USER_DIRECTORY],
})
export class AuthModule {}
