import type { Environment } from '@app/config';
import { parseRoleMap, type RoleMap } from '../oidc/role-mapping';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Unset: discovered from the issuer's `.well-known/openid-configuration`. */
  jwksUrl?: string;
  rolesClaim: string;
  /** Unset: provider role names equal to ours are taken as they are. */
  roleMap?: RoleMap;
  clockToleranceSeconds: number;
}

/** Everything identity reads from the environment, resolved once. */
export interface AuthSettings {
  mode: 'local' | 'oidc';
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  lockout: { threshold: number; minutes: number };
  loginRateLimit: { limit: number; windowSeconds: number };
  oidc?: OidcSettings;
}

export type AuthEnvironment = Pick<
  Environment,
  | 'AUTH_MODE'
  | 'AUTH_JWT_ISSUER'
  | 'AUTH_JWT_AUDIENCE'
  | 'AUTH_TOKEN_TTL_SECONDS'
  | 'AUTH_REFRESH_TTL_SECONDS'
  | 'AUTH_LOCKOUT_THRESHOLD'
  | 'AUTH_LOCKOUT_MINUTES'
  | 'AUTH_LOGIN_RATE_LIMIT'
  | 'AUTH_LOGIN_RATE_WINDOW_SECONDS'
  | 'AUTH_OIDC_ISSUER'
  | 'AUTH_OIDC_AUDIENCE'
  | 'AUTH_OIDC_JWKS_URL'
  | 'AUTH_OIDC_ROLES_CLAIM'
  | 'AUTH_OIDC_ROLE_MAP'
  | 'AUTH_OIDC_CLOCK_TOLERANCE_SECONDS'
>;

export class AuthConfigurationError extends Error {
  override readonly name = 'AuthConfigurationError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Provider URLs are https, except on this machine (a local test provider, a sidecar). */
const checkProviderUrl = (variable: string, value: string): void => {
  const url = new URL(value);
  if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new AuthConfigurationError(`${variable} must be an https:// URL (http:// only for localhost)`);
  }
};

/** The environment's identity settings; a bad OIDC configuration stops start-up with the variable named. */
export const authSettingsFrom = (env: AuthEnvironment): AuthSettings => {
  const settings: AuthSettings = {
    mode: env.AUTH_MODE,
    issuer: env.AUTH_JWT_ISSUER,
    audience: env.AUTH_JWT_AUDIENCE,
    accessTokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.AUTH_REFRESH_TTL_SECONDS,
    lockout: { threshold: env.AUTH_LOCKOUT_THRESHOLD, minutes: env.AUTH_LOCKOUT_MINUTES },
    loginRateLimit: { limit: env.AUTH_LOGIN_RATE_LIMIT, windowSeconds: env.AUTH_LOGIN_RATE_WINDOW_SECONDS },
  };
  if (env.AUTH_MODE !== 'oidc') return settings;

  if (!env.AUTH_OIDC_ISSUER || !env.AUTH_OIDC_AUDIENCE) {
    throw new AuthConfigurationError('AUTH_MODE=oidc needs AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE');
  }
  checkProviderUrl('AUTH_OIDC_ISSUER', env.AUTH_OIDC_ISSUER);
  if (env.AUTH_OIDC_JWKS_URL) checkProviderUrl('AUTH_OIDC_JWKS_URL', env.AUTH_OIDC_JWKS_URL);
  return {
    ...settings,
    oidc: {
      issuer: env.AUTH_OIDC_ISSUER,
      audience: env.AUTH_OIDC_AUDIENCE,
      jwksUrl: env.AUTH_OIDC_JWKS_URL || undefined,
      rolesClaim: env.AUTH_OIDC_ROLES_CLAIM,
      roleMap: env.AUTH_OIDC_ROLE_MAP ? parseRoleMap(env.AUTH_OIDC_ROLE_MAP) : undefined,
      clockToleranceSeconds: env.AUTH_OIDC_CLOCK_TOLERANCE_SECONDS,
    },
  };
};
