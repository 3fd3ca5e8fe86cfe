import { openAuthDatabase, type AuthDatabase } from '../store/auth-database';
import { AccessTokenDenylist } from './access-token-denylist';

const T0 = Date.parse('2026-03-01T08:00:00Z');

describe('AccessTokenDenylist', () => {
  let db: AuthDatabase;
  let denylist: AccessTokenDenylist;

  beforeEach(() => {
    db = openAuthDatabase(':memory:');
    denylist = new AccessTokenDenylist(db);
  });

  afterEach(() => db.close());

  const rows = (): number =>
    (db.prepare('SELECT COUNT(*) AS n FROM revoked_access_tokens').get() as { n: number }).n;

  it('denies a revoked jti until it expires, and no other', () => {
    denylist.revoke('jti-1', T0 + 900_000, T0);
    expect(denylist.isRevoked('jti-1')).toBe(true);
    expect(denylist.isRevoked('jti-2')).toBe(false);
  });

  it('keeps nothing for a token that has already expired', () => {
    denylist.revoke('jti-old', T0 - 1, T0);
    expect(rows()).toBe(0);
  });

  it('purges entries whose tokens have expired (they are refused by their exp anyway)', () => {
    denylist.revoke('jti-1', T0 + 1000, T0);
    denylist.revoke('jti-2', T0 + 900_000, T0 + 2000);
    expect(denylist.isRevoked('jti-1')).toBe(false);
    expect(denylist.isRevoked('jti-2')).toBe(true);
    expect(rows()).toBe(1);
  });

  it('revoking twice is harmless', () => {
    denylist.revoke('jti-1', T0 + 1000, T0);
    denylist.revoke('jti-1', T0 + 1000, T0);
    expect(rows()).toBe(1);
  });
});
