import { UsersService } from '@app/auth';
import type { Actor, Role } from '@app/domain';

/** One account per back-office role (and a second auditor, a regulator and an admin). */
const ACCOUNTS: { username: string; displayName: string; role: Role }[] = [
  { username: 'intake', displayName: '王芳 (受理审查员)', role: 'INTAKE_OFFICER' },
  { username: 'programme', displayName: '刘洋 (审核方案管理员)', role: 'PROGRAMME_MANAGER' },
  { username: 'lead-auditor', displayName: '陈静 (审核组长)', role: 'AUDITOR' },
  { username: 'auditor', displayName: '赵磊 (审核员)', role: 'AUDITOR' },
  { username: 'reviewer', displayName: '孙丽 (技术委员会委员)', role: 'TECHNICAL_REVIEWER' },
  { username: 'decider', displayName: '周强 (认证决定人员)', role: 'DECISION_MAKER' },
  { username: 'registry', displayName: '吴敏 (证书管理员)', role: 'REGISTRY_OFFICER' },
  { username: 'regulator', displayName: '郑华 (监管人员)', role: 'REGULATOR' },
  { username: 'admin', displayName: '系统管理员', role: 'ADMIN' },
];

/** Demo accounts share one well-known password: they are for trying the system out, never for production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export type DemoActors = Record<
  'intake' | 'programme' | 'leadAuditor' | 'auditor' | 'reviewer' | 'decider' | 'registry',
  Actor
>;

/** Creates the demo accounts that do not exist yet; returns the acting identities and what was created. */
export const ensureDemoUsers = async (
  users: UsersService,
): Promise<{ actors: DemoActors; created: string[]; existing: string[] }> => {
  const created: string[] = [];
  const existing: string[] = [];
  const ids = new Map<string, string>();
  for (const account of ACCOUNTS) {
    const found = await users.findByUsername(account.username);
    if (found) {
      existing.push(account.username);
      ids.set(account.username, found.id);
      continue;
    }
    const user = await users.create({
      username: account.username,
      password: DEMO_PASSWORD,
      roles: [account.role],
      displayName: account.displayName,
    });
    created.push(account.username);
    ids.set(account.username, user.id);
  }
  const actor = (username: string, role: Role): Actor => ({ id: ids.get(username)!, role });
  return {
    actors: {
      intake: actor('intake', 'INTAKE_OFFICER'),
      programme: actor('programme', 'PROGRAMME_MANAGER'),
      leadAuditor: actor('lead-auditor', 'AUDITOR'),
      auditor: actor('auditor', 'AUDITOR'),
      reviewer: actor('reviewer', 'TECHNICAL_REVIEWER'),
      decider: actor('decider', 'DECISION_MAKER'),
      registry: actor('registry', 'REGISTRY_OFFICER'),
    },
    created,
    existing,
  };
};

export const demoAccounts = (): { username: string; role: Role }[] =>
  ACCOUNTS.map(({ username, role }) => ({ username, role }));
