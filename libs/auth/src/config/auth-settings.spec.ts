import { validateEnvironment } from '@app/config';
import { RoleMapError } from '../oidc/role-mapping';
import { AuthConfigurationError, authSettingsFrom } from './auth-settings';

const settingsOf = (raw: Record<string, string>) => authSettingsFrom(validateEnvironment(raw));

describe('authSettingsFrom', () => {
  it('defaults to local mode with the documented limits', () => {
    expect(settingsOf({})).toEqual({
      mode: 'local',
      issuer: 'certification-backend',
      audience: 'certification-api',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 28800,
      lockout: { threshold: 5, minutes: 15 },
      loginRateLimit: { limit: 10, windowSeconds: 60 },
    });
  });

  it('reads the OpenID Connect settings', () => {
    const settings = settingsOf({
      AUTH_MODE: 'oidc',
      AUTH_OIDC_ISSUER: 'https://sso.example.cn/realms/cert',
      AUTH_OIDC_AUDIENCE: 'certification-api',
      AUTH_OIDC_ROLES_CLAIM: 'realm_access.roles',
      AUTH_OIDC_ROLE_MAP: '{"cert-auditor":"AUDITOR"}',
    });
    expect(settings.oidc).toEqual({
      issuer: 'https://sso.example.cn/realms/cert',
      audience: 'certification-api',
      jwksUrl: undefined,
      rolesClaim: 'realm_access.roles',
      roleMap: new Map([['cert-auditor', ['AUDITOR']]]),
      clockToleranceSeconds: 30,
    });
  });

  it('needs the issuer and the audience in oidc mode (environment validation names them)', () => {
    expect(() => settingsOf({ AUTH_MODE: 'oidc' })).toThrow(/AUTH_OIDC_ISSUER[\s\S]*AUTH_OIDC_AUDIENCE/);
  });

  it('refuses a plain-http provider other than on this machine', () => {
    const base = { AUTH_MODE: 'oidc', AUTH_OIDC_AUDIENCE: 'api' };
    expect(() => settingsOf({ ...base, AUTH_OIDC_ISSUER: 'http://sso.example.cn' })).toThrow(
      AuthConfigurationError,
    );
    expect(() =>
      settingsOf({
        ...base,
        AUTH_OIDC_ISSUER: 'https://sso.example.cn',
        AUTH_OIDC_JWKS_URL: 'http://sso.example.cn/jwks',
      }),
    ).toThrow(AuthConfigurationError);
    expect(settingsOf({ ...base, AUTH_OIDC_ISSUER: 'http://127.0.0.1:8080/realms/x' }).oidc?.issuer).toBe(
      'http://127.0.0.1:8080/realms/x',
    );
  });

  it('refuses a role map that grants SYSTEM, and one that is not JSON', () => {
    const base = { AUTH_MODE: 'oidc', AUTH_OIDC_ISSUER: 'https://sso.example.cn', AUTH_OIDC_AUDIENCE: 'api' };
    expect(() => settingsOf({ ...base, AUTH_OIDC_ROLE_MAP: '{"timer":"SYSTEM"}' })).toThrow(RoleMapError);
    expect(() => settingsOf({ ...base, AUTH_OIDC_ROLE_MAP: 'AUDITOR' })).toThrow(/AUTH_OIDC_ROLE_MAP/);
  });

  it('refuses out-of-range limits', () => {
    expect(() => settingsOf({ AUTH_LOCKOUT_THRESHOLD: '0' })).toThrow(/AUTH_LOCKOUT_THRESHOLD/);
    expect(() => settingsOf({ AUTH_REFRESH_TTL_SECONDS: '10' })).toThrow(/AUTH_REFRESH_TTL_SECONDS/);
    expect(() => settingsOf({ AUTH_MODE: 'ldap' })).toThrow(/AUTH_MODE/);
  });
});
