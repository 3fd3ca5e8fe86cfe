import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  canonicalJson,
  comparePositions,
  parsePosition,
  serializePosition,
  verifyStream,
  type EventActor,
  type RecordedEvent,
  type RecordedMetadata,
} from '@app/event-store';
import { eventsInLogOrder, type CertificateFile } from './certificate-file';
import { keyIdOf, SIGNING_ALGORITHM, type RegulatorSigningKey } from './signing-key';

export const EXPORT_FORMAT = 'certification-regulator-export';
export const EXPORT_FORMAT_VERSION = 1;

/** One stored event as exported: the envelope exactly as stored (not upcast), so every chain recomputes. */
export interface ExportedEvent {
  position: string;
  streamId: string;
  streamRevision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: RecordedMetadata;
  recordedAt: string;
}

export interface ManifestStream {
  streamId: string;
  events: number;
  headRevision: number;
  headHash: string;
}

/** What the signature covers (as canonical JSON): the streams' heads, the events' digest and the signer. */
export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  certificateNumber: string;
  exportedAt: string;
  exportedBy: EventActor;
  streams: ManifestStream[];
  /** Every scheme version the events were handled under (R-SCHEME-1), sorted. */
  schemeVersions: string[];
  eventCount: number;
  /** sha256 of `events` (UTF-8), lowercase hex. */
  eventsSha256: string;
  algorithm: typeof SIGNING_ALGORITHM;
  keyId: string;
  publicKeyPem: string;
}

/**
 * A self-contained export: one JSON document holding the manifest, the events as JSON lines (one canonical-JSON
 * event per line, in log order) and the Ed25519 signature (base64) of the manifest's canonical JSON.
 */
export interface ExportBundle {
  manifest: ExportManifest;
  events: string;
  signature: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const toExportedEvent = (event: RecordedEvent): ExportedEvent => ({
  position: serializePosition(event.globalPosition),
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  id: event.id,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt,
});

const fromExportedEvent = (event: ExportedEvent): RecordedEvent => ({
  id: event.id,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  globalPosition: parsePosition(event.position),
  recordedAt: event.recordedAt,
});

export const schemeVersionsOf = (
  events: readonly { metadata: { schemeVersion?: string | null } }[],
): string[] =>
  [
    ...new Set(
      events
        .map((event) => event.metadata.schemeVersion)
        .filter((version): version is string => typeof version === 'string'),
    ),
  ].sort();

/** Builds and signs the export of a file loaded raw (stored bytes). */
export const buildExportBundle = (
  file: CertificateFile,
  by: { exportedAt: string; exportedBy: EventActor },
  key: RegulatorSigningKey,
): ExportBundle => {
  const ordered = eventsInLogOrder(file);
  const events = ordered.map((event) => `${canonicalJson(toExportedEvent(event))}\n`).join('');
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    certificateNumber: file.number,
    exportedAt: by.exportedAt,
    exportedBy: { id: by.exportedBy.id, role: by.exportedBy.role },
    streams: file.streams
      .filter((stream) => stream.events.length > 0)
      .map((stream) => {
        const last = stream.events[stream.events.length - 1];
        return {
          streamId: stream.streamId,
          events: stream.events.length,
          headRevision: last.streamRevision,
          headHash: last.metadata.hash,
        };
      }),
    schemeVersions: schemeVersionsOf(ordered),
    eventCount: ordered.length,
    eventsSha256: sha256(events),
    algorithm: SIGNING_ALGORITHM,
    keyId: key.keyId,
    publicKeyPem: key.publicKeyPem,
  };
  return { manifest, events, signature: key.sign(canonicalJson(manifest)) };
};

/** One check of an export, named so a failure says what is wrong. */
export interface ExportCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ExportVerification {
  valid: boolean;
  certificateNumber: string | null;
  checks: ExportCheck[];
}

