import {
  buildTimeline,
  stateAt,
  verificationReport,
  type CertificateFile,
  type ExportVerification,
} from '@app/certification';
import { NUMBER, STREAM, storyEvents } from '@app/certification/regulator/regulator.fixtures';
import { formatExportVerification } from './regulator.commands';
import {
  certificateRows,
  openAuditRows,
  openNonconformityRows,
  registryRows,
  timelineEventRows,
  timelineRows,
  verificationRows,
} from './replay-tables';

describe('verify-export output', () => {
  const result = (failing: string[]): ExportVerification => ({
    valid: failing.length === 0,
    certificateNumber: NUMBER,
    checks: ['format', 'signature', 'events digest', `chain ${STREAM}`].map((name) => ({
      name,
      ok: !failing.includes(name),
      detail: failing.includes(name) ? 'what is wrong' : 'fine',
    })),
  });

  it('prints one aligned line per check and the verdict', () => {
    expect(formatExportVerification(result([]))).toEqual([
      `✓ format${' '.repeat(STREAM.length + 6 - 6)}  fine`,
      `✓ signature${' '.repeat(STREAM.length + 6 - 9)}  fine`,
      `✓ events digest${' '.repeat(STREAM.length + 6 - 13)}  fine`,
      `✓ chain ${STREAM}  fine`,
      `export of ${NUMBER} is valid`,
    ]);
  });

  it('names every failed check in the verdict', () => {
    const lines = formatExportVerification(result(['events digest', `chain ${STREAM}`]));
    expect(lines.filter((line) => line.startsWith('✗'))).toHaveLength(2);
    expect(lines.at(-1)).toBe(`export INVALID — failed: events digest, chain ${STREAM}`);
  });
});

describe('replay tables', () => {
  const file = async (): Promise<CertificateFile> => ({
    number: NUMBER,
    streams: [{ streamId: STREAM, kind: 'certificate', events: await storyEvents() }],
  });

  it('shows the timeline one interval per row, and the other events with the interval they fell in', async () => {
    const timeline = buildTimeline(NUMBER, (await file()).streams[0].events);
    expect(timelineRows(timeline)).toEqual([
      {
        status: 'VALID',
        from: '2026-06-01',
        to: '2026-09-01',
        began: 'CertificateIssued: GRANT',
        'approved by': 'DECISION_MAKER user-decider',
        ended: 'CertificateSuspended: MAJOR_CHANGE_NOT_REPORTED — relocation not reported',
      },
      {
        status: 'SUSPENDED',
        from: '2026-09-01',
        to: '2026-10-15',
        began: 'CertificateSuspended: MAJOR_CHANGE_NOT_REPORTED — relocation not reported',
        'approved by': 'DECISION_MAKER user-decider',
        ended: 'CertificateReinstated: the correction was verified',
      },
      {
        status: 'VALID',
        from: '2026-10-15',
        to: '(now)',
        began: 'CertificateReinstated: the correction was verified',
        'approved by': 'DECISION_MAKER user-decider',
        ended: '—',
      },
    ]);
    expect(timelineEventRows(timeline).map((row) => [row.date, row.during, row.event])).toEqual([
      ['2026-07-15', 'VALID', 'CertificateChanged'],
      ['2027-05-17', 'VALID', 'SurveillanceRecorded'],
      ['2029-05-14', 'VALID', 'CertificateRenewed'],
    ]);
  });

  it('shows the certificate and what the registry showed at the moment', async () => {
    const suspended = stateAt(await file(), '2026-09-15T00:00:00Z');
    expect(certificateRows(suspended)).toEqual(
      expect.arrayContaining([
        { field: 'status', value: 'SUSPENDED' },
        { field: 'address', value: '福州市台江区 8 号' },
        { field: 'suspension', value: 'MAJOR_CHANGE_NOT_REPORTED since 2026-09-01, deadline 2026-12-31' },
        { field: 'stream revision', value: '2' },
      ]),
    );
    expect(registryRows(suspended)).toEqual(
      expect.arrayContaining([
        { field: 'status', value: 'SUSPENDED (suspended)' },
        { field: 'valid that day', value: 'no' },
      ]),
    );
    expect(openAuditRows(suspended)).toEqual([]);
    expect(openNonconformityRows(suspended)).toEqual([]);
  });

  it('shows each chain, whether it verifies and where it first breaks', async () => {
    const events = await storyEvents();
    const intact = verificationReport(NUMBER, '2030-01-01T00:00:00.000Z', [
      { streamId: STREAM, events, unreadable: null },
    ]);
    expect(verificationRows(intact)).toEqual([
      { stream: STREAM, events: 6, 'head revision': 5, verifies: 'yes', 'first broken link': '—' },
    ]);
    const gap = verificationReport(NUMBER, '2030-01-01T00:00:00.000Z', [
      { streamId: STREAM, events: events.filter((event) => event.streamRevision !== 2), unreadable: null },
    ]);
    expect(verificationRows(gap)).toEqual([
      {
        stream: STREAM,
        events: 5,
        'head revision': 5,
        verifies: 'NO',
        'first broken link': 'revision 2: REVISION_GAP',
      },
    ]);
  });

  it('says so when nothing was issued yet', async () => {
    const before = stateAt(await file(), '2026-01-01T00:00:00Z');
    expect(certificateRows(before)).toEqual([{ field: 'status', value: 'NONE (not issued yet)' }]);
    expect(registryRows(before)).toEqual([{ field: 'registry', value: 'not found (nothing published yet)' }]);
  });
});
