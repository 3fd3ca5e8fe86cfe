import { JwtService } from '@nestjs/jwt';
import type { AuthenticatedUser } from '../access/request-context';
import type { AuthClock } from '../auth.constants';
import { identityProviderUnavailable, INVALID_TOKEN_MESSAGE, unauthenticated } from '../auth.errors';
import { AuthConfigurationError, type OidcSettings } from '../config/auth-settings';
import type { Authentication, TokenAuthenticator } from '../tokens/token-authenticator';
import {
  DEFAULT_JWKS_CACHE_OPTIONS,
  fetchProviderJson,
  isOidcAlgorithm,
  JwksCache,
  JwksUnavailableError,
  type JwksCacheOptions,
} from './jwks-cache';
import type { OidcSubjectDirectory } from './oidc-directory';
import { claimAt, mapRoles } from './role-mapping';

const MAX_SUBJECT_LENGTH = 255;
const MAX_NAME_LENGTH = 128;
/** Tokens naming several candidate keys (no `kid`) are tried against a few at most. */
const MAX_KEYS_TRIED = 3;

// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A printable name claim, or undefined. */
const nameClaim = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH || CONTROL_CHARACTERS.test(trimmed))
    return undefined;
  return trimmed;
};

const headerOf = (token: string): Record<string, unknown> | undefined => {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    return isRecord(header) ? header : undefined;
  } catch {
    return undefined;
  }
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `jwks_uri` of the issuer's discovery document, which must name the same issuer (OpenID Connect Discovery §4.3). */
export const discoverJwksUrl = async (issuer: string, timeoutMs: number): Promise<string> => {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const document = await fetchProviderJson(url, timeoutMs);
  if (!isRecord(document) || document.issuer !== issuer) {
    throw new AuthConfigurationError(`${url} names another issuer than AUTH_OIDC_ISSUER (${issuer})`);
  }
  if (typeof document.jwks_uri !== 'string') throw new AuthConfigurationError(`${url} has no jwks_uri`);
  const jwks = new URL(document.jwks_uri);
  if (jwks.protocol !== 'https:' && !LOOPBACK_HOSTS.has(jwks.hostname)) {
    throw new AuthConfigurationError(`${url}: jwks_uri must be https`);
  }
  return jwks.toString();
};

/**
 * AUTH_MODE=oidc: bearer tokens of the configured OpenID Connect provider. Checked: the algorithm (RS256 or ES256
 * only — `none` and HMAC, including HS256 keyed with the public key, are refused before any key is looked at),
 * the signature against the provider's key set, `iss`, `aud`, `exp` (required) and `nbf` with
 * AUTH_OIDC_CLOCK_TOLERANCE_SECONDS of leeway. The actor id is `sub` as it is (one issuer is trusted, so it is
 * unique); roles come from AUTH_OIDC_ROLES_CLAIM through the role map, SYSTEM never.
 */
export class OidcAuthenticator implements TokenAuthenticator {
  private readonly jwt = new JwtService();
  private readonly keys: JwksCache;
  private discovered?: Promise<string>;

  constructor(
    private readonly settings: OidcSettings,
    private readonly clock: AuthClock,
    private readonly directory: OidcSubjectDirectory,
    cacheOptions: JwksCacheOptions = DEFAULT_JWKS_CACHE_OPTIONS,
  ) {
    this.keys = new JwksCache(() => this.jwksUrl(cacheOptions.timeoutMs), clock, cacheOptions);
  }

  /** Fetches the key set ahead of the first request; a failure is logged and retried on use. */
  warmUp(): Promise<boolean> {
    return this.keys.refresh();
  }

  async authenticate(token: string): Promise<Authentication> {
    const header = headerOf(token);
    if (header === undefined || !isOidcAlgorithm(header.alg) || header.crit !== undefined) {
      throw unauthenticated(INVALID_TOKEN_MESSAGE);
    }
    if (header.kid !== undefined && typeof header.kid !== 'string')
      throw unauthenticated(INVALID_TOKEN_MESSAGE);

    let candidates;
    try {
      candidates = await this.keys.keysFor(header.alg, header.kid);
    } catch (error) {
      if (error instanceof JwksUnavailableError) throw identityProviderUnavailable();
      throw error;
    }

    let claims: unknown;
    for (const key of candidates.slice(0, MAX_KEYS_TRIED)) {
      try {
        claims = await this.jwt.verifyAsync<object>(token, {
          publicKey: key.pem,
          algorithms: [key.algorithm],
          issuer: this.settings.issuer,
          audience: this.settings.audience,
          clockTolerance: this.settings.clockToleranceSeconds,
          clockTimestamp: Math.floor(this.clock.now() / 1000),
        });
        break;
      } catch {
        claims = undefined;
      }
    }
    if (!isRecord(claims) || typeof claims.exp !== 'number') throw unauthenticated(INVALID_TOKEN_MESSAGE);
    const sub = claims.sub;
    if (
      typeof sub !== 'string' ||
      sub.length === 0 ||
      sub.length > MAX_SUBJECT_LENGTH ||
      CONTROL_CHARACTERS.test(sub)
    ) {
      throw unauthenticated(INVALID_TOKEN_MESSAGE);
    }

    const username = nameClaim(claims.preferred_username) ?? sub;
    const user: AuthenticatedUser = {
      id: sub,
      username,
      displayName: nameClaim(claims.name) ?? username,
      roles: mapRoles(claimAt(claims, this.settings.rolesClaim), this.settings.roleMap),
    };
    await this.directory.record(user);
    return {
      user,
      token: {
        source: 'oidc',
        jti: typeof claims.jti === 'string' ? claims.jti : undefined,
        expiresAt: claims.exp,
      },
    };
  }

  private jwksUrl(timeoutMs: number): Promise<string> {
    if (this.settings.jwksUrl !== undefined) return Promise.resolve(this.settings.jwksUrl);
    this.discovered ??= discoverJwksUrl(this.settings.issuer, timeoutMs).catch((error: unknown) => {
      // Not cached: the next fetch of the key set tries the discovery again.
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }
}
