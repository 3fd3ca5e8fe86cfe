import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STREAM_REFERENCES_VERSION } from '@app/domain';
import { anEvent as event } from '@app/testing/event-store-contract';
import { StoreUnavailableError } from '../errors';
import { SCHEMA_VERSION } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

const CERTIFICATE = 'certificate-CMM-ICS-2026-00001';
const [INITIAL, RENEWAL, TAMPERED] = ['initial', 'renewal', 'tampered'].map((id) => `application-${id}`);
const [ISSUED_ON, RENEWS, TAMPERED_RENEWS] = [
  `${CERTIFICATE} → ${INITIAL}`,
  `${RENEWAL} → ${CERTIFICATE}`,
  `${TAMPERED} → ${CERTIFICATE}`,
];

describe('the stream references index of the SQLite store', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'stream-references-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** A store file holding a certificate, its renewal, and an application whose stored JSON no longer parses. */
  const storeFile = async (): Promise<string> => {
    const path = join(directory, `${randomUUID()}.sqlite`);
    const store = SqliteEventStore.open({ path });
    await store.append(CERTIFICATE, [event('CertificateIssued', { applicationId: 'initial' })], 'no_stream');
    await store.append(
      RENEWAL,
      [event('ApplicationSubmitted', { certificateNumber: 'CMM-ICS-2026-00001' })],
      'no_stream',
    );
    await store.append(
      TAMPERED,
      [event('ApplicationSubmitted', { certificateNumber: 'CMM-ICS-2026-00001' })],
      'no_stream',
    );
    await store.close();
    return path;
  };
  /** Edits the file directly, as an older version of the code (or an intruder) left it. */
  const edit = (path: string, sql: string): void => {
    const db = new Database(path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  const referencesIn = async (path: string) => {
    const store = SqliteEventStore.open({ path });
    try {
      return {
        references: (await store.findStreamReferences([CERTIFICATE]))
          .map(({ streamId, referencedStreamId }) => `${streamId} → ${referencedStreamId}`)
          .sort(),
        schemaVersion: store.database.pragma('user_version', { simple: true }) as number,
      };
    } finally {
      await store.close();
    }
  };

  it('is derived from the stored events when a store written before it (schema 1) is opened', async () => {
    const path = await storeFile();
    edit(
      path,
      `DROP TABLE stream_references; DROP TABLE stream_references_rules; PRAGMA user_version = 1;
       UPDATE events SET data = '{"certificateNumber":' WHERE stream_id = '${TAMPERED}';`,
    );
    // The event that no longer parses refers to nothing (verification reports it); the others are indexed.
    expect(await referencesIn(path)).toEqual({
      references: [RENEWS, ISSUED_ON],
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it('is derived again when it was derived with older rules', async () => {
    const path = await storeFile();
    edit(path, `DELETE FROM stream_references; UPDATE stream_references_rules SET version = 0;`);
    expect((await referencesIn(path)).references).toEqual([RENEWS, TAMPERED_RENEWS, ISSUED_ON]);
  });

  it('is kept as it is when it is current, and refused when derived by newer rules', async () => {
    const path = await storeFile();
    edit(path, `DELETE FROM stream_references WHERE stream_id = '${RENEWAL}';`);
    expect((await referencesIn(path)).references).toEqual([TAMPERED_RENEWS, ISSUED_ON]);
    edit(path, `UPDATE stream_references_rules SET version = ${STREAM_REFERENCES_VERSION + 1};`);
    expect(() => SqliteEventStore.open({ path })).toThrow(StoreUnavailableError);
  });
});
