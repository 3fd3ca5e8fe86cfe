import { UnreadableEventError } from '../errors';
import { positionFromSequence } from '../position';
import { storedEventOf } from './event-rows';
import type { EventRow } from './event-rows';

const METADATA = {
  actor: { id: 'user-registry', role: 'REGISTRY_OFFICER' },
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: null,
  schemeVersion: 'CMM-525-0002/v1',
  prevHash: '00ff',
  hash: 'ab12',
};

const row = (metadata: string): EventRow => [
  7,
  'e0000000-0000-4000-8000-000000000007',
  'certificate-CMM-ICS-2026-00001',
  3,
  'CertificateSuspended',
  1,
  '{"reason":"overdue surveillance"}',
  metadata,
  '2026-01-02T03:04:05.000Z',
];

describe('events read from SQLite rows', () => {
  it('carry every column, the metadata parsed on first read and the same object after', () => {
    const event = storedEventOf(row(JSON.stringify(METADATA)));
    expect(event).toEqual({
      id: 'e0000000-0000-4000-8000-000000000007',
      type: 'CertificateSuspended',
      schemaVersion: 1,
      data: { reason: 'overdue surveillance' },
      metadata: METADATA,
      streamId: 'certificate-CMM-ICS-2026-00001',
      streamRevision: 3,
      globalPosition: positionFromSequence(7),
      recordedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(event.metadata).toBe(event.metadata);
    // A copy (e.g. an upcast event) holds the metadata as a plain value.
    const copy = { ...event };
    expect(Object.getOwnPropertyDescriptor(copy, 'metadata')).toMatchObject({ value: METADATA });
  });

  it('do not parse the metadata until it is read', () => {
    const event = storedEventOf(row('{not json'));
    expect(event.data).toEqual({ reason: 'overdue surveillance' });
    expect(() => event.metadata).toThrow(UnreadableEventError);
  });

  it('name the stream and revision of stored text that no longer decodes, data or metadata', () => {
    const damaged = row(JSON.stringify(METADATA));
    damaged[6] = '["reason":"overdue surveillance"}';
    const unreadable = (read: () => unknown): UnreadableEventError => {
      try {
        read();
      } catch (error) {
        if (error instanceof UnreadableEventError) return error;
        throw error;
      }
      throw new Error('read without an error');
    };
    expect(unreadable(() => storedEventOf(damaged))).toMatchObject({
      code: 'UNREADABLE_EVENT',
      streamId: 'certificate-CMM-ICS-2026-00001',
      revision: 3,
      cause: expect.any(SyntaxError),
    });
    expect(unreadable(() => storedEventOf(row('{"actor":')).metadata)).toMatchObject({
      streamId: 'certificate-CMM-ICS-2026-00001',
      revision: 3,
      message: expect.stringContaining('certificate-CMM-ICS-2026-00001@3 cannot be decoded'),
    });
  });

  it('take a metadata assigned to them', () => {
    const event = storedEventOf(row(JSON.stringify(METADATA)));
    const replaced = { ...METADATA, hash: 'cd34' };
    event.metadata = replaced;
    expect(event.metadata).toBe(replaced);
  });
});
