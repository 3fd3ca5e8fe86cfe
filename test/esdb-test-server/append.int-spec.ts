import { randomUUID } from 'node:crypto';
import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  binaryEvent,
  jsonEvent,
} from '@eventstore/db-client';
import { collect, event, uniqueStream, useServer } from './test-helpers';

describe('ESDB test server: Streams.Append through the real client', () => {
  const h = useServer();

  it('appends with no_stream and answers the revision and a {commit, prepare} position', async () => {
    const stream = uniqueStream();
    const result = await h.client.appendToStream(stream, [event('A'), event('B')], {
      expectedRevision: NO_STREAM,
    });
    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(1n);
    expect(result.position).toBeDefined();
    expect(result.position!.commit).toBe(result.position!.prepare);
    const [, last] = await collect(h.client.readStream(stream));
    expect(last.event!.position).toEqual(result.position);
  });

  it('rejects no_stream on an existing stream with the current revision', async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, event('A'));
    const error = await h.client
      .appendToStream(stream, event('B'), { expectedRevision: NO_STREAM })
      .catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: NO_STREAM, actualVersion: 0n });
  });

  it('checks an exact revision: accepts the current one, rejects a stale one', async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [event('A'), event('B')]);
    const ok = await h.client.appendToStream(stream, event('C'), { expectedRevision: 1n });
    expect(ok.nextExpectedRevision).toBe(2n);
    const error = await h.client.appendToStream(stream, event('D'), { expectedRevision: 1n }).catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ expectedVersion: 1n, actualVersion: 2n });
  });

  it('rejects an exact revision on a missing stream with current no_stream', async () => {
    const error = await h.client
      .appendToStream(uniqueStream(), event('A'), { expectedRevision: 0n })
      .catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ expectedVersion: 0n, actualVersion: NO_STREAM });
  });

  it('checks stream_exists', async () => {
    const stream = uniqueStream();
    const error = await h.client
      .appendToStream(stream, event('A'), { expectedRevision: STREAM_EXISTS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ expectedVersion: STREAM_EXISTS, actualVersion: NO_STREAM });
    await h.client.appendToStream(stream, event('A'));
    const ok = await h.client.appendToStream(stream, event('B'), { expectedRevision: STREAM_EXISTS });
    expect(ok.nextExpectedRevision).toBe(1n);
  });

  it('answers wrong_expected_version in the response (not a gRPC error): success=false when not throwing', async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [event('A'), event('B')]);
    const lenient = EventStoreDBClient.connectionString(
      `${h.server.connectionString}&throwOnAppendFailure=false`,
    );
    try {
      const result = await lenient.appendToStream(stream, event('C'), { expectedRevision: NO_STREAM });
      expect(result).toEqual({ success: false, nextExpectedRevision: 1n, position: undefined });
    } finally {
      await lenient.dispose();
    }
  });

  it('treats a replay of the same ids at the same revisions as success with the original result', async () => {
    const stream = uniqueStream();
    const batch = [event('A', {}, randomUUID()), event('B', {}, randomUUID())];
    const first = await h.client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    await h.client.appendToStream(stream, event('C'), { expectedRevision: 1n });
    for (const expectedRevision of [NO_STREAM, ANY] as const) {
      const again = await h.client.appendToStream(stream, batch, { expectedRevision });
      expect(again).toEqual(first);
    }
    expect(await collect(h.client.readStream(stream))).toHaveLength(3);
  });

  it('replays idempotently after an exact revision too, but rejects the same ids at another revision', async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, event('A'));
    const tail = [event('B', {}, randomUUID())];
    const first = await h.client.appendToStream(stream, tail, { expectedRevision: 0n });
    expect(await h.client.appendToStream(stream, tail, { expectedRevision: 0n })).toEqual(first);
    await h.client.appendToStream(stream, event('C'));
    const error = await h.client
      .appendToStream(stream, [tail[0], event('D')], { expectedRevision: 0n })
      .catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('round-trips data, custom metadata bytes, type, content type, id and created exactly', async () => {
    const stream = uniqueStream();
    const id = randomUUID();
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const meta = Uint8Array.from([9, 8, 7]);
    const before = Date.now();
    await h.client.appendToStream(stream, [
      jsonEvent({ id, type: 'Json', data: { é: 'ü', n: [1, 2] }, metadata: { actor: 'x' } }),
      binaryEvent({ type: 'Bin', data: bytes, metadata: meta }),
    ]);
    const [json, bin] = (await collect(h.client.readStream(stream))).map((r) => r.event!);
    expect(json).toMatchObject({
      id,
      type: 'Json',
      isJson: true,
      data: { é: 'ü', n: [1, 2] },
      metadata: { actor: 'x' },
    });
    expect(json.streamId).toBe(stream);
    expect(json.revision).toBe(0n);
    expect(json.created.getTime()).toBeGreaterThanOrEqual(before);
    expect(json.created.getTime()).toBeLessThanOrEqual(Date.now());
    expect(bin).toMatchObject({ type: 'Bin', isJson: false });
    expect(Array.from(bin.data as Uint8Array)).toEqual(Array.from(bytes));
    expect(Array.from(bin.metadata as Uint8Array)).toEqual(Array.from(meta));
  });
});
