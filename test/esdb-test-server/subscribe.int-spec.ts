import {
  END,
  START,
  UnavailableError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { event, eventually, uniqueStream, useServer } from './test-helpers';

/** Records what a subscription emits, in order, caught-up marker included. */
const record = (subscription: NodeJS.EventEmitter) => {
  const seen: string[] = [];
  const errors: unknown[] = [];
  subscription.on('data', (r: ResolvedEvent | AllStreamResolvedEvent) =>
    seen.push(`${r.event!.streamId}:${r.event!.type}`),
  );
  subscription.on('caughtUp', () => seen.push('caughtUp'));
  subscription.on('error', (e: unknown) => errors.push(e));
  return { seen, errors, user: () => seen.filter((s) => !s.startsWith('$')) };
};

describe('ESDB test server: subscriptions through the real client', () => {
  const h = useServer();

  it('subscribeToStream: stored events, caughtUp, then events appended after subscribing', async () => {
    const stream = uniqueStream('sub');
    await h.client.appendToStream(stream, [event('A'), event('B')]);
    const subscription = h.client.subscribeToStream(stream, { fromRevision: START });
    const r = record(subscription);
    await eventually('catch-up', () => r.seen.includes('caughtUp'));
    await h.client.appendToStream(uniqueStream('other'), event('Noise'));
    await h.client.appendToStream(stream, event('C'));
    await eventually('live event', () => r.seen.length === 4);
    await subscription.unsubscribe();
    expect(r.seen).toEqual([`${stream}:A`, `${stream}:B`, 'caughtUp', `${stream}:C`]);
    expect(r.errors).toEqual([]);
  });

  it('subscribeToStream from a revision is exclusive; from END delivers only new events', async () => {
    const stream = uniqueStream('sub');
    await h.client.appendToStream(stream, [event('A'), event('B'), event('C')]);
    const fromOne = record(h.client.subscribeToStream(stream, { fromRevision: 1n }));
    const fromEnd = h.client.subscribeToStream(stream, { fromRevision: END });
    const tail = record(fromEnd);
    await eventually('catch-up', () => fromOne.seen.includes('caughtUp') && tail.seen.includes('caughtUp'));
    await h.client.appendToStream(stream, event('D'));
    await eventually('live event', () => fromOne.seen.length === 3 && tail.seen.length === 2);
    expect(fromOne.seen).toEqual([`${stream}:C`, 'caughtUp', `${stream}:D`]);
    expect(tail.seen).toEqual(['caughtUp', `${stream}:D`]);
    await fromEnd.unsubscribe();
  });

  it('subscribeToAll: the whole log, caughtUp, then live events; from a position is exclusive', async () => {
    const stream = uniqueStream('all');
    await h.client.appendToStream(stream, [event('A'), event('B')]);
    const everything = h.client.subscribeToAll({ fromPosition: START });
    const r = record(everything);
    await eventually('catch-up', () => r.seen.includes('caughtUp'));
    expect(r.seen.some((s) => s.startsWith('$'))).toBe(true);
    expect(r.user().slice(-3)).toEqual([`${stream}:A`, `${stream}:B`, 'caughtUp']);

    const positions: Position[] = [];
    everything.on('data', (e: AllStreamResolvedEvent) => positions.push(e.event!.position!));
    await h.client.appendToStream(stream, [event('C'), event('D')]);
    await eventually('live events', () => positions.length === 2);
    expect(r.user().slice(-2)).toEqual([`${stream}:C`, `${stream}:D`]);

    const resumed = h.client.subscribeToAll({ fromPosition: positions[0] });
    const after = record(resumed);
    await eventually('resumed catch-up', () => after.seen.includes('caughtUp'));
    expect(after.seen).toEqual([`${stream}:D`, 'caughtUp']);
    await Promise.all([everything.unsubscribe(), resumed.unsubscribe()]);
  });

  it('filters subscribeToAll by stream prefix, event type prefix and regex, and excludes system events', async () => {
    const tag = uniqueStream('f');
    await h.client.appendToStream(`${tag}.cert-1`, [event('CertApplied'), event('CertGranted')]);
    await h.client.appendToStream(`${tag}.audit-1`, event('AuditScheduled'));
    await h.client.setStreamMetadata(`${tag}.cert-1`, { maxCount: 10 });
    const subscriptions = {
      prefix: h.client.subscribeToAll({
        filter: streamNameFilter({ prefixes: [`${tag}.cert-`, 'nothing-'] }),
      }),
      type: h.client.subscribeToAll({ filter: eventTypeFilter({ prefixes: ['Audit'] }) }),
      regex: h.client.subscribeToAll({ filter: streamNameFilter({ regex: `^${tag}\\.(audit|cert)-1$` }) }),
      noSystem: h.client.subscribeToAll({ filter: excludeSystemEvents() }),
    };
    const r = Object.fromEntries(Object.entries(subscriptions).map(([k, s]) => [k, record(s)]));
    await eventually('catch-up', () => Object.values(r).every((x) => x.seen.includes('caughtUp')));
    await h.client.appendToStream(`${tag}.audit-1`, event('AuditDone'));
    await h.client.appendToStream(`${tag}.cert-2`, event('CertApplied'));
    await eventually(
      'live',
      () => r.prefix.seen.length === 4 && r.type.seen.includes(`${tag}.audit-1:AuditDone`),
    );
    await eventually('live', () => r.noSystem.seen.includes(`${tag}.cert-2:CertApplied`));
    expect(r.prefix.seen).toEqual([
      `${tag}.cert-1:CertApplied`,
      `${tag}.cert-1:CertGranted`,
      'caughtUp',
      `${tag}.cert-2:CertApplied`,
    ]);
    expect(r.type.seen.filter((s) => s.startsWith(tag) || s === 'caughtUp')).toEqual([
      `${tag}.audit-1:AuditScheduled`,
      'caughtUp',
      `${tag}.audit-1:AuditDone`,
    ]);
    expect(r.regex.seen.filter((s) => s !== 'caughtUp')).toEqual([
      `${tag}.cert-1:CertApplied`,
      `${tag}.cert-1:CertGranted`,
      `${tag}.audit-1:AuditScheduled`,
      `${tag}.audit-1:AuditDone`,
    ]);
    // excludeSystemEvents is an event-type regex: the `$metadata` event of `$$…` and the seeded `$` types go.
    expect(r.noSystem.seen.some((s) => s.includes(':$'))).toBe(false);
    expect(r.noSystem.seen).toContain(`${tag}.cert-1:CertApplied`);
    await Promise.all(Object.values(subscriptions).map((s) => s.unsubscribe()));
  });

  it('sends checkpoints for filtered $all subscriptions every checkpointInterval × search window events', async () => {
    const checkpoints: Position[] = [];
    const tag = uniqueStream('cp');
    const subscription = h.client.subscribeToAll({
      filter: streamNameFilter({
        prefixes: [tag],
        maxSearchWindow: 2,
        checkpointInterval: 1,
        checkpointReached: (_s, position) => void checkpoints.push(position),
      }),
    });
    const r = record(subscription);
    await eventually('catch-up', () => r.seen.includes('caughtUp'));
    const before = checkpoints.length;
    expect(before).toBeGreaterThan(0);
    await h.client.appendToStream(uniqueStream('noise'), [
      event('N1'),
      event('N2'),
      event('N3'),
      event('N4'),
    ]);
    await eventually('checkpoints through skipped events', () => checkpoints.length >= before + 2);
    const sorted = [...checkpoints].sort((a, b) => (a.commit < b.commit ? -1 : 1));
    expect(checkpoints).toEqual(sorted);
    expect(r.seen).toEqual(['caughtUp']);
    await subscription.unsubscribe();
  });

  it('dropSubscriptions() ends every open subscription with an error the client surfaces', async () => {
    const stream = uniqueStream('drop');
    await h.client.appendToStream(stream, event('A'));
    const toStream = record(h.client.subscribeToStream(stream));
    const toAll = record(h.client.subscribeToAll({ filter: excludeSystemEvents() }));
    await eventually('catch-up', () => toStream.seen.includes('caughtUp') && toAll.seen.includes('caughtUp'));
    h.server.dropSubscriptions();
    await eventually('errors', () => toStream.errors.length === 1 && toAll.errors.length === 1);
    expect(toStream.errors[0]).toBeInstanceOf(UnavailableError);
    expect(toAll.errors[0]).toBeInstanceOf(UnavailableError);
    // The server keeps serving: a new subscription and appends work after the drop.
    const again = h.client.subscribeToStream(stream);
    const r = record(again);
    await h.client.appendToStream(stream, event('B'));
    await eventually('resubscribed', () => r.seen.length === 3);
    expect(r.seen).toEqual([`${stream}:A`, 'caughtUp', `${stream}:B`]);
    await again.unsubscribe();
  });
});
