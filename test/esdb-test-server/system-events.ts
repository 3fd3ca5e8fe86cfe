/**
 * The `$`-stream events a freshly started EventStoreDB node already has in `$all` (default users and the
 * default ACL settings). Approximate in content; what matters is that `$all` never starts empty and holds
 * system events a client must skip.
 */
import { randomUUID } from 'node:crypto';
import { nowTicks } from './encoding';
import type { EventLog } from './log';

const json = (value: object): Uint8Array => Uint8Array.from(Buffer.from(JSON.stringify(value), 'utf8'));

const systemEvent = (type: string, data: object) => ({
  id: randomUUID(),
  type,
  contentType: 'application/json',
  created: nowTicks(),
  data: json(data),
  customMetadata: new Uint8Array(),
});

export const seedSystemEvents = (log: EventLog): void => {
  for (const user of ['admin', 'ops']) {
    log.write(`$user-${user}`, [
      systemEvent('$UserCreated', { loginName: user, fullName: user, groups: [`$${user}s`] }),
    ]);
    log.write('$users', [systemEvent('$User', { loginName: user })]);
  }
  log.write('$settings', [
    systemEvent('$settings', {
      $userStreamAcl: { $r: '$all', $w: '$all' },
      $systemStreamAcl: { $r: '$admins' },
    }),
  ]);
};
