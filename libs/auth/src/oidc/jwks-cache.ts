import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AuthClock } from '../auth.constants';

/** The signature algorithms accepted from the provider. Never `none`, never an HMAC (the key set is public). */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'] as const;
export type OidcAlgorithm = (typeof OIDC_ALGORITHMS)[number];

export const isOidcAlgorithm = (value: unknown): value is OidcAlgorithm =>
  typeof value === 'string' && (OIDC_ALGORITHMS as readonly string[]).includes(value);

/** A verification key of the provider's set, ready for jsonwebtoken. */
export interface ProviderKey {
  kid?: string;
  algorithm: OidcAlgorithm;
  /** SPKI PEM of the public key. */
  pem: string;
}

/** The key set could not be fetched and none is cached. */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

export interface JwksCacheOptions {
  /** At most one fetch per this period when a token names an unknown key (a flood of made-up `kid`s). */
  cooldownMs: number;
  /** Keys older than this are fetched again (keys the provider withdrew stop working). */
  maxAgeMs: number;
  timeoutMs: number;
}

export const DEFAULT_JWKS_CACHE_OPTIONS: JwksCacheOptions = {
  cooldownMs: 30_000,
  maxAgeMs: 10 * 60_000,
  timeoutMs: 5_000,
};

const MAX_DOCUMENT_BYTES = 512 * 1024;
const NOTHING_CACHED_RETRY_MS = 5_000;
const MIN_RSA_BITS = 2048;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** GET a JSON document of the provider: 2xx only, no redirects, bounded in time and size. */
export const fetchProviderJson = async (url: string, timeoutMs: number): Promise<unknown> => {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw new Error(`GET ${url}: document too large`);
  return JSON.parse(text) as unknown;
};

/** The public members only: a JWK that (wrongly) carries private parts is still read as a public key. */
const publicJwk = (jwk: Record<string, unknown>): JsonWebKey | undefined => {
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string') {
    return { kty: 'RSA', n: jwk.n, e: jwk.e };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  }
  return undefined;
};

/**
 * The usable signing keys of a JWKS document: RSA (≥ 2048 bits) for RS256 and P-256 for ES256; keys marked for
 * encryption, for another algorithm, or that do not parse are left out, not fatal.
 */
export const parseJwks = (document: unknown): ProviderKey[] => {
  if (!isRecord(document) || !Array.isArray(document.keys))
    throw new Error('not a JWKS document (no "keys")');
  const keys: ProviderKey[] = [];
  for (const jwk of document.keys as unknown[]) {
    if (!isRecord(jwk)) continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')))
      continue;
    const algorithm: OidcAlgorithm | undefined =
      jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' ? 'ES256' : undefined;
    if (algorithm === undefined || (jwk.alg !== undefined && jwk.alg !== algorithm)) continue;
    const members = publicJwk(jwk);
    if (members === undefined) continue;
    try {
      const key = createPublicKey({ key: members, format: 'jwk' });
      if (algorithm === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) continue;
      keys.push({
        kid: typeof jwk.kid === 'string' ? jwk.kid : undefined,
        algorithm,
        pem: key.export({ type: 'spki', format: 'pem' }).toString(),
      });
    } catch {
      continue;
    }
  }
  return keys;
};

/**
 * The provider's key set, cached: fetched on first use, again when older than maxAge, and when a token names a
 * key the cache does not know (the provider rotated its keys) — at most once per cooldown, so made-up `kid`s
 * cannot make us hammer the provider. A failed fetch keeps the keys already known.
 */
export class JwksCache {
  private readonly logger = new Logger('OidcJwks');
  private keys?: ProviderKey[];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private inflight?: Promise<void>;

  constructor(
    private readonly jwksUrl: () => Promise<string>,
    private readonly clock: AuthClock,
    private readonly options: JwksCacheOptions = DEFAULT_JWKS_CACHE_OPTIONS,
  ) {}

  /** Keys that may have signed a token with this header; empty when none (the token is then refused). */
  async keysFor(algorithm: OidcAlgorithm, kid: string | undefined): Promise<ProviderKey[]> {
    // A fetch under way (the start-up warm-up, another request's) is waited for rather than skipped.
    if (this.inflight !== undefined) await this.inflight;
    const now = this.clock.now();
    if (this.keys === undefined || now - this.fetchedAt >= this.options.maxAgeMs) {
      // Stale keys are refreshed at most once per cooldown (a provider that is down is not asked on every
      // request); with nothing cached every request fails, so the provider is asked again sooner.
      const retryMs =
        this.keys === undefined
          ? Math.min(NOTHING_CACHED_RETRY_MS, this.options.cooldownMs)
          : this.options.cooldownMs;
      if (now - this.lastAttemptAt >= retryMs) await this.reload();
    }
    if (this.keys === undefined) throw new JwksUnavailableError('the provider key set could not be fetched');
    let found = this.match(algorithm, kid);
    if (found.length === 0 && this.clock.now() - this.lastAttemptAt >= this.options.cooldownMs) {
      await this.reload();
      found = this.match(algorithm, kid);
    }
    return found;
  }

  /** Fetches the key set now (start-up warm-up); false when it failed. */
  async refresh(): Promise<boolean> {
    await this.reload();
    return this.keys !== undefined && this.lastAttemptAt === this.fetchedAt;
  }

  private match(algorithm: OidcAlgorithm, kid: string | undefined): ProviderKey[] {
    return (this.keys ?? []).filter(
      (key) => key.algorithm === algorithm && (kid === undefined || key.kid === kid),
    );
  }

  private reload(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    const attemptAt = this.clock.now();
    this.lastAttemptAt = attemptAt;
    try {
      const url = await this.jwksUrl();
      const keys = parseJwks(await fetchProviderJson(url, this.options.timeoutMs));
      this.keys = keys;
      this.fetchedAt = attemptAt;
      if (keys.length === 0)
        this.logger.warn(`The provider's key set at ${url} has no usable RS256/ES256 key`);
    } catch (error) {
      this.logger.warn(
        `Could not fetch the provider's key set: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
