import { auditStreamName } from '@app/domain';
import type { AuditCancelled, AuditEvent, NonconformityResponseRejected } from '@app/domain';
import {
  AUDIT_ID,
  auditScheduled,
  auditStarted,
  cast,
  certificationDecided,
  historyUntil,
  nonconformityAccepted,
  nonconformityClosed,
  nonconformityRaised,
  nonconformityResponded,
  nonconformityVerified,
  noticeRecorded,
  reportCompleted,
  reviewCompleted,
  reviewStarted,
  surveillanceScheduled,
  teamAssigned,
} from '@app/domain/audit/audit.fixtures';
import { auditsProjection } from './audits.projection';
import type { AuditDocument } from './audits.projection';
import { eventLog, given } from './projection-spec.fixtures';

const audits = (history: AuditEvent[]) => {
  const log = eventLog();
  return given(
    auditsProjection,
    history.map((event) => log.append(auditStreamName(AUDIT_ID), event)),
  );
};

const responseRejected = (id: string): NonconformityResponseRejected => ({
  type: 'NonconformityResponseRejected',
  data: {
    auditId: AUDIT_ID,
    nonconformityId: id,
    statusBefore: 'RESPONDED',
    statusAfter: 'RESPONSE_REJECTED',
    reason: 'Root cause not addressed',
    by: cast.auditor,
    at: '2026-03-11T03:00:00Z',
  },
});

const cancelled = (): AuditCancelled => ({
  type: 'AuditCancelled',
  data: {
    auditId: AUDIT_ID,
    reason: 'Applicant withdrew',
    by: cast.programmeManager,
    at: '2026-03-05T01:00:00Z',
    statusBefore: 'TEAM_ASSIGNED',
    statusAfter: 'CANCELLED',
  },
});

