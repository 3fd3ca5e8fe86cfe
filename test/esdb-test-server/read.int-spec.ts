import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError } from '@eventstore/db-client';
import { collect, event, uniqueStream, useServer } from './test-helpers';

describe('ESDB test server: readStream through the real client', () => {
  const h = useServer();
  let stream: string;
  const types = ['E0', 'E1', 'E2', 'E3', 'E4'];
  const read = async (options: Parameters<typeof h.client.readStream>[1]) =>
    (await collect(h.client.readStream(stream, options))).map((r) => [r.event!.revision, r.event!.type]);

  beforeAll(async () => {
    stream = uniqueStream('order');
    await h.client.appendToStream(
      stream,
      types.map((t) => event(t)),
    );
  });

  it('reads forwards from the start, from a revision (inclusive), with a count', async () => {
    expect(await read({})).toEqual(types.map((t, i) => [BigInt(i), t]));
    expect(await read({ fromRevision: 3n })).toEqual([
      [3n, 'E3'],
      [4n, 'E4'],
    ]);
    expect(await read({ fromRevision: START, maxCount: 2 })).toEqual([
      [0n, 'E0'],
      [1n, 'E1'],
    ]);
    expect(await read({ fromRevision: END, direction: FORWARDS })).toEqual([]);
  });

  it('reads backwards from the end, from a revision (inclusive), with a count', async () => {
    expect(await read({ direction: BACKWARDS, fromRevision: END })).toEqual(
      types.map((t, i) => [BigInt(i), t]).reverse(),
    );
    expect(await read({ direction: BACKWARDS, fromRevision: END, maxCount: 1 })).toEqual([[4n, 'E4']]);
    expect(await read({ direction: BACKWARDS, fromRevision: 2n, maxCount: 2 })).toEqual([
      [2n, 'E2'],
      [1n, 'E1'],
    ]);
  });

  it('reports a missing stream as StreamNotFoundError', async () => {
    await expect(collect(h.client.readStream(uniqueStream('missing')))).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
  });

  it('truncates stream reads to the last $maxCount events set in the $$ metadata stream', async () => {
    const capped = uniqueStream('capped');
    await h.client.appendToStream(
      capped,
      types.map((t) => event(t)),
    );
    await h.client.setStreamMetadata(capped, { maxCount: 2 });
    expect((await h.client.getStreamMetadata(capped)).metadata).toEqual({ maxCount: 2 });
    const revisions = async (options = {}) =>
      (await collect(h.client.readStream(capped, options))).map((r) => r.event!.revision);
    expect(await revisions()).toEqual([3n, 4n]);
    expect(await revisions({ direction: BACKWARDS, fromRevision: END })).toEqual([4n, 3n]);
    await h.client.appendToStream(capped, event('E5'));
    expect(await revisions()).toEqual([4n, 5n]);
    // Revisions keep counting: the next append still expects the real last revision.
    await h.client.appendToStream(capped, event('E6'), { expectedRevision: 5n });
    await h.client.setStreamMetadata(capped, { truncateBefore: 6 });
    expect(await revisions()).toEqual([6n]);
  });
});

describe('ESDB test server: readAll through the real client', () => {
  const h = useServer();
  const positionsOf = (events: { event?: { position?: { commit: bigint } } }[]) =>
    events.map((e) => e.event!.position!.commit);

  beforeAll(async () => {
    await h.client.appendToStream('cert-1', [event('Applied'), event('Granted')]);
    await h.client.appendToStream('audit-1', [event('Scheduled')]);
    await h.client.appendToStream('cert-2', [event('Applied')]);
  });

  it('holds the system events of a fresh node first, then the appended events in order', async () => {
    const all = (await collect(h.client.readAll())).map((r) => r.event!);
    const user = all.filter((e) => !e.streamId.startsWith('$'));
    expect(all.findIndex((e) => !e.streamId.startsWith('$'))).toBeGreaterThan(0);
    expect(user.map((e) => [e.streamId, e.type])).toEqual([
      ['cert-1', 'Applied'],
      ['cert-1', 'Granted'],
      ['audit-1', 'Scheduled'],
      ['cert-2', 'Applied'],
    ]);
    const positions = positionsOf(all.map((event) => ({ event })));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('reads backwards from the end with a count', async () => {
    const last = (
      await collect(h.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }))
    ).map((r) => [r.event!.streamId, r.event!.type]);
    expect(last).toEqual([
      ['cert-2', 'Applied'],
      ['audit-1', 'Scheduled'],
    ]);
    expect(await collect(h.client.readAll({ direction: BACKWARDS, fromPosition: START }))).toEqual([]);
    expect(await collect(h.client.readAll({ direction: FORWARDS, fromPosition: END }))).toEqual([]);
  });

  it('reads from a position: inclusive forwards, exclusive backwards, as EventStoreDB does', async () => {
    const all = await collect(h.client.readAll());
    const audit = all.find((r) => r.event!.streamId === 'audit-1')!.event!.position!;
    const forwards = await collect(h.client.readAll({ fromPosition: audit, maxCount: 2 }));
    expect(forwards.map((r) => r.event!.streamId)).toEqual(['audit-1', 'cert-2']);
    const backwards = await collect(
      h.client.readAll({ fromPosition: audit, direction: BACKWARDS, maxCount: 2 }),
    );
    expect(backwards.map((r) => r.event!.type)).toEqual(['Granted', 'Applied']);
    expect(forwards[0].commitPosition).toBe(audit.commit);
  });
});
