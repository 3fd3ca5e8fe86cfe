import { userRecord } from '@app/testing/identity-store-contract';
import { copyIdentities } from './copy-identities';
import { JWT_SECRET_KEY } from './settings';
import { SqliteIdentityStore } from './sqlite-identity-store';

const T0 = Date.parse('2026-03-01T08:00:00Z');

describe('copyIdentities', () => {
  let from: SqliteIdentityStore;
  let to: SqliteIdentityStore;

  beforeEach(() => {
    from = SqliteIdentityStore.open(':memory:');
    to = SqliteIdentityStore.open(':memory:');
  });
  afterEach(async () => {
    await Promise.all([from.close(), to.close()]);
  });

  it('copies every account as it is, with its hash, roles, lockout and token version', async () => {
    const alice = userRecord({ username: 'alice', tokenVersion: 3, failedLogins: 2, lastLoginAt: T0 });
    const bob = userRecord({ username: 'bob', active: false, lockedUntil: T0 + 60_000, roles: ['ADMIN'] });
    await from.users.insert(alice);
    await from.users.insert(bob);
    const report = await copyIdentities(from, to);
    expect(report).toEqual({
      copied: ['alice', 'bob'],
      present: [],
      conflicts: [],
      subjects: 0,
      jwtKey: 'none',
    });
    expect(await to.users.list()).toEqual([alice, bob]);
  });

  it('copies only what is missing when run again, and keeps the target’s newer state', async () => {
    const alice = userRecord({ username: 'alice' });
    await from.users.insert(alice);
    await copyIdentities(from, to);
    await to.users.update('alice', { active: false }, { updatedAt: 'later', bumpTokenVersion: true });
    await from.users.insert(userRecord({ username: 'carol' }));
    const report = await copyIdentities(from, to);
    expect(report).toMatchObject({ copied: ['carol'], present: ['alice'], conflicts: [] });
    expect(await to.users.byUsername('alice')).toMatchObject({ active: false, tokenVersion: 1 });
  });

  it('reports an account whose username the target gives to another, and copies the rest', async () => {
    const theirs = userRecord({ username: 'alice' });
    await to.users.insert(theirs);
    const ours = userRecord({ username: 'alice' });
    await from.users.insert(ours);
    await from.users.insert(userRecord({ username: 'bob' }));
    const report = await copyIdentities(from, to);
    expect(report).toMatchObject({
      copied: ['bob'],
      conflicts: [{ username: 'alice', id: ours.id, targetId: theirs.id }],
    });
    expect(await to.users.byUsername('alice')).toEqual(theirs);
  });

  it('copies the subjects the target has not seen since, and the generated access-token key', async () => {
    const subject = { id: 's1', username: 'li', displayName: 'Li', roles: ['AUDITOR'], lastSeenAt: T0 };
    await from.subjects.put(subject);
    await from.subjects.put({ ...subject, id: 's2' });
    await to.subjects.put({ ...subject, id: 's2', roles: ['ADMIN'], lastSeenAt: T0 + 1 });
    await from.settings.putIfAbsent(JWT_SECRET_KEY, 'the key');
    const report = await copyIdentities(from, to);
    expect(report).toMatchObject({ subjects: 1, jwtKey: 'copied' });
    expect(await to.subjects.list()).toEqual([
      subject,
      { ...subject, id: 's2', roles: ['ADMIN'], lastSeenAt: T0 + 1 },
    ]);
    expect(await to.settings.get(JWT_SECRET_KEY)).toBe('the key');
    expect((await copyIdentities(from, to)).jwtKey).toBe('same');
  });

  it('keeps the target’s own access-token key and says so', async () => {
    await from.settings.putIfAbsent(JWT_SECRET_KEY, 'the file’s key');
    await to.settings.putIfAbsent(JWT_SECRET_KEY, 'the target’s key');
    expect((await copyIdentities(from, to)).jwtKey).toBe('different');
    expect(await to.settings.get(JWT_SECRET_KEY)).toBe('the target’s key');
  });
});