describe('audits projection (back-office list by state)', () => {
  it('a scheduled audit is listed with its type, subject, plan and empty counts', () => {
    expect(audits([auditScheduled()]).document(AUDIT_ID)).toEqual<AuditDocument>({
      id: AUDIT_ID,
      type: 'INITIAL',
      status: 'PLANNED',
      subject: { kind: 'APPLICATION', applicationId: 'app-1' },
      schemeVersion: 'CMM-525-0002@V1.0',
      plannedStartDate: '2026-03-10',
      plannedEndDate: '2026-03-12',
      onSiteDays: 3,
      leadAuditorId: null,
      teamIds: [],
      reviewerIds: [],
      nonconformities: { open: 0, major: 0, majorOpen: 0, total: 0 },
      nonconformityItems: [],
      lastOutcome: null,
      decisionDate: null,
      conditionsDeadline: null,
      noticeSentOn: null,
    });
  });

  it('a surveillance audit names the certificate as its subject', () => {
    audits([surveillanceScheduled()]).then(AUDIT_ID, {
      type: 'SURVEILLANCE',
      subject: { kind: 'CERTIFICATE', certificateNumber: 'CMM-ICS-2026-00042' },
    });
    expect(audits([surveillanceScheduled()]).document(AUDIT_ID).subject).not.toHaveProperty(
      'certificateStatus',
    );
  });

  it('R-AUD-2 team assignment sets the lead auditor and the team; start moves it IN_PROGRESS', () => {
    audits([auditScheduled(), teamAssigned()]).then(AUDIT_ID, {
      status: 'TEAM_ASSIGNED',
      leadAuditorId: 'user-lead',
      teamIds: ['user-lead', 'user-auditor'],
    });
    audits([auditScheduled(), teamAssigned(), auditStarted()]).then(AUDIT_ID, { status: 'IN_PROGRESS' });
  });

  it('R-AUD-4 counts open, major and major-open nonconformities through their lifecycle', () => {
    const findings = [nonconformityRaised('NC-1', 'MAJOR'), nonconformityRaised('NC-2', 'MINOR')];
    const base = historyUntil('IN_PROGRESS', { findings });
    audits(base).then(AUDIT_ID, { nonconformities: { open: 2, major: 1, majorOpen: 1, total: 2 } });

    const responded = [...base, nonconformityResponded('NC-1'), responseRejected('NC-1')];
    audits(responded).then(AUDIT_ID, {
      nonconformities: { open: 2, major: 1, majorOpen: 1, total: 2 },
      nonconformityItems: [
        { id: 'NC-1', grade: 'MAJOR', status: 'RESPONSE_REJECTED' },
        { id: 'NC-2', grade: 'MINOR', status: 'OPEN' },
      ],
    });

    const majorVerified = [
      ...base,
      nonconformityResponded('NC-1'),
      nonconformityAccepted('NC-1'),
      nonconformityVerified('NC-1'),
    ];
    audits(majorVerified).then(AUDIT_ID, { nonconformities: { open: 1, major: 1, majorOpen: 0, total: 2 } });

    const allClosed = [...base, ...nonconformityClosed('NC-1'), ...nonconformityClosed('NC-2')];
    audits(allClosed).then(AUDIT_ID, { nonconformities: { open: 0, major: 1, majorOpen: 0, total: 2 } });
  });

  it('R-AUD-5 report, technical review (returned, then approved) and the reviewers who took part', () => {
    const returned = [...historyUntil('UNDER_TECHNICAL_REVIEW'), reviewCompleted('RETURN')];
    audits(returned).then(AUDIT_ID, { status: 'RETURNED', reviewerIds: ['user-reviewer'] });
    const second = { id: 'user-reviewer-2', role: 'TECHNICAL_REVIEWER' as const };
    const history = [
      ...returned,
      reportCompleted('RETURNED'),
      reviewStarted(),
      reviewCompleted('RETURN'),
      reportCompleted('RETURNED'),
      reviewStarted(second),
      reviewCompleted('APPROVE', second),
    ];
    audits(history).then(AUDIT_ID, { status: 'REVIEWED', reviewerIds: ['user-reviewer', 'user-reviewer-2'] });
    audits(history.slice(0, returned.length + 1)).then(AUDIT_ID, { status: 'REPORTED' });
  });

  it('R-AUD-6/8 decision and notice: last outcome, decision date, notice sent on', () => {
    audits(historyUntil('DECIDED')).then(AUDIT_ID, {
      status: 'DECIDED',
      lastOutcome: 'GRANT',
      decisionDate: '2026-03-20',
      conditionsDeadline: null,
      noticeSentOn: null,
    });
    audits(historyUntil('NOTIFIED')).then(AUDIT_ID, { status: 'NOTIFIED', noticeSentOn: '2026-03-23' });
  });

  it('R-AUD-7 a conditional grant shows its conditions deadline until the follow-up decision', () => {
    const conditional = [
      ...historyUntil('REVIEWED', { findings: [nonconformityRaised('NC-2')] }),
      certificationDecided('CONDITIONAL_GRANT', {
        conditions: { nonconformityIds: ['NC-2'], deadline: '2026-06-18' },
        reasons: ['NC-2 open'],
      }),
      noticeRecorded('CONDITIONAL_GRANT'),
    ];
    audits(conditional).then(AUDIT_ID, {
      lastOutcome: 'CONDITIONAL_GRANT',
      conditionsDeadline: '2026-06-18',
      noticeSentOn: '2026-03-23',
    });
    const followUp = certificationDecided('GRANT');
    const history = [
      ...conditional,
      ...nonconformityClosed('NC-2'),
      {
        ...followUp,
        data: { ...followUp.data, followsConditionalGrant: true, statusBefore: 'NOTIFIED' as const },
      },
    ];
    audits(history).then(AUDIT_ID, { status: 'DECIDED', lastOutcome: 'GRANT', conditionsDeadline: null });
  });

  it('a cancelled audit is listed as CANCELLED', () => {
    audits([auditScheduled(), teamAssigned(), cancelled()]).then(AUDIT_ID, { status: 'CANCELLED' });
  });

  it('skips events without an audit id and events of a never-scheduled audit', () => {
    const log = eventLog();
    const orphan = log.append(auditStreamName(AUDIT_ID), auditStarted());
    expect(given(auditsProjection, [orphan]).documents.size).toBe(0);
    expect(auditsProjection.documentId({ ...orphan, data: {} })).toBeNull();
    expect(auditsProjection.documentId({ ...orphan, type: 'ScoresRecorded' })).toBeNull();
  });

  it('declares its indexes', () => {
    expect(auditsProjection.indexes).toEqual([
      { fields: ['status'] },
      { fields: ['type'] },
      { fields: ['subject.certificateNumber'] },
      { fields: ['subject.applicationId'] },
      { fields: ['plannedStartDate'] },
    ]);
  });
});
