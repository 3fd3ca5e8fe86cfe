/**
 * Issue #10 — tampering with the SQLite event store is detected and located. The file of story 2 is written by the
 * real API to a SQLite file; the test then edits that file directly (better-sqlite3, as an intruder with access to
 * the disk would) and asks the verification endpoint, which recomputes every chain of the file from revision 0.
 * Each case is undone afterwards, and the file verifies again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyExportBundle } from '@app/certification';
import { SqliteEventStore } from '@app/event-store';
import type { TestUser } from '../e2e/api-harness';
import { startApi, type Api } from '../e2e/api-harness';
import { createStaff } from '../e2e/granted-certificate';
import { regulatorGet, revokedAfterAppeal, type InitialCertification } from './regulator-story';

interface Row {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}
interface Replay {
  verification: Report;
  state: { registryEntry: Record<string, unknown> | null } | null;
}
interface Report {
  valid: boolean;
  streams: {
    streamId: string;
    valid: boolean;
    events: number;
    headRevision: number | null;
    firstBrokenLink: { revision: number; reason: string; expected?: string; actual?: string } | null;
  }[];
}

describe('tampering with stored events is detected and located (SQLite store)', () => {
  let folder: string;
  let api: Api;
  let regulator: TestUser;
  let file: InitialCertification;
  let number: string;
  let db: Database.Database;
  let certificateStream: string;
  let auditStream: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'regulator-tamper-'));
    const path = join(folder, 'events.sqlite');
    api = await startApi('2026-05-04T02:00:00.000Z', {
      eventStore: async () => SqliteEventStore.open({ path }),
    });
    regulator = await api.user('regulator', ['REGULATOR']);
    file = await revokedAfterAppeal(api, await createStaff(api));
    number = file.number;
    certificateStream = `certificate-${number}`;
    auditStream = `audit-${file.auditId}`;
    db = new Database(path);
  });

  afterAll(async () => {
    db.close();
    await api.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const verification = () => regulatorGet<Report>(api, regulator, number, 'verification');
  const row = (streamId: string, revision: number): Row =>
    db
      .prepare('SELECT * FROM events WHERE stream_id = ? AND stream_revision = ?')
      .get(streamId, revision) as Row;
  const setColumn = (position: number, column: 'data' | 'metadata', value: string) =>
    db.prepare(`UPDATE events SET ${column} = ? WHERE global_position = ?`).run(value, position);
  const reinsert = (saved: Row) =>
    db
      .prepare(
        `INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data,
           metadata, recorded_at) VALUES (@global_position, @event_id, @stream_id, @stream_revision, @type,
           @schema_version, @data, @metadata, @recorded_at)`,
      )
      .run(saved);
  /** `text` with `from` replaced by `to` once, where the two differ in exactly one byte. */
  const oneByte = (text: string, from: string, to: string): string => {
    const [a, b] = [Buffer.from(from), Buffer.from(to)];
    expect(a.length).toBe(b.length);
    expect(a.filter((byte, i) => byte !== b[i])).toHaveLength(1);
    expect(text).toContain(from);
    return text.replace(from, to);
  };
  /** The streams that no longer verify, with where and why. */
  const broken = (report: Report) =>
    report.streams
      .filter((stream) => !stream.valid)
      .map((stream) => ({
        streamId: stream.streamId,
        revision: stream.firstBrokenLink?.revision,
        reason: stream.firstBrokenLink?.reason,
      }));

  it('given the untouched file: three streams, all valid', async () => {
    const report = await verification();
    expect(report.valid).toBe(true);
    // Certificate: issued, suspended, revocation opened, notice, appeal lodged, appeal decided, revoked = 7 events.
    expect(report.streams.map((s) => [s.streamId, s.events])).toEqual([
      [`application-${file.applicationId}`, 2],
      [auditStream, 13],
      [certificateStream, 7],
    ]);
  });

  it('one byte of an event’s data: HASH_MISMATCH at that revision — and a signed export does not launder it', async () => {
    // Revision 1 is the suspension; its deadline 2027-02-01 becomes 2027-02-09.
    const suspension = row(certificateStream, 1);
    expect(suspension.type).toBe('CertificateSuspended');
    const tampered = oneByte(suspension.data, '"deadline":"2027-02-01"', '"deadline":"2027-02-09"');
    expect(tampered).not.toBe(suspension.data);
    setColumn(suspension.global_position, 'data', tampered);
    try {
      const report = await verification();
      expect(report.valid).toBe(false);
      expect(broken(report)).toEqual([{ streamId: certificateStream, revision: 1, reason: 'HASH_MISMATCH' }]);
      const link = report.streams.find((s) => s.streamId === certificateStream)!.firstBrokenLink!;
      // The stored hash, and the one the altered content hashes to.
      expect(link.actual).toBe(JSON.parse(suspension.metadata).hash);
      expect(link.expected).not.toBe(link.actual);

      // The replay folds what the store holds and says, in the same answer, that it does not verify.
      const replay = await regulatorGet<Replay>(api, regulator, number, 'replay', {
        at: (JSON.parse(suspension.metadata) as { occurredAt: string }).occurredAt,
      });
      expect(replay.verification).toEqual(report);
      expect(replay.state?.registryEntry).toMatchObject({ status: 'SUSPENDED' });
      expect(JSON.stringify(replay.state)).toContain('"deadline":"2027-02-09"');

      // An export made now carries the altered bytes as stored: the offline check names the broken chain.
      const bundle = await regulatorGet(api, regulator, number, 'export');
      const result = verifyExportBundle(bundle);
      expect(result.checks.filter((c) => !c.ok)).toEqual([
        { name: `chain ${certificateStream}`, ok: false, detail: 'HASH_MISMATCH at revision 1' },
      ]);
    } finally {
      setColumn(suspension.global_position, 'data', suspension.data);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('one byte of an event’s metadata: HASH_MISMATCH at that revision', async () => {
    // The technical review's approval (audit revision 9): occurredAt 2026-05-27T02:00 → 2026-05-27T03:00.
    const review = row(auditStream, 9);
    expect(review.type).toBe('TechnicalReviewCompleted');
    setColumn(
      review.global_position,
      'metadata',
      oneByte(review.metadata, '"occurredAt":"2026-05-27T02:00', '"occurredAt":"2026-05-27T03:00'),
    );
    try {
      expect(broken(await verification())).toEqual([
        { streamId: auditStream, revision: 9, reason: 'HASH_MISMATCH' },
      ]);
    } finally {
      setColumn(review.global_position, 'metadata', review.metadata);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('one byte that breaks the stored JSON: UNREADABLE at that revision, the other streams still checked', async () => {
    const notice = row(certificateStream, 3);
    expect(notice.type).toBe('RevocationNoticeIssued');
    setColumn(notice.global_position, 'data', oneByte(notice.data, '{"', '["'));
    try {
      const report = await verification();
      expect(broken(report)).toEqual([{ streamId: certificateStream, revision: 3, reason: 'UNREADABLE' }]);
      expect(report.streams.filter((s) => s.valid)).toHaveLength(2);
      // Nothing to fold from a stream that cannot be read: the replay gives the verification and no state.
      const replay = await regulatorGet<Replay>(api, regulator, number, 'replay');
      expect(replay).toEqual({ verification: report, state: null });
      // What needs the decoded file answers that a stored event no longer decodes, and which one.
      for (const endpoint of ['state', 'history', 'timeline', 'export']) {
        expect(await regulatorGet(api, regulator, number, endpoint, {}, 500)).toEqual({
          statusCode: 500,
          code: 'UNREADABLE_EVENT',
          message: expect.stringContaining('verification'),
          details: { streamId: certificateStream, revision: 3 },
        });
      }
    } finally {
      setColumn(notice.global_position, 'data', notice.data);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('one byte that breaks an event’s stored metadata: UNREADABLE at that revision too', async () => {
    const scored = row(auditStream, 4);
    setColumn(scored.global_position, 'metadata', oneByte(scored.metadata, '{"', '["'));
    try {
      const report = await verification();
      expect(broken(report)).toEqual([{ streamId: auditStream, revision: 4, reason: 'UNREADABLE' }]);
      expect(report.streams.find((s) => s.streamId === auditStream)).toMatchObject({
        events: 12,
        headRevision: 12,
      });
      expect(await regulatorGet<Replay>(api, regulator, number, 'replay')).toEqual({
        verification: report,
        state: null,
      });
    } finally {
      setColumn(scored.global_position, 'metadata', scored.metadata);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('two events swapped in their stream: PREV_HASH_MISMATCH at the first of them', async () => {
    // The notice (revision 3) and the appeal (revision 4) trade places: revision 3 is now the appeal, which points
    // at the notice's hash, not at the hash of revision 2 (the opening of the procedure).
    const swap = () =>
      db.transaction(() => {
        db.prepare(`UPDATE events SET stream_revision = -1 WHERE stream_id = ? AND stream_revision = 3`).run(
          certificateStream,
        );
        db.prepare(`UPDATE events SET stream_revision = 3 WHERE stream_id = ? AND stream_revision = 4`).run(
          certificateStream,
        );
        db.prepare(`UPDATE events SET stream_revision = 4 WHERE stream_id = ? AND stream_revision = -1`).run(
          certificateStream,
        );
      })();
    swap();
    try {
      expect(row(certificateStream, 3).type).toBe('RevocationAppealLodged');
      expect(broken(await verification())).toEqual([
        { streamId: certificateStream, revision: 3, reason: 'PREV_HASH_MISMATCH' },
      ]);
    } finally {
      swap();
    }
    expect((await verification()).valid).toBe(true);
  });

  it('two events swapped in the log (positions): OUT_OF_ORDER at the later revision', async () => {
    // The audit's report (revision 5) and the response to its nonconformity (revision 6) trade log positions: the
    // stream order says 5 before 6, the log now says the opposite.
    const [report, response] = [row(auditStream, 5), row(auditStream, 6)];
    const move = (from: number, to: number) =>
      db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?').run(to, from);
    const swap = (a: number, b: number) =>
      db.transaction(() => {
        move(a, -1);
        move(b, a);
        move(-1, b);
      })();
    swap(report.global_position, response.global_position);
    try {
      expect(broken(await verification())).toEqual([
        { streamId: auditStream, revision: 6, reason: 'OUT_OF_ORDER' },
      ]);
    } finally {
      swap(report.global_position, response.global_position);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('an event deleted from the middle of a stream: REVISION_GAP at the missing revision', async () => {
    // Deleting the opening of the revocation procedure (revision 2) would hide the investigation.
    const opened = row(certificateStream, 2);
    expect(opened.type).toBe('RevocationOpened');
    db.prepare('DELETE FROM events WHERE global_position = ?').run(opened.global_position);
    try {
      const report = await verification();
      expect(broken(report)).toEqual([{ streamId: certificateStream, revision: 2, reason: 'REVISION_GAP' }]);
      expect(report.streams.find((s) => s.streamId === certificateStream)).toMatchObject({
        events: 6,
        headRevision: 6,
      });
    } finally {
      reinsert(opened);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('the first event of an audit deleted: the audit is still found (the certificate names it) and located at 0', async () => {
    // Without AuditScheduled the audit no longer shows up by its subject; CertificateIssued's grant names it.
    const scheduled = row(auditStream, 0);
    expect(scheduled.type).toBe('AuditScheduled');
    db.prepare('DELETE FROM events WHERE global_position = ?').run(scheduled.global_position);
    try {
      expect(broken(await verification())).toEqual([
        { streamId: auditStream, revision: 0, reason: 'REVISION_GAP' },
      ]);
    } finally {
      reinsert(scheduled);
    }
    expect((await verification()).valid).toBe(true);
  });

  it('the last event deleted leaves a valid but shorter chain: the head no longer matches an earlier export', async () => {
    const anchored = await regulatorGet<{
      manifest: { streams: { streamId: string; headRevision: number }[] };
    }>(api, regulator, number, 'export');
    const revoked = row(certificateStream, 6);
    db.prepare('DELETE FROM events WHERE global_position = ?').run(revoked.global_position);
    try {
      const report = await verification();
      // A chain cannot tell its own truncation; the head (revision 5 instead of 6) is the evidence.
      expect(report.valid).toBe(true);
      const head = report.streams.find((s) => s.streamId === certificateStream)!.headRevision;
      const exported = anchored.manifest.streams.find((s) => s.streamId === certificateStream)!.headRevision;
      expect([head, exported]).toEqual([5, 6]);
    } finally {
      reinsert(revoked);
    }
    expect((await verification()).valid).toBe(true);
  });
});
