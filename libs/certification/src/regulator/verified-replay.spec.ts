import { v4 as uuidv4 } from 'uuid';
import { SqliteEventStore, UpcasterRegistry } from '@app/event-store';
import { loadCertificateFile } from './certificate-file';
import { stateAt } from './point-in-time';
import { DECIDER, NUMBER, SCHEME, STORY, STREAM, at, storeWith } from './regulator.fixtures';
import { verifiedReplay } from './verified-replay';
import { verifyCertificateFile } from './verification';

const VERIFIED_AT = at('2030-01-02');

describe('verifiedReplay: the state at a moment and the verification of the events it was folded from', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = await storeWith(STORY.map((event) => [STREAM, event]));
  });
  afterEach(() => store.close());

  const position = (revision: number): number =>
    (
      store.database
        .prepare('SELECT global_position FROM events WHERE stream_id = ? AND stream_revision = ?')
        .get(STREAM, revision) as { global_position: number }
    ).global_position;

  it.each([at('2026-09-15'), at('2030-01-01')])(
    'answers at %s what the state and the verification answer separately',
    async (moment) => {
      const replay = await verifiedReplay(store, NUMBER, moment, VERIFIED_AT);
      expect(replay.state).toEqual(stateAt(await loadCertificateFile(store, NUMBER), moment));
      expect(replay.verification).toEqual(await verifyCertificateFile(store, NUMBER, VERIFIED_AT));
      expect(replay.verification.valid).toBe(true);
    },
  );

  it('reports a changed byte and still folds what the store holds', async () => {
    const suspendedAt = position(2);
    const { data } = store.database
      .prepare('SELECT data FROM events WHERE global_position = ?')
      .get(suspendedAt) as {
      data: string;
    };
    store.database
      .prepare('UPDATE events SET data = ? WHERE global_position = ?')
      .run(data.replace('2026-12-31', '2027-12-31'), suspendedAt);

    const replay = await verifiedReplay(store, NUMBER, at('2026-09-15'), VERIFIED_AT);

    expect(replay.verification.valid).toBe(false);
    expect(replay.verification.streams[0].firstBrokenLink).toMatchObject({
      revision: 2,
      reason: 'HASH_MISMATCH',
    });
    expect(replay.state?.certificate.state).toMatchObject({ status: 'SUSPENDED' });
    expect(JSON.stringify(replay.state)).toContain('2027-12-31');
  });

  it('gives no state when a stored event does not decode, and locates it', async () => {
    store.database
      .prepare('UPDATE events SET data = ? WHERE global_position = ?')
      .run('{"broken', position(3));

    const replay = await verifiedReplay(store, NUMBER, at('2030-01-01'), VERIFIED_AT);

    expect(replay.state).toBeNull();
    expect(replay.verification.valid).toBe(false);
    expect(replay.verification.streams[0]).toMatchObject({
      streamId: STREAM,
      events: STORY.length - 1,
      firstBrokenLink: { revision: 3, reason: 'UNREADABLE' },
    });
  });

  it('folds the latest schema of each event while verifying the stored bytes', async () => {
    const upcasting = SqliteEventStore.open({
      path: ':memory:',
      upcasters: new UpcasterRegistry().register('CertificateIssued', 1, (data) => ({
        ...data,
        scope: `${String(data.scope)} (v2)`,
      })),
    });
    try {
      const [issued] = STORY;
      await upcasting.append(
        STREAM,
        [
          {
            id: uuidv4(),
            type: issued.type,
            data: issued.data,
            metadata: {
              actor: DECIDER,
              occurredAt: issued.occurredAt,
              correlationId: uuidv4(),
              causationId: null,
              schemeVersion: SCHEME,
            },
          },
        ],
        'no_stream',
      );

      const replay = await verifiedReplay(upcasting, NUMBER, at('2026-06-02'), VERIFIED_AT);

      expect(replay.verification.valid).toBe(true);
      expect(replay.state?.certificate.state).toMatchObject({ status: 'VALID', scope: '智能客户服务 (v2)' });
    } finally {
      await upcasting.close();
    }
  });
});
