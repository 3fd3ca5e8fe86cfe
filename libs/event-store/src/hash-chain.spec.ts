import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { computeEventHash, sealEvents, verifyStream, ZERO_HASH } from './hash-chain';
import { positionFromSequence } from './position';
import type { EventMetadata, RecordedEvent } from './event-store.port';

const metadata: EventMetadata = {
  actor: { id: 'user-registry', role: 'REGISTRY_OFFICER' },
  occurredAt: '2026-02-01T02:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  schemeVersion: 'CMM-525-0002/v1',
};

/** A stream of `count` sealed events as a store would return them. */
const chain = (count: number, streamId = 'certificate-1'): RecordedEvent[] =>
  sealEvents(
    streamId,
    0,
    ZERO_HASH,
    Array.from({ length: count }, (_, index) => ({
      type: 'Counted',
      schemaVersion: 1,
      data: { index },
      metadata,
    })),
  ).map((event, index) => ({
    ...event,
    id: `id-${index}`,
    data: event.data as Record<string, unknown>,
    streamId,
    streamRevision: index,
    globalPosition: positionFromSequence(10 + index * 2),
    recordedAt: '2026-02-01T02:00:01.000Z',
  }));

describe('hash chain', () => {
  it('hash = sha256hex(prevHash ‖ canonical JSON of the event without hash)', () => {
    const [first] = chain(1);
    const { hash, ...withoutHash } = first.metadata;
    const expected = createHash('sha256')
      .update(
        ZERO_HASH +
          canonicalJson({
            streamId: 'certificate-1',
            revision: 0,
            type: 'Counted',
            schemaVersion: 1,
            data: { index: 0 },
            metadata: withoutHash,
          }),
      )
      .digest('hex');
    expect(first.metadata.prevHash).toBe(ZERO_HASH);
    expect(hash).toBe(expected);
  });

  it('sealEvents continues a chain from a revision and previous hash, ignoring a supplied hash', () => {
    const whole = chain(3);
    const [continued] = sealEvents('certificate-1', 2, whole[1].metadata.hash, [
      {
        type: 'Counted',
        schemaVersion: 1,
        data: { index: 2 },
        metadata: { ...metadata, hash: 'forged' } as EventMetadata,
      },
    ]);
    expect(continued.metadata).toEqual(whole[2].metadata);
  });

  it('the hash covers the stream id and the revision', () => {
    const input = {
      streamId: 's',
      revision: 0,
      type: 'T',
      schemaVersion: 1,
      data: {},
      metadata: { ...metadata, prevHash: ZERO_HASH },
    };
    const hash = computeEventHash(input);
    expect(computeEventHash({ ...input, streamId: 't' })).not.toBe(hash);
    expect(computeEventHash({ ...input, revision: 1 })).not.toBe(hash);
  });

  describe('verifyStream', () => {
    it('accepts an intact stream and reports its head hash and count', () => {
      const events = chain(5);
      expect(verifyStream(events)).toEqual({
        streamId: 'certificate-1',
        valid: true,
        headHash: events[4].metadata.hash,
        eventCount: 5,
      });
    });

    it('accepts an empty stream', () => {
      expect(verifyStream([], 'x')).toEqual({
        streamId: 'x',
        valid: true,
        headHash: ZERO_HASH,
        eventCount: 0,
      });
    });

    it('reports HASH_MISMATCH when data changed', () => {
      const events = chain(5);
      events[3] = { ...events[3], data: { index: 99 } };
      expect(verifyStream(events).firstBrokenLink).toMatchObject({ revision: 3, reason: 'HASH_MISMATCH' });
    });

    it('reports HASH_MISMATCH when metadata changed', () => {
      const events = chain(5);
      events[2] = {
        ...events[2],
        metadata: { ...events[2].metadata, actor: { id: 'intruder', role: 'ADMIN' } },
      };
      expect(verifyStream(events)).toMatchObject({
        valid: false,
        firstBrokenLink: { revision: 2, reason: 'HASH_MISMATCH' },
      });
    });

    it('reports PREV_HASH_MISMATCH when an event was replaced with a self-consistent one', () => {
      const events = chain(5);
      const [forged] = sealEvents('certificate-1', 2, 'f'.repeat(64), [
        { type: 'Counted', schemaVersion: 1, data: { index: 2 }, metadata },
      ]);
      events[2] = { ...events[2], metadata: forged.metadata };
      expect(verifyStream(events).firstBrokenLink).toMatchObject({
        revision: 2,
        reason: 'PREV_HASH_MISMATCH',
      });
    });

    it('reports REVISION_GAP at the first missing revision', () => {
      const events = chain(5);
      expect(verifyStream([...events.slice(0, 2), ...events.slice(3)]).firstBrokenLink).toMatchObject({
        revision: 2,
        reason: 'REVISION_GAP',
      });
      expect(verifyStream(events.slice(1)).firstBrokenLink).toMatchObject({
        revision: 0,
        reason: 'REVISION_GAP',
      });
    });

    it('reports OUT_OF_ORDER for revisions going back or a global order contradicting the stream order', () => {
      const events = chain(4);
      expect(verifyStream([events[0], events[1], events[1], events[3]]).firstBrokenLink).toMatchObject({
        revision: 2,
        reason: 'OUT_OF_ORDER',
      });
      const swapped = events.map((event) => ({ ...event }));
      [swapped[1].globalPosition, swapped[2].globalPosition] = [
        swapped[2].globalPosition,
        swapped[1].globalPosition,
      ];
      expect(verifyStream(swapped).firstBrokenLink).toMatchObject({ revision: 2, reason: 'OUT_OF_ORDER' });
    });

    it('reports STREAM_MISMATCH for an event of another stream', () => {
      const events = chain(3);
      events[1] = { ...events[1], streamId: 'certificate-2' };
      expect(verifyStream(events).firstBrokenLink).toMatchObject({ revision: 1, reason: 'STREAM_MISMATCH' });
    });
  });
});
