import { LRUCache } from 'lru-cache';
import type { AccessTokenClaims } from './access-token';

/** Tokens remembered at most: a few per active session (each refresh issues a new one). */
export const VERIFIED_TOKENS_KEPT = 1_000;

/**
 * Access tokens already verified (signature, issuer, audience, claims), by their exact text. A client sends the same
 * token with every request until it expires, and verifying it — base64, JSON, HMAC, the claims — cost the API thread
 * more than the rest of a request's authentication. Of what was checked, only the expiry depends on the time, so
 * `claimsOf` checks it again at every use; what the store says (denylist, session, user) is read for every request
 * as before. The least recently used tokens are forgotten first.
 */
export class VerifiedAccessTokens {
  private readonly verified: LRUCache<string, Readonly<AccessTokenClaims>>;

  constructor(max = VERIFIED_TOKENS_KEPT) {
    this.verified = new LRUCache({ max });
  }

  /** The claims of a token verified before that has not expired at `nowSeconds`; undefined otherwise. */
  claimsOf(token: string, nowSeconds: number): Readonly<AccessTokenClaims> | undefined {
    const claims = this.verified.get(token);
    if (claims === undefined) return undefined;
    // Expired from `exp` on, as jsonwebtoken counts it.
    if (nowSeconds >= claims.exp) {
      this.verified.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Call only with the claims a full verification of this very token returned. */
  remember(token: string, claims: AccessTokenClaims): Readonly<AccessTokenClaims> {
    const frozen = Object.freeze({ ...claims });
    this.verified.set(token, frozen);
    return frozen;
  }

  get size(): number {
    return this.verified.size;
  }
}
