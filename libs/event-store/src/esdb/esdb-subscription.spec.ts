import { Readable } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { isCaughtUp } from '../event-store.port';
import type { RecordedEvent, SubscriptionMessage } from '../event-store.port';
import type { Position } from '../position';
import { EsdbSubscription } from './esdb-subscription';
import type { SubscriptionSource } from './esdb-subscription';

/** A client subscription double: a paused-able object stream plus `unsubscribe`. */
class FakeClientSubscription extends Readable {
  unsubscribed = false;
  constructor(readonly from: Position | undefined) {
    super({ objectMode: true, read: () => undefined });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
}

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
const resolvedAt = (n: number, streamId = 'app-1'): AllStreamResolvedEvent =>
  ({ event: { id: `id-${n}`, streamId, type: 'T', position: at(n) } }) as unknown as AllStreamResolvedEvent;

const setup = (head: Position | null, from?: Position) => {
  const opened: FakeClientSubscription[] = [];
  const reasons: unknown[] = [];
  const source: SubscriptionSource = {
    headPosition: async () => head,
    open: (start) => {
      const fake = new FakeClientSubscription(start);
      opened.push(fake);
      return fake as unknown as AllStreamSubscription;
    },
    accept: (resolved) =>
      resolved.event?.streamId.startsWith('app-')
        ? ({ id: resolved.event.id, globalPosition: resolved.event.position } as unknown as RecordedEvent)
        : undefined,
    resubscribing: (reason) => reasons.push(reason),
    detach: () => undefined,
  };
  const subscription = new EsdbSubscription(source, from, {
    initialBackoffMs: 1,
    maxBackoffMs: 5,
    highWaterMark: 4,
  });
  const iterator = subscription[Symbol.asyncIterator]();
  const next = async (): Promise<SubscriptionMessage> => (await iterator.next()).value as SubscriptionMessage;
  const describe = (message: SubscriptionMessage): string =>
    isCaughtUp(message) ? `caughtUp@${message.position?.commit ?? 'null'}` : message.id;
  const take = async (count: number): Promise<string[]> => {
    const out: string[] = [];
    for (let index = 0; index < count; index++) out.push(describe(await next()));
    return out;
  };
  const waitOpened = async (count: number): Promise<FakeClientSubscription> => {
    while (opened.length < count) await new Promise((resolve) => setTimeout(resolve, 1));
    return opened[count - 1];
  };
  return { subscription, opened, reasons, take, waitOpened };
};

describe('EsdbSubscription', () => {
  it("queues the server's caught-up after the events the client had already buffered", async () => {
    const { subscription, take, waitOpened } = setup(at(100));
    const client = await waitOpened(1);
    client.pause();
    client.push(resolvedAt(1));
    client.push(resolvedAt(2));
    client.emit('caughtUp');
    client.push(resolvedAt(3));
    client.resume();
    expect(await take(4)).toEqual(['id-1', 'id-2', 'caughtUp@100', 'id-3']);
    await subscription.close();
  });

  it('without a caught-up from the server, signals it at the first event past the start head', async () => {
    const { subscription, take, waitOpened } = setup(at(5));
    const client = await waitOpened(1);
    client.push(resolvedAt(3));
    client.push(resolvedAt(7));
    client.emit('caughtUp'); // late: ignored, already signalled
    client.push(resolvedAt(8));
    expect(await take(4)).toEqual(['id-3', 'caughtUp@5', 'id-7', 'id-8']);
    await subscription.close();
  });

  it('signals caught-up at once on an empty log, and after the event at the start head', async () => {
    const empty = setup(null);
    expect(await empty.take(1)).toEqual(['caughtUp@null']);
    await empty.subscription.close();

    const atHead = setup(at(4));
    const client = await atHead.waitOpened(1);
    client.push(resolvedAt(2, '$system')); // filtered out, still advances the cursor
    client.push(resolvedAt(4));
    expect(await atHead.take(2)).toEqual(['id-4', 'caughtUp@4']);
    await atHead.subscription.close();
  });

  it('once caught up, says so again past events the exact filter skips, one message for a run of them', async () => {
    const { subscription, take, waitOpened } = setup(at(1));
    const client = await waitOpened(1);
    client.push(resolvedAt(1));
    expect(await take(2)).toEqual(['id-1', 'caughtUp@1']);
    client.pause();
    client.push(resolvedAt(2, 'other-1'));
    client.push(resolvedAt(3, 'other-1'));
    client.push(resolvedAt(4));
    client.push(resolvedAt(5, 'other-2'));
    client.resume();
    expect(await take(3)).toEqual(['caughtUp@3', 'id-4', 'caughtUp@5']);
    await subscription.close();
  });

  it('resubscribes from the last received position and skips what an inclusive server repeats', async () => {
    const { subscription, take, waitOpened, reasons } = setup(at(2), at(0));
    const first = await waitOpened(1);
    first.push(resolvedAt(1));
    first.push(resolvedAt(2));
    expect(await take(3)).toEqual(['id-1', 'id-2', 'caughtUp@2']);
    first.emit('error', new Error('UNAVAILABLE'));
    const second = await waitOpened(2);
    expect(first.unsubscribed).toBe(true);
    expect(second.from).toEqual(at(2));
    second.push(resolvedAt(2)); // repeated by a server that treats `from` as inclusive
    second.emit('caughtUp'); // not signalled twice
    second.push(resolvedAt(3));
    first.push(resolvedAt(99)); // late data from the abandoned call is ignored
    expect(await take(1)).toEqual(['id-3']);
    expect(reasons).toHaveLength(1);
    second.push(null); // the server ended the call: also a drop
    const third = await waitOpened(3);
    expect(third.from).toEqual(at(3));
    await subscription.close();
    expect(third.unsubscribed).toBe(true);
  });

  it('pauses the client stream while the consumer lags and resumes when it drains', async () => {
    const { subscription, take, waitOpened } = setup(at(1));
    const client = await waitOpened(1);
    for (let n = 1; n <= 6; n++) client.push(resolvedAt(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.isPaused()).toBe(true);
    expect(await take(7)).toEqual(['id-1', 'caughtUp@1', 'id-2', 'id-3', 'id-4', 'id-5', 'id-6']);
    expect(client.isPaused()).toBe(false);
    await subscription.close();
  });

  it('close() ends a waiting consumer and unsubscribes', async () => {
    const { subscription, waitOpened } = setup(at(1));
    const client = await waitOpened(1);
    const waiting = subscription[Symbol.asyncIterator]().next();
    await subscription.close();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(client.unsubscribed).toBe(true);
  });
});
