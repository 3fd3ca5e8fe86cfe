import { canonicalJson } from '@app/event-store';
import { createHash } from 'node:crypto';
import type { CertificateFile } from './certificate-file';
import { buildExportBundle, verifyExportBundle, type ExportBundle } from './export-bundle';
import {
  AUDIT_ID,
  NUMBER,
  SCHEME,
  STORY,
  STREAM,
  at,
  storeWith,
  type StoryEvent,
} from './regulator.fixtures';
import { generateSigningKeyPem, signingKeyFromPem } from './signing-key';

const REGULATOR = { id: 'user-regulator', role: 'REGULATOR' };
const AUDIT_STREAM = `audit-${AUDIT_ID}`;
const key = signingKeyFromPem(generateSigningKeyPem(), 'memory');

const auditEvent = (type: string, date: string): StoryEvent => ({
  type,
  occurredAt: at(date),
  actor: { id: 'user-lead', role: 'AUDITOR' },
  data: { auditId: AUDIT_ID },
});

/** The certificate's stream and one audit stream, interleaved in the log as they would be. */
const file = async (): Promise<CertificateFile> => {
  const store = await storeWith([
    [AUDIT_STREAM, auditEvent('AuditScheduled', '2026-05-04')],
    [AUDIT_STREAM, auditEvent('AuditStarted', '2026-05-18')],
    ...STORY.slice(0, 3).map((event): [string, StoryEvent] => [STREAM, event]),
    [AUDIT_STREAM, auditEvent('DecisionNoticeRecorded', '2026-09-02')],
  ]);
  try {
    return {
      number: NUMBER,
      streams: [
        {
          streamId: AUDIT_STREAM,
          kind: 'audit',
          events: await store.readStream(AUDIT_STREAM, { raw: true }),
        },
        { streamId: STREAM, kind: 'certificate', events: await store.readStream(STREAM, { raw: true }) },
      ],
    };
  } finally {
    await store.close();
  }
};

const exported = async (): Promise<ExportBundle> =>
  buildExportBundle(await file(), { exportedAt: '2026-10-01T00:00:00.000Z', exportedBy: REGULATOR }, key);

