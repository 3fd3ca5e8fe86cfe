import type { Position } from '@app/event-store';
import type { OutboundMessage } from '../kafka/status-event-publisher.port';
import { SendPipeline, type RelayEntry } from './send-pipeline';
import { FakePublisher } from './testing/fake-publisher';
import { waitUntil } from './testing/relay-fixtures';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
const message = (n: number, key = `CMM-${n}`): OutboundMessage => ({
  key,
  value: JSON.stringify({ n }),
  headers: { ce_id: `event-${n}` },
});
const entry = (n: number, key?: string): RelayEntry => ({ message: message(n, key), position: at(n) });
const idsOf = (messages: readonly OutboundMessage[]) => messages.map((m) => m.headers.ce_id);

describe('SendPipeline', () => {
  let publisher: FakePublisher;
  let acknowledged: bigint[];
  let failures: Error[];

  const pipeline = (bounds: { batchSize?: number; batchBytes?: number } = {}) =>
    new SendPipeline({
      publisher,
      batchSize: bounds.batchSize ?? 100,
      batchBytes: bounds.batchBytes ?? 1024 * 1024,
      acknowledged: (position) => {
        acknowledged.push(position.commit);
        return Promise.resolve();
      },
      failed: (error) => failures.push(error),
    });

  beforeEach(() => {
    publisher = new FakePublisher();
    acknowledged = [];
    failures = [];
  });

  it('sends what arrives during an in-flight send together in the next send, in order, then acknowledges it', async () => {
    const live = pipeline();
    live.goLive();
    publisher.hold();
    live.push(entry(1, 'CMM-A'));
    await waitUntil(() => publisher.pendingSends === 1);
    live.push(entry(2, 'CMM-B'));
    live.push(entry(3, 'CMM-A'));
    live.push({ message: null, position: at(4) });
    live.push(entry(5, 'CMM-C'));
    expect(publisher.pendingSends).toBe(1);
    publisher.release();
    await waitUntil(() => acknowledged.length === 2);
    expect(publisher.batches.map(idsOf)).toEqual([['event-1'], ['event-2', 'event-3', 'event-5']]);
    expect(acknowledged).toEqual([1n, 5n]);
    await live.close();
  });

  it('during catch-up sends only full batches (bounded by batchSize), and what is left once live', async () => {
    const catchingUp = pipeline({ batchSize: 2 });
    publisher.hold();
    for (let n = 1; n <= 5; n += 1) catchingUp.push(entry(n));
    await waitUntil(() => publisher.pendingSends === 1);
    publisher.release();
    await waitUntil(() => acknowledged.length === 2);
    expect(publisher.batches.map(idsOf)).toEqual([
      ['event-1', 'event-2'],
      ['event-3', 'event-4'],
    ]);
    catchingUp.push({ message: null, position: at(6) });
    catchingUp.goLive();
    await waitUntil(() => acknowledged.length === 3);
    expect(publisher.batches.map(idsOf)[2]).toEqual(['event-5']);
    expect(acknowledged).toEqual([2n, 4n, 6n]);
    await catchingUp.close();
  });

  it('sends the next batch while the previous checkpoint is stored, and stores checkpoints one after another', async () => {
    const storing: { position: bigint; done: () => void }[] = [];
    const overlapping = new SendPipeline({
      publisher,
      batchSize: 2,
      batchBytes: 1024 * 1024,
      acknowledged: (position) =>
        new Promise((resolve) => storing.push({ position: position.commit, done: resolve })),
      failed: (error) => failures.push(error),
    });
    for (let n = 1; n <= 6; n += 1) overlapping.push(entry(n));
    await waitUntil(() => publisher.batches.length === 2);
    expect(storing.map((s) => s.position)).toEqual([2n]);
    storing[0].done();
    await waitUntil(() => storing.length === 2 && publisher.batches.length === 3);
    expect(storing.map((s) => s.position)).toEqual([2n, 4n]);
    storing[1].done();
    await waitUntil(() => storing.length === 3);
    const closed = overlapping.close();
    let settled = false;
    void closed.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    storing[2].done();
    await closed;
    expect(storing.map((s) => s.position)).toEqual([2n, 4n, 6n]);
    expect(failures).toEqual([]);
  });

  it('stops at a checkpoint that fails to store, sending nothing after the send that was out meanwhile', async () => {
    const stored: bigint[] = [];
    const failing = new SendPipeline({
      publisher,
      batchSize: 2,
      batchBytes: 1024 * 1024,
      acknowledged: (position) => {
        stored.push(position.commit);
        return Promise.reject(new Error('checkpoint race lost'));
      },
      failed: (error) => failures.push(error),
    });
    for (let n = 1; n <= 6; n += 1) failing.push(entry(n));
    await waitUntil(() => failures.length === 1);
    await failing.close();
    expect(failing.error?.message).toBe('checkpoint race lost');
    expect(stored).toEqual([2n]);
    expect(publisher.batches.map(idsOf)).toEqual([
      ['event-1', 'event-2'],
      ['event-3', 'event-4'],
    ]);
  });

  it('bounds a batch by bytes, sending a message larger than the bound alone', async () => {
    const size =
      Buffer.byteLength('CMM-1') + Buffer.byteLength('{"n":1}') + 'ce_id'.length + 'event-1'.length;
    const bounded = pipeline({ batchBytes: 2 * size });
    bounded.push(entry(1));
    bounded.push(entry(2));
    bounded.push(entry(3));
    bounded.push({ message: { ...message(4), value: 'x'.repeat(3 * size) }, position: at(4) });
    bounded.push(entry(5));
    bounded.goLive();
    await waitUntil(() => acknowledged.length === 4);
    expect(publisher.batches.map(idsOf)).toEqual([
      ['event-1', 'event-2'],
      ['event-3'],
      ['event-4'],
      ['event-5'],
    ]);
    await bounded.close();
  });

  it('holds the reader while a full batch waits behind the send in flight', async () => {
    const live = pipeline({ batchSize: 2 });
    live.goLive();
    publisher.hold();
    live.push(entry(1));
    await waitUntil(() => publisher.pendingSends === 1);
    live.push(entry(2));
    live.push(entry(3));
    let room = false;
    void live.room().then(() => (room = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(room).toBe(false);
    publisher.release();
    await waitUntil(() => room);
    await waitUntil(() => acknowledged.length === 2);
    await live.close();
  });

  it('after a failed send acknowledges nothing more, drops what waits and reports the failure once', async () => {
    const live = pipeline();
    live.goLive();
    live.push(entry(1));
    await waitUntil(() => acknowledged.length === 1);
    publisher.partialFailure = 0;
    publisher.hold();
    live.push(entry(2));
    await waitUntil(() => publisher.pendingSends === 1);
    live.push(entry(3));
    publisher.release();
    await waitUntil(() => failures.length === 1);
    live.push(entry(4));
    await live.close();
    await expect(live.room()).resolves.toBeUndefined();
    expect(live.error?.message).toBe('broker failed mid-batch (fake)');
    expect(failures).toHaveLength(1);
    expect(acknowledged).toEqual([1n]);
    expect(idsOf(publisher.acknowledged)).toEqual(['event-1']);
  });

  it('close waits for the send in flight and its acknowledgement, and starts no other', async () => {
    const live = pipeline({ batchSize: 1 });
    live.goLive();
    publisher.hold();
    live.push(entry(1));
    await waitUntil(() => publisher.pendingSends === 1);
    live.push(entry(2));
    const closed = live.close();
    publisher.release();
    await closed;
    expect(acknowledged).toEqual([1n]);
    expect(idsOf(publisher.delivered)).toEqual(['event-1']);
  });
});
