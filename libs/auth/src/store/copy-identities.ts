import type { IdentityStore } from './identity-store.port';
import { JWT_SECRET_KEY } from './settings';

export interface IdentityCopyReport {
  /** Usernames copied. */
  copied: string[];
  /** Usernames whose account (same id) the target has already: left as the target has it, which may be newer. */
  present: string[];
  /** Accounts not copied because the target has another account of that username. */
  conflicts: { username: string; id: string; targetId: string }[];
  /** OpenID Connect subjects copied or brought up to date (the target's, when seen later, are kept). */
  subjects: number;
  /**
   * The generated access-token key: `copied`; `same` (the target has it already); `different` (the target has
   * another one, kept: tokens signed with the source's key are refused there unless AUTH_JWT_SECRET is set); or
   * `none` (the source has none).
   */
  jwtKey: 'copied' | 'same' | 'different' | 'none';
}

/**
 * Copies what a move to another identity store must keep — the accounts with their password hashes, roles, lockouts
 * and token versions; the subjects seen from an OpenID Connect provider; the generated access-token key — from one
 * store into another, e.g. from the embedded file into MongoDB when a deployment spreads over several hosts.
 * Sessions (refresh tokens) and the logout denylist are not copied: every user signs in again, and no access token
 * issued before the copy is accepted by the target, whose sessions it does not know. Running it again copies only
 * what is missing.
 */
export const copyIdentities = async (from: IdentityStore, to: IdentityStore): Promise<IdentityCopyReport> => {
  const report: IdentityCopyReport = { copied: [], present: [], conflicts: [], subjects: 0, jwtKey: 'none' };
  for (const user of await from.users.list()) {
    if ((await to.users.byId(user.id)) !== undefined) {
      report.present.push(user.username);
    } else if (await to.users.insert(user)) {
      report.copied.push(user.username);
    } else {
      const target = await to.users.byUsername(user.username);
      report.conflicts.push({ username: user.username, id: user.id, targetId: target?.id ?? 'unknown' });
    }
  }
  for (const subject of await from.subjects.list()) {
    const target = await to.subjects.byId(subject.id);
    if (target !== undefined && target.lastSeenAt >= subject.lastSeenAt) continue;
    await to.subjects.put(subject);
    report.subjects++;
  }
  const key = await from.settings.get(JWT_SECRET_KEY);
  if (key !== undefined) {
    const before = await to.settings.get(JWT_SECRET_KEY);
    const kept = await to.settings.putIfAbsent(JWT_SECRET_KEY, key);
    report.jwtKey = kept !== key ? 'different' : before === undefined ? 'copied' : 'same';
  }
  return report;
};
