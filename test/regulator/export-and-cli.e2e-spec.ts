/**
 * Issue #10 — the signed export and the regulators' CLI. The file of story 2 is written by the real API to a SQLite
 * file; the export is checked offline with `npm run cli -- verify-export` (run as `npm run cli` runs it, in its own
 * process), valid first, then altered; `npm run cli -- replay` reads the same SQLite file.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyExportBundle, type ExportBundle } from '@app/certification';
import { SqliteEventStore } from '@app/event-store';
import type { TestUser } from '../e2e/api-harness';
import { as, startApi, type Api } from '../e2e/api-harness';
import { createStaff } from '../e2e/granted-certificate';
import {
  recordedReads,
  regulatorGet,
  revokedAfterAppeal,
  type InitialCertification,
} from './regulator-story';

const ROOT = resolve(__dirname, '../..');
/** Each CLI run starts ts-node (seconds each, more on a loaded machine). */
const CLI_TIMEOUT_MS = 120_000;

/** The CLI as `npm run cli` runs it (ts-node, path aliases), on the given SQLite file. */
const cli = (sqlitePath: string, args: string[]) =>
  spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/cli/src/main.ts',
      ...args,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, SQLITE_PATH: sqlitePath, LOG_LEVEL: 'warn' },
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

describe('signed export, verify-export and replay', () => {
  let folder: string;
  let sqlitePath: string;
  let api: Api;
  let regulator: TestUser;
  let file: InitialCertification;
  let number: string;
  let bundle: ExportBundle;
  let bundlePath: string;
  let keyPath: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'regulator-export-'));
    sqlitePath = join(folder, 'events.sqlite');
    api = await startApi('2026-05-04T02:00:00.000Z', {
      eventStore: async () => SqliteEventStore.open({ path: sqlitePath }),
    });
    regulator = await api.user('regulator', ['REGULATOR']);
    file = await revokedAfterAppeal(api, await createStaff(api));
    number = file.number;
    bundlePath = join(folder, `${number}.regulator-export.json`);
    keyPath = join(folder, 'signing-key.json');
  });

  afterAll(async () => {
    await api.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the signing key: Ed25519, its id the sha256 of the SPKI DER encoding', async () => {
    const response = await api
      .http()
      .get('/api/v1/regulator/signing-key')
      .set(...as(regulator))
      .expect(200);
    const key = response.body as { algorithm: string; keyId: string; publicKeyPem: string };
    expect(key.algorithm).toBe('Ed25519');
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex'));
    // Saved as answered: verify-export reads the PEM out of it.
    writeFileSync(keyPath, JSON.stringify(key));
  });

  it('exports the file as a signed bundle: stored events as JSON lines, a manifest of the heads and scheme versions', async () => {
    api.clock.set('2026-11-02T01:00:00.000Z');
    const response = await api
      .http()
      .get(`/api/v1/regulator/certificates/${number}/export`)
      .set(...as(regulator))
      .expect(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${number}.regulator-export.json"`,
    );
    bundle = response.body as ExportBundle;
    const verification = await regulatorGet<{
      streams: { streamId: string; events: number; headRevision: number; headHash: string }[];
    }>(api, regulator, number, 'verification');
    expect(bundle.manifest).toMatchObject({
      certificateNumber: number,
      exportedAt: '2026-11-02T01:00:00.000Z',
      exportedBy: { id: regulator.id, role: 'REGULATOR' },
      // Heads as the verification recomputed them: application, initial audit, certificate.
      streams: verification.streams.map(({ streamId, events, headRevision, headHash }) => ({
        streamId,
        events,
        headRevision,
        headHash,
      })),
      schemeVersions: ['CMM-525-0002@V1.0'],
      eventCount: 22,
      algorithm: 'Ed25519',
    });
    // The lines are the history's events, in the same order, as stored.
    const history = await regulatorGet<{ items: { eventId: string; hash: string }[] }>(
      api,
      regulator,
      number,
      'history',
    );
    const lines = bundle.events
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; metadata: { hash: string } });
    expect(lines.map((line) => [line.id, line.metadata.hash])).toEqual(
      history.items.map((i) => [i.eventId, i.hash]),
    );
    expect(verifyExportBundle(bundle).valid).toBe(true);
    writeFileSync(bundlePath, JSON.stringify(bundle, null, 2));
  });

  it(
    'verify-export: a genuine bundle passes every check (exit 0)',
    () => {
      const run = cli(sqlitePath, ['verify-export', bundlePath, '--public-key', keyPath]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines.map((line) => line.split(/\s{2,}/)[0])).toEqual([
        '✓ format',
        '✓ key',
        '✓ signature',
        '✓ events digest',
        '✓ events',
        '✓ log order',
        '✓ streams',
        `✓ chain application-${file.applicationId}`,
        `✓ chain audit-${file.auditId}`,
        `✓ chain certificate-${number}`,
        '✓ scheme versions',
        `export of ${number} is valid`,
      ]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'verify-export: one byte altered in the events fails (exit 1), naming the digest and the chain',
    () => {
      const altered = join(folder, 'altered-event.json');
      // One byte of the suspension's data (revision 1 of the certificate): its deadline 2027-02-01 → 2027-02-09.
      const text = readFileSync(bundlePath, 'utf8');
      const tampered = text.replace('\\"deadline\\":\\"2027-02-01\\"', '\\"deadline\\":\\"2027-02-09\\"');
      expect(tampered).not.toBe(text);
      writeFileSync(altered, tampered);
      const run = cli(sqlitePath, ['verify-export', altered, '--public-key', keyPath]);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/^✗ events digest +sha256 of the events is \w+, manifest says \w+$/m);
      expect(run.stdout).toMatch(
        new RegExp(`^✗ chain certificate-${number} +HASH_MISMATCH at revision 1$`, 'm'),
      );
      expect(run.stdout).toContain('✓ signature');
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
        `export INVALID — failed: events digest, chain certificate-${number}`,
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'verify-export: an altered manifest fails on the signature; another key fails on the key',
    () => {
      const altered = join(folder, 'altered-manifest.json');
      writeFileSync(
        altered,
        JSON.stringify({
          ...bundle,
          manifest: { ...bundle.manifest, exportedAt: '2026-11-01T01:00:00.000Z' },
        }),
      );
      const run = cli(sqlitePath, ['verify-export', altered]);
      expect(run.status).toBe(1);
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('export INVALID — failed: signature');

      const otherKey = join(folder, 'other.pem');
      writeFileSync(
        otherKey,
        generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
      );
      const wrongKey = cli(sqlitePath, ['verify-export', bundlePath, '--public-key', otherKey]);
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stdout.trimEnd().split('\n').at(-1)).toBe('export INVALID — failed: key, signature');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'replay: the timeline and the state at a moment as tables, read from the store; the read is recorded',
    async () => {
      const before = (await recordedReads(api)).length;
      const run = cli(sqlitePath, ['replay', number, '--at', '2026-09-25T00:00:00Z']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const out = run.stdout;
      expect(out).toContain(`Certificate ${number}: 22 events in 3 streams; status now REVOKED`);
      // The timeline table: one row per interval, dates and the events that began and ended them.
      expect(out).toMatch(/'VALID'\s*│ '2026-06-01' │ '2026-08-03' │ 'CertificateIssued: GRANT'/);
      expect(out).toMatch(
        /'SUSPENDED' │ '2026-08-03' │ '2026-10-21' │ 'CertificateSuspended: GENERAL_VIOLATION/,
      );
      expect(out).toMatch(
        /'REVOKED'\s*│ '2026-10-21' │ '\(now\)'\s*│ 'CertificateRevoked: SERIOUS_VIOLATION — 申诉已驳回'/,
      );
      expect(out).toContain("'RevocationNoticeIssued'");
      expect(out).toContain("'appeal window until 2026-10-03'");
      // The state at 2026-09-25: suspended, the appeal lodged; the registry showed it suspended.
      expect(out).toContain('State at 2026-09-25T00:00:00.000Z');
      expect(out).toContain("'APPEAL_LODGED (SERIOUS_VIOLATION)'");
      expect(out).toContain("'SUSPENDED (suspended)'");
      expect(out).toMatch(/Open audits\n {2}none/);
      // The chains of the very events replayed, recomputed.
      expect(out).toContain('Hash chains (recomputed from revision 0)');
      expect(out).toMatch(new RegExp(`'certificate-${number}'\\s*│\\s*7\\s*│\\s*6\\s*│ 'yes'`));
      expect(out.trimEnd().split('\n').at(-1)).toBe(`every chain of ${number} verifies`);

      const reads = await recordedReads(api);
      expect(reads).toHaveLength(before + 1);
      expect(reads.at(-1)).toMatchObject({
        data: { certificateNumber: number, endpoint: 'cli:replay', query: { at: '2026-09-25T00:00:00Z' } },
        metadata: { actor: { role: 'CLI', id: expect.stringMatching(/^cli:/) } },
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'replay: an altered file is replayed as stored, its broken link shown, and the exit code is 1',
    () => {
      const db = new Database(sqlitePath);
      const certificateStream = `certificate-${number}`;
      const suspension = db
        .prepare('SELECT global_position, data FROM events WHERE stream_id = ? AND stream_revision = 1')
        .get(certificateStream) as { global_position: number; data: string };
      const setData = (data: string) =>
        db
          .prepare('UPDATE events SET data = ? WHERE global_position = ?')
          .run(data, suspension.global_position);
      setData(suspension.data.replace('"deadline":"2027-02-01"', '"deadline":"2027-02-09"'));
      try {
        const run = cli(sqlitePath, ['replay', number, '--at', '2026-09-25T00:00:00Z']);
        expect(run.status).toBe(1);
        expect(run.stdout).toContain("'revision 1: HASH_MISMATCH'");
        expect(run.stdout).toContain('2027-02-09');
        expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
          `the file of ${number} does NOT verify: see the broken links above`,
        );
        const json = cli(sqlitePath, ['replay', number, '--json']);
        expect(json.status).toBe(1);
        const answer = JSON.parse(json.stdout) as { verification: { valid: boolean }; state: unknown };
        expect(answer.verification.valid).toBe(false);
        expect(answer.state).not.toBeNull();

        // Bytes that no longer decode: nothing to replay, the chain check says where.
        setData(suspension.data.replace('{"', '["'));
        const unreadable = cli(sqlitePath, ['replay', number]);
        expect(unreadable.status).toBe(1);
        expect(unreadable.stdout).toContain(`Certificate ${number}: a stored event no longer decodes`);
        expect(unreadable.stdout).toContain("'revision 1: UNREADABLE'");
      } finally {
        setData(suspension.data);
        db.close();
      }
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'replay: an unknown number or a bad time is refused',
    () => {
      const unknown = cli(sqlitePath, ['replay', 'CMM-ICS-2026-99999']);
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr).toMatch(/CMM-ICS-2026-99999/);
      const badTime = cli(sqlitePath, ['replay', number, '--at', '2026-09-25']);
      expect(badTime.status).not.toBe(0);
      expect(badTime.stderr).toContain('--at 2026-09-25: expected an ISO instant with a time zone');
    },
    CLI_TIMEOUT_MS,
  );
});