export interface VerifyExportOptions {
  /** The signer's public key (SPKI PEM) obtained independently, e.g. from GET /api/v1/regulator/signing-key. */
  publicKeyPem?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const formatProblem = (bundle: unknown): string | null => {
  if (!isRecord(bundle)) return 'not a JSON object';
  const { manifest, events, signature } = bundle;
  if (!isRecord(manifest)) return 'manifest missing';
  if (typeof events !== 'string') return 'events (JSON lines) missing';
  if (typeof signature !== 'string') return 'signature missing';
  if (manifest.format !== EXPORT_FORMAT || manifest.formatVersion !== EXPORT_FORMAT_VERSION)
    return `unknown format ${JSON.stringify(manifest.format)} v${JSON.stringify(manifest.formatVersion)}`;
  if (!Array.isArray(manifest.streams) || !Array.isArray(manifest.schemeVersions))
    return 'manifest streams or schemeVersions missing';
  const badStream = manifest.streams.findIndex(
    (stream) =>
      !isRecord(stream) ||
      typeof stream.streamId !== 'string' ||
      typeof stream.events !== 'number' ||
      typeof stream.headRevision !== 'number' ||
      typeof stream.headHash !== 'string',
  );
  if (badStream >= 0) return `manifest stream ${badStream + 1} is malformed`;
  if (typeof manifest.eventsSha256 !== 'string' || typeof manifest.eventCount !== 'number')
    return 'manifest eventsSha256 or eventCount missing';
  if (typeof manifest.publicKeyPem !== 'string' || typeof manifest.keyId !== 'string')
    return 'manifest key missing';
  return null;
};

const parseLines = (events: string): { parsed: ExportedEvent[]; bad: number[] } => {
  const parsed: ExportedEvent[] = [];
  const bad: number[] = [];
  const lines = events.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    try {
      const event = JSON.parse(line) as ExportedEvent;
      if (
        !isRecord(event) ||
        typeof event.streamId !== 'string' ||
        typeof event.streamRevision !== 'number' ||
        typeof event.position !== 'string' ||
        !isRecord(event.metadata) ||
        !isRecord(event.data)
      )
        throw new TypeError('not an exported event');
      parsePosition(event.position);
      parsed.push(event);
    } catch {
      bad.push(index + 1);
    }
  });
  return { parsed, bad };
};

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Checks an export offline: the manifest's signature (against the given key, else the embedded one, whose id is
 * checked), the events' digest, each stream's chain from revision 0 and its head against the manifest, nothing
 * missing or extra, the scheme versions. Every check is listed; `valid` only when all pass.
 */
