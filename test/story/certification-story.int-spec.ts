/**
 * One file through the whole lifecycle, through the command handler core on a SQLite store on disk:
 * apply → supplement → accept → initial audit (MINOR + MAJOR nonconformity) → technical review returned, then
 * approved → grant → certificate issued → change of address → suspension → reinstatement → surveillance
 * (maintain) → revocation opened → appeal rejected → revocation final.
 * Each step checks the events appended and the state folded from the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applicationDecider,
  applicationStreamName,
  auditDecider,
  auditStreamName,
  certificateDecider,
  certificateStreamName,
  CMM_525_0002_V1,
  formatCertificateNumber,
} from '@app/domain';
import type { Actor, Command, Decider, DomainEvent } from '@app/domain';
import { handleCommand, SqliteEventStore, verifyStoredStream } from '@app/event-store';
import { actors, annexA, completeMaterials, ctx, material, resultsOf, scoreSheet } from '@app/testing';

const applicationId = '0b8f5d7e-3c1a-4e2b-9f6d-1a2b3c4d5e6f';
const initialAuditId = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const surveillanceAuditId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const certificateNumber = formatCertificateNumber(CMM_525_0002_V1, 2026, 1);

// Dimensions 86/82/85/78: 86×0.20 + 82×0.35 + 85×0.35 + 78×0.10 = 17.2 + 28.7 + 29.75 + 7.8 = 83.45
const sheet = scoreSheet({ management: { STRATEGY: 86, CAPABILITY: 82, OPERATIONS: 85, MULTIMODAL: 78 } });
const results = resultsOf(sheet);

describe('a certificate’s whole story on the SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'story-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs one command through the core and checks the types of the events it appended. */
  const step = async <C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: { type: C['type']; data: C['data'] },
    actor: Actor,
    now: string,
    expectedTypes: E['type'][],
  ): Promise<S> => {
    const result = await handleCommand(store, decider, streamId, {
      ...command,
      context: ctx(actor, now),
    } as C);
    expect(result.events.map((e) => e.type)).toEqual(expectedTypes);
    for (const event of result.events) {
      expect(event.metadata).toMatchObject({ actor: { id: actor.id, role: actor.role }, occurredAt: now });
    }
    return result.state;
  };

  const application = (type: string, data: object, actor: Actor, now: string, expected: string[]) =>
    step(
      applicationDecider,
      applicationStreamName(applicationId),
      { type, data } as never,
      actor,
      now,
      expected as never,
    );
  const audit = (id: string, type: string, data: object, actor: Actor, now: string, expected: string[]) =>
    step(auditDecider, auditStreamName(id), { type, data } as never, actor, now, expected as never);
  const certificate = (type: string, data: object, actor: Actor, now: string, expected: string[]) =>
    step(
      certificateDecider,
      certificateStreamName(certificateNumber),
      { type, data } as never,
      actor,
      now,
      expected as never,
    );

  it('runs from application to final revocation', async () => {
    // — Application (§6.1): the organisation chart is missing, one notice asks for it, the supplement restarts the clock.
    const materials = completeMaterials().filter((m) => m.category !== 'ORGANISATION_CHART');
    let app = await application(
      'SubmitApplication',
      { applicationId, kind: 'INITIAL', annexA: annexA(), materials },
      actors.intake,
      '2026-01-05T01:00:00.000Z',
      ['ApplicationSubmitted'],
    );
    expect(app).toMatchObject({ status: 'SUBMITTED', schemeVersion: 'CMM-525-0002@V1.0' });

    app = await application(
      'RequestSupplement',
      { items: [{ item: 'ORGANISATION_CHART', description: '组织架构图和人员配置情况' }] },
      actors.intake,
      '2026-01-06T01:00:00.000Z',
      ['SupplementRequested'],
    );
    expect(app).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', outstandingItems: ['ORGANISATION_CHART'] });

    app = await application(
      'ProvideSupplement',
      { items: ['ORGANISATION_CHART'], materials: [material('ORGANISATION_CHART')] },
      actors.intake,
      '2026-01-08T01:00:00.000Z',
      ['SupplementProvided'],
    );
    expect(app).toMatchObject({ status: 'SUBMITTED', acceptanceClockStartedAt: '2026-01-08T01:00:00.000Z' });

    app = await application(
      'AcceptApplication',
      { legalEntityVerified: true, sanctions: [] },
      actors.intake,
      '2026-01-09T01:00:00.000Z',
      ['ApplicationAccepted'],
    );
    expect(app).toMatchObject({ status: 'ACCEPTED' });

    // — Initial audit (§6.2): a MINOR and a MAJOR nonconformity.
    const scheduledOn = '2026-01-12T01:00:00.000Z';
    let initial = await audit(
      initialAuditId,
      'ScheduleAudit',
      {
        auditId: initialAuditId,
        type: 'INITIAL',
        schemeVersion: CMM_525_0002_V1.id,
        subject: { kind: 'APPLICATION', applicationId, applicationStatus: app.status },
        plannedStartDate: '2026-02-02',
        plannedEndDate: '2026-02-04',
        onSiteDays: 3,
      },
      actors.programmeManager,
      scheduledOn,
      ['AuditScheduled'],
    );
    expect(initial).toMatchObject({ status: 'PLANNED', type: 'INITIAL' });

    initial = await audit(
      initialAuditId,
      'AssignAuditTeam',
      { leadAuditor: actors.leadAuditor, members: [actors.auditor] },
      actors.programmeManager,
      '2026-01-13T01:00:00.000Z',
      ['AuditTeamAssigned'],
    );
    expect(initial).toMatchObject({ status: 'TEAM_ASSIGNED' });

    await audit(initialAuditId, 'StartAudit', {}, actors.leadAuditor, '2026-02-02T01:00:00.000Z', [
      'AuditStarted',
    ]);
    await audit(
      initialAuditId,
      'RaiseNonconformity',
      {
        nonconformityId: 'nc-minor',
        grade: 'MINOR',
        clause: 'GB/T 43045.1 6.3',
        evidence: 'QA sampling below plan in Q4',
      },
      actors.auditor,
      '2026-02-03T01:00:00.000Z',
      ['NonconformityRaised'],
    );
    await audit(
      initialAuditId,
      'RaiseNonconformity',
      {
        nonconformityId: 'nc-major',
        grade: 'MAJOR',
        clause: 'GB/T 43045.1 7.8',
        evidence: 'no data-security risk assessment',
      },
      actors.auditor,
      '2026-02-03T02:00:00.000Z',
      ['NonconformityRaised'],
    );
    await audit(initialAuditId, 'RecordScores', { sheet }, actors.auditor, '2026-02-04T01:00:00.000Z', [
      'ScoresRecorded',
    ]);
    initial = await audit(
      initialAuditId,
      'CompleteAuditReport',
      {
        conclusion: 'conforms after correction of nc-major',
        recommendation: 'GRANT',
        lastAuditDay: '2026-02-04',
      },
      actors.leadAuditor,
      '2026-02-04T09:00:00.000Z',
      ['AuditReportCompleted'],
    );
    expect(initial).toMatchObject({ status: 'REPORTED' });

    // — Technical review (§6.3.1): returned once, then approved.
    await audit(initialAuditId, 'StartTechnicalReview', {}, actors.reviewer, '2026-02-06T01:00:00.000Z', [
      'TechnicalReviewStarted',
    ]);
    initial = await audit(
      initialAuditId,
      'CompleteTechnicalReview',
      {
        verdict: 'RETURN',
        checks: { processConformity: true, nonconformitiesAccurate: false, conclusionSound: false },
        comments: 'nc-major lacks the affected clause text',
      },
      actors.reviewer,
      '2026-02-06T05:00:00.000Z',
      ['TechnicalReviewCompleted'],
    );
    expect(initial).toMatchObject({ status: 'RETURNED' });
    await audit(
      initialAuditId,
      'CompleteAuditReport',
      {
        conclusion: 'conforms after correction of nc-major (clause text added)',
        recommendation: 'GRANT',
        lastAuditDay: '2026-02-04',
      },
      actors.leadAuditor,
      '2026-02-09T01:00:00.000Z',
      ['AuditReportCompleted'],
    );

    // The organisation corrects both nonconformities; the lead auditor verifies them (R-AUD-4).
    for (const nonconformityId of ['nc-minor', 'nc-major']) {
      await audit(
        initialAuditId,
        'RespondToNonconformity',
        {
          nonconformityId,
          rootCause: 'process gap',
          correction: 'fixed',
          correctiveAction: 'procedure updated',
        },
        actors.auditor,
        '2026-02-10T01:00:00.000Z',
        ['NonconformityResponded'],
      );
      await audit(
        initialAuditId,
        'AcceptNonconformityResponse',
        { nonconformityId },
        actors.auditor,
        '2026-02-11T01:00:00.000Z',
        ['NonconformityResponseAccepted'],
      );
      await audit(
        initialAuditId,
        'VerifyNonconformity',
        { nonconformityId, evidence: 'records sighted' },
        actors.leadAuditor,
        '2026-02-20T01:00:00.000Z',
        ['NonconformityVerified'],
      );
    }
    await audit(initialAuditId, 'StartTechnicalReview', {}, actors.reviewer, '2026-02-23T01:00:00.000Z', [
      'TechnicalReviewStarted',
    ]);
    initial = await audit(
      initialAuditId,
      'CompleteTechnicalReview',
      {
        verdict: 'APPROVE',
        checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
        comments: '',
      },
      actors.reviewer,
      '2026-02-23T05:00:00.000Z',
      ['TechnicalReviewCompleted'],
    );
    expect(initial).toMatchObject({ status: 'REVIEWED' });

    // — Decision (§6.3.2) and the certificate it issues (§7).
    initial = await audit(
      initialAuditId,
      'DecideCertification',
      { outcome: 'GRANT', reasons: [] },
      actors.decisionMaker,
      '2026-03-02T02:00:00.000Z',
      ['CertificationDecided'],
    );
    expect(initial).toMatchObject({ status: 'DECIDED' });

    const holder = annexA().organisation;
    let cert = await certificate(
      'IssueCertificate',
      {
        number: certificateNumber,
        applicationId,
        schemeVersion: CMM_525_0002_V1.id,
        grant: {
          auditId: initialAuditId,
          auditType: 'INITIAL',
          decisionDate: '2026-03-02',
          decisionMaker: actors.decisionMaker,
        },
        holder: { name: holder.name, address: holder.address, uscc: holder.uscc },
        scope: '智能客户服务能力 — 电话、在线、App 渠道',
        evaluationResults: results,
      },
      actors.decisionMaker,
      '2026-03-02T02:00:00.000Z',
      ['CertificateIssued'],
    );
    // R-CERT-2: 3 years from the decision date.
    expect(cert).toMatchObject({
      status: 'VALID',
      number: certificateNumber,
      expiryDate: '2029-03-02',
      documentRevision: 1,
    });

    initial = await audit(
      initialAuditId,
      'RecordDecisionNotice',
      { sentOn: '2026-03-04', reference: 'NOTICE-2026-001', appealRightsStated: true },
      actors.decisionMaker,
      '2026-03-04T02:00:00.000Z',
      ['DecisionNoticeRecorded'],
    );
    expect(initial).toMatchObject({ status: 'NOTIFIED' });

    // — Change of address (§7.4.1): a new document revision and a B.2 record.
    cert = await certificate(
      'ChangeCertificate',
      { field: 'ADDRESS', after: '福建省福州市仓山区金山大道 8 号', reason: 'registered office moved' },
      actors.registryOfficer,
      '2026-04-01T02:00:00.000Z',
      ['CertificateChanged'],
    );
    expect(cert).toMatchObject({
      holder: { address: '福建省福州市仓山区金山大道 8 号' },
      documentRevision: 2,
    });

    // — Suspension (§8.2.1) and reinstatement (§8.3.1) before the deadline.
    cert = await certificate(
      'SuspendCertificate',
      {
        ground: 'GENERAL_VIOLATION',
        reason: '一般违法违规行为: consumer-protection fine',
        correctionsRequired: ['complaint handling procedure revised'],
        deadline: '2026-09-01',
      },
      actors.decisionMaker,
      '2026-06-01T02:00:00.000Z',
      ['CertificateSuspended'],
    );
    expect(cert).toMatchObject({ status: 'SUSPENDED', suspension: { deadline: '2026-09-01' } });

    cert = await certificate(
      'ReinstateCertificate',
      { verification: { kind: 'REVIEW', reference: 'REVIEW-2026-017' }, reason: 'correction verified' },
      actors.decisionMaker,
      '2026-07-15T02:00:00.000Z',
      ['CertificateReinstated'],
    );
    expect(cert).toMatchObject({ status: 'VALID', suspension: null });

    // — Surveillance (§6.4.2) ending in MAINTAIN, recorded on the certificate (B.4).
    await audit(
      surveillanceAuditId,
      'ScheduleAudit',
      {
        auditId: surveillanceAuditId,
        type: 'SURVEILLANCE',
        schemeVersion: CMM_525_0002_V1.id,
        subject: { kind: 'CERTIFICATE', certificateNumber, certificateStatus: cert.status },
        plannedStartDate: '2027-01-18',
        plannedEndDate: '2027-01-18',
        onSiteDays: 1,
      },
      actors.programmeManager,
      '2027-01-04T02:00:00.000Z',
      ['AuditScheduled'],
    );
    await audit(
      surveillanceAuditId,
      'AssignAuditTeam',
      { leadAuditor: actors.leadAuditor, members: [] },
      actors.programmeManager,
      '2027-01-05T02:00:00.000Z',
      ['AuditTeamAssigned'],
    );
    await audit(surveillanceAuditId, 'StartAudit', {}, actors.leadAuditor, '2027-01-18T01:00:00.000Z', [
      'AuditStarted',
    ]);
    await audit(
      surveillanceAuditId,
      'CompleteAuditReport',
      { conclusion: 'continues to conform', recommendation: 'MAINTAIN', lastAuditDay: '2027-01-18' },
      actors.leadAuditor,
      '2027-01-18T09:00:00.000Z',
      ['AuditReportCompleted'],
    );
    await audit(
      surveillanceAuditId,
      'StartTechnicalReview',
      {},
      actors.reviewer,
      '2027-01-20T01:00:00.000Z',
      ['TechnicalReviewStarted'],
    );
    await audit(
      surveillanceAuditId,
      'CompleteTechnicalReview',
      {
        verdict: 'APPROVE',
        checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
        comments: '',
      },
      actors.reviewer,
      '2027-01-20T05:00:00.000Z',
      ['TechnicalReviewCompleted'],
    );
    const surveillance = await audit(
      surveillanceAuditId,
      'DecideCertification',
      { outcome: 'MAINTAIN', reasons: [] },
      actors.decisionMaker,
      '2027-02-01T02:00:00.000Z',
      ['CertificationDecided'],
    );
    expect(surveillance).toMatchObject({ status: 'DECIDED' });
    cert = await certificate(
      'RecordSurveillance',
      {
        auditId: surveillanceAuditId,
        auditType: 'SURVEILLANCE',
        decisionDate: '2027-02-01',
        outcome: 'MAINTAIN',
        conclusion: 'continues to conform',
        leadAuditorId: actors.leadAuditor.id,
      },
      actors.decisionMaker,
      '2027-02-01T02:00:00.000Z',
      ['SurveillanceRecorded'],
    );
    expect(cert).toMatchObject({ status: 'VALID', lastSurveillanceDate: '2027-02-01' });

    // — Revocation (§8.3.2): investigation → notice → appeal → appeal rejected → final.
    cert = await certificate(
      'OpenRevocation',
      {
        ground: 'FALSE_INFORMATION',
        investigation: { findings: 'performance data for 2026 Q4 was fabricated' },
      },
      actors.decisionMaker,
      '2027-05-03T02:00:00.000Z',
      ['RevocationOpened'],
    );
    expect(cert).toMatchObject({ status: 'VALID', revocation: { ground: 'FALSE_INFORMATION' } });
    cert = await certificate(
      'IssueRevocationNotice',
      { reasons: ['提供虚假材料 (§8.2.2 2)'] },
      actors.decisionMaker,
      '2027-05-05T02:00:00.000Z',
      ['RevocationNoticeIssued'],
    );
    expect(cert).toMatchObject({ revocation: { appealWindowEndsAt: '2027-06-04' } });
    await certificate(
      'LodgeRevocationAppeal',
      { grounds: 'the data was a draft sent in error' },
      actors.decisionMaker,
      '2027-05-20T02:00:00.000Z',
      ['RevocationAppealLodged'],
    );
    await certificate(
      'DecideRevocationAppeal',
      { verdict: 'REJECTED', reason: 'the draft was submitted as final and signed' },
      actors.decisionMaker,
      '2027-05-27T02:00:00.000Z',
      ['RevocationAppealDecided'],
    );
    cert = await certificate(
      'FinaliseRevocation',
      { reason: 'appeal rejected' },
      actors.decisionMaker,
      '2027-05-28T02:00:00.000Z',
      ['CertificateRevoked'],
    );
    expect(cert).toMatchObject({ status: 'REVOKED' });

    // REVOKED is final.
    await expect(
      certificate(
        'ReinstateCertificate',
        { verification: { kind: 'REVIEW', reference: 'x' }, reason: 'x' },
        actors.decisionMaker,
        '2027-06-01T02:00:00.000Z',
        [],
      ),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });

    // Every stream verifies end to end, and the global log holds the story in order.
    const streams = [
      applicationStreamName(applicationId),
      auditStreamName(initialAuditId),
      auditStreamName(surveillanceAuditId),
      certificateStreamName(certificateNumber),
    ];
    for (const streamId of streams) {
      expect(await verifyStoredStream(store, streamId)).toMatchObject({ valid: true });
    }
    const log = await store.readAll();
    expect(log[0].type).toBe('ApplicationSubmitted');
    expect(log[log.length - 1].type).toBe('CertificateRevoked');
    expect(new Set(log.map((e) => e.streamId))).toEqual(new Set(streams));
  });
});
