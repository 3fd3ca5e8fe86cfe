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
  it('carry every column, data and metadata decoded, as plain values a copy keeps', () => {
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
    // A copy (e.g. an upcast event) holds every field as a plain value.
    expect(Object.getOwnPropertyDescriptor({ ...event }, 'metadata')).toMatchObject({ value: METADATA });
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
    expect(unreadable(() => storedEventOf(row('{"actor":')))).toMatchObject({
      streamId: 'certificate-CMM-ICS-2026-00001',
      revision: 3,
      message: expect.stringContaining('certificate-CMM-ICS-2026-00001@3 cannot be decoded'),
    });
  });
});