export const verifyExportBundle = (
  input: string | unknown,
  options: VerifyExportOptions = {},
): ExportVerification => {
  const checks: ExportCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  let bundle: unknown = input;
  if (typeof input === 'string') {
    try {
      bundle = JSON.parse(input);
    } catch (error) {
      check('format', false, `not JSON: ${(error as Error).message}`);
      return { valid: false, certificateNumber: null, checks };
    }
  }
  const problem = formatProblem(bundle);
  if (problem !== null) {
    check('format', false, problem);
    return { valid: false, certificateNumber: null, checks };
  }
  const { manifest, events, signature } = bundle as ExportBundle;
  check(
    'format',
    true,
    `${EXPORT_FORMAT} v${EXPORT_FORMAT_VERSION}, certificate ${manifest.certificateNumber}`,
  );

  // The key: one obtained independently proves who signed; the embedded one only proves integrity.
  let publicKeyPem = manifest.publicKeyPem;
  try {
    if (options.publicKeyPem !== undefined) {
      publicKeyPem = options.publicKeyPem;
      const given = keyIdOf(publicKeyPem);
      check(
        'key',
        given === manifest.keyId,
        given === manifest.keyId
          ? `signed with the given key ${given}`
          : `the given key ${given} is not the signer ${manifest.keyId}`,
      );
    } else {
      const embedded = keyIdOf(publicKeyPem);
      check(
        'key',
        embedded === manifest.keyId,
        embedded === manifest.keyId
          ? `embedded key ${embedded} (compare with GET /api/v1/regulator/signing-key, or pass --public-key)`
          : `the embedded key ${embedded} does not match the manifest's key id ${manifest.keyId}`,
      );
    }
  } catch (error) {
    check('key', false, `unreadable public key: ${(error as Error).message}`);
  }

  let signatureOk = false;
  try {
    signatureOk = verify(
      null,
      Buffer.from(canonicalJson(manifest), 'utf8'),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    signatureOk = false;
  }
  check(
    'signature',
    signatureOk,
    signatureOk
      ? 'Ed25519 signature of the manifest verifies'
      : 'the manifest’s signature does not verify (manifest altered, or another key)',
  );

  const digest = sha256(events);
  check(
    'events digest',
    digest === manifest.eventsSha256,
    digest === manifest.eventsSha256
      ? `sha256 ${digest}`
      : `sha256 of the events is ${digest}, manifest says ${manifest.eventsSha256}`,
  );

  const { parsed, bad } = parseLines(events);
  check(
    'events',
    bad.length === 0 && parsed.length === manifest.eventCount,
    bad.length > 0
      ? `unreadable event line(s) ${bad.join(', ')}`
      : `${parsed.length} events${parsed.length === manifest.eventCount ? '' : `, manifest says ${manifest.eventCount}`}`,
  );

  const outOfOrder = parsed.findIndex(
    (event, index) =>
      index > 0 &&
      comparePositions(parsePosition(parsed[index - 1].position), parsePosition(event.position)) >= 0,
  );
  check(
    'log order',
    outOfOrder < 0,
    outOfOrder < 0
      ? 'events in ascending log position'
      : `event line ${outOfOrder + 1} is not after the one before`,
  );

  const byStream = new Map<string, ExportedEvent[]>();
  for (const event of parsed) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  const listed = manifest.streams.map((stream) => stream.streamId);
  const missing = listed.filter((streamId) => !byStream.has(streamId));
  const extra = [...byStream.keys()].filter((streamId) => !listed.includes(streamId));
  check(
    'streams',
    missing.length === 0 && extra.length === 0,
    [
      `${listed.length} streams in the manifest`,
      ...(missing.length > 0 ? [`missing: ${missing.join(', ')}`] : []),
      ...(extra.length > 0 ? [`not in the manifest: ${extra.join(', ')}`] : []),
    ].join('; '),
  );

  for (const stream of manifest.streams) {
    const streamEvents = [...(byStream.get(stream.streamId) ?? [])].sort(
      (a, b) => a.streamRevision - b.streamRevision,
    );
    const result = verifyStream(streamEvents.map(fromExportedEvent), stream.streamId);
    const problems: string[] = [];
    if (result.firstBrokenLink)
      problems.push(`${result.firstBrokenLink.reason} at revision ${result.firstBrokenLink.revision}`);
    if (streamEvents.length !== stream.events)
      problems.push(`${streamEvents.length} events, manifest says ${stream.events}`);
    const last = streamEvents[streamEvents.length - 1];
    if (!last || last.streamRevision !== stream.headRevision || last.metadata.hash !== stream.headHash)
      problems.push(
        `head ${last ? `${last.streamRevision} ${String(last.metadata.hash)}` : 'none'} is not the manifest's ${stream.headRevision} ${stream.headHash}`,
      );
    check(
      `chain ${stream.streamId}`,
      problems.length === 0,
      problems.length === 0
        ? `${stream.events} events, head ${stream.headRevision} ${stream.headHash}`
        : problems.join('; '),
    );
  }

  const versions = schemeVersionsOf(parsed);
  const versionsOk = sameList(versions, manifest.schemeVersions);
  check(
    'scheme versions',
    versionsOk,
    versionsOk
      ? versions.join(', ') || '(none)'
      : `events carry ${versions.join(', ')}, manifest says ${manifest.schemeVersions.join(', ')}`,
  );

  return {
    valid: checks.every((item) => item.ok),
    certificateNumber: manifest.certificateNumber,
    checks,
  };
};
