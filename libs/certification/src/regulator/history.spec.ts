import type { CertificateFile } from './certificate-file';
import { approverOf, historyPage, reasonOf } from './history';
import { DECIDER, NUMBER, STREAM, at, storyEvents } from './regulator.fixtures';

describe('reasonOf — the why of an event (R-ACT-1)', () => {
  it.each([
    ['a code-like reason is the code', { reason: 'GRANT' }, { reasonCode: 'GRANT', reason: null }],
    [
      'a ground is the code, the reason its text',
      { ground: 'MAJOR_CHANGE_NOT_REPORTED', reason: 'relocation not reported' },
      { reasonCode: 'MAJOR_CHANGE_NOT_REPORTED', reason: 'relocation not reported' },
    ],
    [
      'a decision’s outcome is the code, its reasons the text',
      { outcome: 'SUSPEND', reasons: ['minor NC overdue', 'no response'] },
      { reasonCode: 'SUSPEND', reason: 'minor NC overdue; no response' },
    ],
    [
      'an appeal verdict',
      { verdict: 'REJECTED', reason: 'late data' },
      { reasonCode: 'REJECTED', reason: 'late data' },
    ],
    [
      'revocation findings',
      { ground: 'FALSE_INFORMATION', findings: 'forged data' },
      { reasonCode: 'FALSE_INFORMATION', reason: 'forged data' },
    ],
    ['appeal grounds', { grounds: 'corrected before' }, { reasonCode: null, reason: 'corrected before' }],
    [
      'unmet conditions',
      { reason: '', unmetConditions: ['R-APP-3'] },
      { reasonCode: null, reason: 'R-APP-3' },
    ],
    ['nothing', { auditId: 'x' }, { reasonCode: null, reason: null }],
  ])('%s', (_, data, expected) => {
    expect(reasonOf(data)).toEqual(expected);
  });
});

describe('approverOf', () => {
  it('takes the approver, else the decision maker, else a technical reviewer', () => {
    expect(approverOf('CertificateSuspended', { approver: DECIDER })).toEqual(DECIDER);
    expect(approverOf('CertificationDecided', { decisionMaker: DECIDER })).toEqual(DECIDER);
    const reviewer = { id: 'user-reviewer', role: 'TECHNICAL_REVIEWER' };
    expect(approverOf('TechnicalReviewCompleted', { reviewer })).toEqual(reviewer);
    expect(approverOf('TechnicalReviewStarted', { reviewer })).toBeNull();
    expect(approverOf('AuditStarted', { by: DECIDER })).toBeNull();
  });
});

describe('historyPage — filters and pages in log order', () => {
  const file = async (): Promise<CertificateFile> => ({
    number: NUMBER,
    streams: [{ streamId: STREAM, kind: 'certificate', events: await storyEvents() }],
  });

  it('spells out every envelope field', async () => {
    const page = historyPage(await file());
    expect(page.total).toBe(6);
    expect(page.items[2]).toEqual({
      position: '3/3',
      streamId: STREAM,
      streamKind: 'certificate',
      streamRevision: 2,
      eventId: expect.any(String),
      type: 'CertificateSuspended',
      schemaVersion: 1,
      occurredAt: at('2026-09-01'),
      recordedAt: expect.any(String),
      actor: DECIDER,
      reasonCode: 'MAJOR_CHANGE_NOT_REPORTED',
      reason: 'relocation not reported',
      approver: DECIDER,
      schemeVersion: 'CMM-525-0002@V1.0',
      schemeVersionSource: 'envelope',
      correlationId: expect.any(String),
      causationId: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: expect.objectContaining({ deadline: '2026-12-31' }),
    });
  });

  it('filters by time range (inclusive) and by type, then pages', async () => {
    const types = (page: { items: { type: string }[] }) => page.items.map((item) => item.type);
    // 2026-07-15 (change) … 2026-10-15 (reinstatement), both ends included.
    expect(types(historyPage(await file(), { from: at('2026-07-15'), to: at('2026-10-15') }))).toEqual([
      'CertificateChanged',
      'CertificateSuspended',
      'CertificateReinstated',
    ]);
    expect(types(historyPage(await file(), { types: ['CertificateRenewed', 'CertificateIssued'] }))).toEqual([
      'CertificateIssued',
      'CertificateRenewed',
    ]);
    const second = historyPage(await file(), { page: 2, pageSize: 4 });
    expect(second).toMatchObject({ page: 2, pageSize: 4, total: 6 });
    expect(types(second)).toEqual(['SurveillanceRecorded', 'CertificateRenewed']);
    expect(historyPage(await file(), { page: 3, pageSize: 4 }).items).toEqual([]);
    expect(historyPage(await file(), { pageSize: 10_000 }).pageSize).toBe(500);
  });
});