const failed = (bundle: unknown, publicKeyPem?: string) =>
  verifyExportBundle(JSON.stringify(bundle), { publicKeyPem })
    .checks.filter((check) => !check.ok)
    .map((check) => check.name);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('regulator export bundle', () => {
  it('holds the stored events as JSON lines in log order and a manifest of the streams’ heads, signed', async () => {
    const bundle = await exported();
    const lines = bundle.events.trimEnd().split('\n');
    // 3 audit events + 3 certificate events, in the order they were appended.
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'AuditScheduled',
      'AuditStarted',
      'CertificateIssued',
      'CertificateChanged',
      'CertificateSuspended',
      'DecisionNoticeRecorded',
    ]);
    // Each line is the canonical JSON of the stored envelope, hash chain included.
    expect(lines[2]).toBe(canonicalJson(JSON.parse(lines[2])));
    expect(JSON.parse(lines[2])).toMatchObject({ streamId: STREAM, streamRevision: 0, position: '3/3' });
    expect(bundle.manifest).toMatchObject({
      format: 'certification-regulator-export',
      formatVersion: 1,
      certificateNumber: NUMBER,
      exportedBy: REGULATOR,
      streams: [
        { streamId: AUDIT_STREAM, events: 3, headRevision: 2 },
        { streamId: STREAM, events: 3, headRevision: 2 },
      ],
      schemeVersions: [SCHEME],
      eventCount: 6,
      eventsSha256: sha256(bundle.events),
      algorithm: 'Ed25519',
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
    });
  });

  it('verifies offline: every check passes, against the embedded key or the one given', async () => {
    const bundle = await exported();
    const result = verifyExportBundle(JSON.stringify(bundle));
    expect(result.valid).toBe(true);
    expect(result.checks.map((check) => check.name)).toEqual([
      'format',
      'key',
      'signature',
      'events digest',
      'events',
      'log order',
      'streams',
      `chain ${AUDIT_STREAM}`,
      `chain ${STREAM}`,
      'scheme versions',
    ]);
    expect(failed(bundle, key.publicKeyPem)).toEqual([]);
  });

  it('names the digest and the chain (with the revision) when one byte of an event is altered', async () => {
    const bundle = await exported();
    // "relocation not reported" → "relocation not reporteD": one byte of the suspension's data.
    const events = bundle.events.replace('relocation not reported', 'relocation not reporteD');
    expect(events).not.toBe(bundle.events);
    const result = verifyExportBundle(JSON.stringify({ ...bundle, events }));
    expect(result.valid).toBe(false);
    expect(result.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ name: 'events digest' }),
      { name: `chain ${STREAM}`, ok: false, detail: 'HASH_MISMATCH at revision 2' },
    ]);
  });

  it('names the signature when the digest was recomputed to cover the change', async () => {
    const bundle = await exported();
    const events = bundle.events.replace('relocation not reported', 'relocation not reporteD');
    const manifest = { ...bundle.manifest, eventsSha256: sha256(events) };
    expect(failed({ ...bundle, manifest, events })).toEqual(['signature', `chain ${STREAM}`]);
  });

  it('names the signature when the manifest is altered (a head hash)', async () => {
    const bundle = await exported();
    const streams = bundle.manifest.streams.map((s, i) => (i === 1 ? { ...s, headHash: '0'.repeat(64) } : s));
    expect(failed({ ...bundle, manifest: { ...bundle.manifest, streams } })).toEqual([
      'signature',
      `chain ${STREAM}`,
    ]);
  });

  it('names what is missing when an event line is deleted (and the head when it was the last)', async () => {
    const bundle = await exported();
    const lines = bundle.events.split('\n');
    const withoutLast = lines.filter((_, index) => index !== 4).join('\n');
    const result = verifyExportBundle(JSON.stringify({ ...bundle, events: withoutLast }));
    expect(result.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
      ['events digest', expect.any(String)],
      ['events', '5 events, manifest says 6'],
      [
        `chain ${STREAM}`,
        expect.stringMatching(/^2 events, manifest says 3; head 1 \w+ is not the manifest's 2 \w+$/),
      ],
    ]);
    const withoutFirst = lines.filter((_, index) => index !== 2).join('\n');
    expect(failed({ ...bundle, events: withoutFirst })).toEqual([
      'events digest',
      'events',
      // revision 0 is gone: the chain starts at revision 1.
      `chain ${STREAM}`,
    ]);
  });

  it('names the streams check when a whole stream is missing or one not in the manifest appears', async () => {
    const bundle = await exported();
    const events = bundle.events
      .split('\n')
      .filter((line) => !line.includes(AUDIT_STREAM))
      .join('\n');
    expect(failed({ ...bundle, events })).toEqual([
      'events digest',
      'events',
      'streams',
      `chain ${AUDIT_STREAM}`,
    ]);
    // Renamed: the manifest's audit stream has no events left, and events of an unlisted stream appear.
    const foreign = bundle.events.replaceAll(AUDIT_STREAM, 'audit-other');
    expect(failed({ ...bundle, events: foreign })).toEqual([
      'events digest',
      'streams',
      `chain ${AUDIT_STREAM}`,
    ]);
  });

  it('names the log order when two lines are swapped', async () => {
    const bundle = await exported();
    const lines = bundle.events.split('\n');
    [lines[3], lines[4]] = [lines[4], lines[3]];
    expect(failed({ ...bundle, events: lines.join('\n') })).toEqual(['events digest', 'log order']);
  });

  it('refuses a bundle re-signed with another key when the genuine key is given', async () => {
    const forger = signingKeyFromPem(generateSigningKeyPem(), 'memory');
    const bundle = await exported();
    const manifest = { ...bundle.manifest, keyId: forger.keyId, publicKeyPem: forger.publicKeyPem };
    const forged = { ...bundle, manifest, signature: forger.sign(canonicalJson(manifest)) };
    // Self-consistent: only an independently obtained key tells who signed.
    expect(failed(forged)).toEqual([]);
    expect(failed(forged, key.publicKeyPem)).toEqual(['key', 'signature']);
  });

  it('reports the format of what is not a bundle, and stops there', () => {
    expect(verifyExportBundle('{not json').checks).toEqual([
      { name: 'format', ok: false, detail: expect.stringMatching(/^not JSON/) },
    ]);
    expect(verifyExportBundle(JSON.stringify({ manifest: {}, events: '', signature: '' })).checks).toEqual([
      { name: 'format', ok: false, detail: 'unknown format undefined vundefined' },
    ]);
  });

  it('names the scheme versions when the manifest lists others than the events carry', async () => {
    const bundle = await exported();
    const manifest = { ...bundle.manifest, schemeVersions: ['CMM-525-0002@V2.0'] };
    const resigned = { ...bundle, manifest, signature: key.sign(canonicalJson(manifest)) };
    expect(failed(resigned)).toEqual(['scheme versions']);
  });
});
