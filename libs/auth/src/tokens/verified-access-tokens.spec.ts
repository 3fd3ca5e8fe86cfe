import type { AccessTokenClaims } from './access-token';
import { VerifiedAccessTokens } from './verified-access-tokens';

const claims = (jti: string, exp: number): AccessTokenClaims => ({
  sub: 'user-1',
  username: 'alice',
  roles: ['AUDITOR'],
  jti,
  sid: 'session-1',
  tv: 1,
  iss: 'certification-backend',
  aud: 'certification-api',
  iat: exp - 900,
  exp,
});

describe('VerifiedAccessTokens', () => {
  it('gives the claims of a remembered token until its expiry, and forgets it from then on', () => {
    const tokens = new VerifiedAccessTokens();
    tokens.remember('token-a', claims('a', 2_000));

    expect(tokens.claimsOf('token-a', 1_999)).toEqual(claims('a', 2_000));
    expect(tokens.claimsOf('token-a', 2_000)).toBeUndefined();
    // Forgotten: even a clock set back does not bring it back without a new verification.
    expect(tokens.claimsOf('token-a', 1_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('knows a token only by its exact text', () => {
    const tokens = new VerifiedAccessTokens();
    tokens.remember('header.payload.signature', claims('a', 2_000));

    expect(tokens.claimsOf('header.payload.signaturf', 1_000)).toBeUndefined();
    expect(tokens.claimsOf('header.payload.signature ', 1_000)).toBeUndefined();
    expect(tokens.claimsOf('header.payload.signature', 1_000)?.jti).toBe('a');
  });

  it('keeps at most its bound, forgetting the least recently used token first', () => {
    const tokens = new VerifiedAccessTokens(2);
    tokens.remember('token-a', claims('a', 2_000));
    tokens.remember('token-b', claims('b', 2_000));
    expect(tokens.claimsOf('token-a', 1_000)?.jti).toBe('a');
    tokens.remember('token-c', claims('c', 2_000));

    expect(tokens.size).toBe(2);
    expect(tokens.claimsOf('token-b', 1_000)).toBeUndefined();
    expect(tokens.claimsOf('token-a', 1_000)?.jti).toBe('a');
    expect(tokens.claimsOf('token-c', 1_000)?.jti).toBe('c');
  });

  it('hands out claims that a caller cannot change for the next request', () => {
    const tokens = new VerifiedAccessTokens();
    const verified = claims('a', 2_000);
    const remembered = tokens.remember('token-a', verified);
    verified.exp = 9_000;

    expect(Object.isFrozen(remembered)).toBe(true);
    expect(tokens.claimsOf('token-a', 2_000)).toBeUndefined();
  });
});
