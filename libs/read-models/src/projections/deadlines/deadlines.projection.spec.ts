/**
 * The `deadlines` read model (domain-rules §5): given a stream's events, produced by the real deciders (or the
 * domain's own fixtures), the clocks its document lists — due date, rule, arithmetic and the timer action.
 * Working days follow the State Council calendar of `chinese-days` (2026: Spring Festival 02-15…02-23 with make-up
 * workday Sat 02-14).
 */
import { loadSchemeCatalogue } from '@app/config';
import {
  applicationDecider,
  applicationStreamName,
  auditDecider,
  auditStreamName,
  certificateDecider,
  fold,
} from '@app/domain';
import type {
  Actor,
  ApplicationCommand,
  AuditEvent,
  CertificateCommand,
  CertificateEvent,
  Command,
  Decider,
  DomainEvent,
} from '@app/domain';
import {
  AUDIT_ID,
  T,
  historyUntil,
  nonconformityClosed,
  nonconformityRaised,
} from '@app/domain/audit/audit.fixtures';
import { holder } from '@app/domain/certificate/certificate.fixtures';
import type { RecordedEvent } from '@app/event-store';
import { actors, annexA, completeMaterials, ctx, material } from '@app/testing';
import { certificateStory, NUMBER, wholeCertificateStory } from '../certificate-story.fixtures';
import { eventLog, given } from '../projection-spec.fixtures';
import type { AuditDeadlinesDocument } from './audit-deadlines';
import type { CertificateDeadlinesDocument } from './certificate-deadlines';
import type { Deadline, DeadlinesDocument } from './deadline';
import { deadlinesProjection } from './deadlines.projection';

const projection = deadlinesProjection(loadSchemeCatalogue());
const deadlines = (events: RecordedEvent[]) => given(projection, events);

/** Runs commands through a decider on one stream, recording what it decides (after an optional fixture history). */
const stream = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  streamId: string,
  history: E[] = [],
) => {
  const log = eventLog();
  const decided: E[] = [...history];
  const events: RecordedEvent[] = history.map((event) => log.append(streamId, event));
  const run = (type: C['type'], data: object, now: string, actor: Actor): RecordedEvent[] => {
    const state = fold(decider.evolve, decider.initialState, decided);
    const next = decider.decide({ type, data, context: ctx(actor, now) } as C, state);
    decided.push(...next);
    const recorded = next.map((event) => log.append(streamId, event, { actor, occurredAt: now }));
    events.push(...recorded);
    return recorded;
  };
  return { events, run };
};

// — Applications (R-APP-4, R-TIME-1) —

const APPLICATION_ID = '3f2b8c1d-6e4a-4b7c-9d0e-1a2b3c4d5e6f';
const APPLICATION = applicationStreamName(APPLICATION_ID);

const applicationStory = () => {
  const { events, run } = stream(applicationDecider, APPLICATION);
  const intake = (type: ApplicationCommand['type'], data: object, now: string) =>
    run(type, data, now, actors.intake);
  return {
    events,
    submit: (now: string) =>
      intake(
        'SubmitApplication',
        { applicationId: APPLICATION_ID, kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() },
        now,
      ),
    requestSupplement: (now: string) =>
      intake(
        'RequestSupplement',
        { items: [{ item: 'ORG_CHART', description: 'The organisation chart is missing' }] },
        now,
      ),
    provideSupplement: (now: string) =>
      intake('ProvideSupplement', { items: ['ORG_CHART'], materials: [material('ORGANISATION_CHART')] }, now),
    accept: (now: string) => intake('AcceptApplication', { legalEntityVerified: true, sanctions: [] }, now),
    withdraw: (now: string) => intake('WithdrawApplication', { reason: 'Applicant withdrew' }, now),
    /** What the timer does once the acceptance review overran (R-TIME-1), as SYSTEM. */
    recordBreach: (deadline: Deadline, now: string) =>
      run(
        'RecordAcceptanceSlaBreach',
        { clockStartedAt: deadline.clock?.startedAt, deadline: deadline.dueOn, workingDays: 5 },
        now,
        actors.system,
      ),
  };
};

describe('deadlines projection — application acceptance clock (R-APP-4, R-TIME-1)', () => {
  it('R-APP-4 a submission is due 5 working days later, counted over the Spring Festival, with the arithmetic', () => {
    const story = applicationStory();
    story.submit('2026-02-12T02:00:00.000Z');
    expect(deadlines(story.events).document(APPLICATION)).toEqual<DeadlinesDocument>({
      id: APPLICATION,
      aggregate: 'application',
      subject: APPLICATION_ID,
      label: '福州智服科技有限公司',
      schemeVersion: 'CMM-525-0002@V1.0',
      // The acceptance clock arms a timer: the timers find this file by it.
      armedDueOn: '2026-02-26',
      acceptance: {
        kind: 'acceptance',
        ruleId: 'R-APP-4',
        timerRuleId: 'R-TIME-1',
        startedOn: '2026-02-12',
        // Fri 02-13, make-up Sat 02-14, holiday 02-15…02-23, Tue 02-24, 02-25, 02-26.
        dueOn: '2026-02-26',
        estimated: false,
        basis:
          '2026-02-12 + 5 working days = 2026-02-26 (skipped 2026-02-15…2026-02-23 Spring Festival; make-up workday 2026-02-14)',
        action: 'RECORD_ACCEPTANCE_BREACH',
        armedAt: 0, // the stream revision of the submission (R-TIME-7: the firing's identity)
        clock: { startedAt: '2026-02-12T02:00:00.000Z', workingDays: 5 },
      },
    });
  });

  it('R-APP-4 a supplement request stops the clock; providing the supplement restarts it from that instant', () => {
    const story = applicationStory();
    story.submit('2026-02-12T02:00:00.000Z');
    story.requestSupplement('2026-02-13T02:00:00.000Z');
    deadlines(story.events).then(APPLICATION, { acceptance: null });
    story.provideSupplement('2026-03-02T02:00:00.000Z');
    deadlines(story.events).then(APPLICATION, {
      acceptance: {
        startedOn: '2026-03-02',
        dueOn: '2026-03-09',
        basis: '2026-03-02 + 5 working days = 2026-03-09 (skipped 2 weekend days)',
        action: 'RECORD_ACCEPTANCE_BREACH',
        armedAt: 2, // submitted 0, supplement requested 1, provided 2
        clock: { startedAt: '2026-03-02T02:00:00.000Z', workingDays: 5 },
      },
    });
  });

  it('R-APP-4 acceptance clears the clock; so does a withdrawal', () => {
    const accepted = applicationStory();
    accepted.submit('2026-03-02T02:00:00.000Z');
    accepted.accept('2026-03-04T02:00:00.000Z');
    deadlines(accepted.events).then(APPLICATION, { acceptance: null });

    const withdrawn = applicationStory();
    withdrawn.submit('2026-03-02T02:00:00.000Z');
    withdrawn.withdraw('2026-03-03T02:00:00.000Z');
    deadlines(withdrawn.events).then(APPLICATION, { acceptance: null });
  });

  it('R-TIME-1 a recorded breach keeps the deadline listed with its day, leaves no timer action, and is counted', () => {
    const story = applicationStory();
    story.submit('2026-03-02T02:00:00.000Z');
    const due = deadlines(story.events).document(APPLICATION).acceptance!;
    story.recordBreach(due, '2026-03-10T02:00:00.000Z');
    const breached = deadlines(story.events).document(APPLICATION);
    expect(breached.acceptance).toEqual({ ...due, action: null, breachRecordedOn: '2026-03-10' });
    expect(breached.slaBreaches).toBe(1);

    // The count outlives the clock: a new clock after a supplement runs again, acceptance ends it.
    story.requestSupplement('2026-03-11T02:00:00.000Z');
    story.provideSupplement('2026-03-16T02:00:00.000Z');
    deadlines(story.events).then(APPLICATION, {
      acceptance: { dueOn: '2026-03-23', action: 'RECORD_ACCEPTANCE_BREACH', armedAt: 3 },
      slaBreaches: 1,
    });
    expect(deadlines(story.events).document(APPLICATION).acceptance).not.toHaveProperty('breachRecordedOn');
    story.accept('2026-03-17T02:00:00.000Z');
    deadlines(story.events).then(APPLICATION, { acceptance: null, slaBreaches: 1 });
  });
});

// — Audits (R-AUD-3, R-AUD-7, R-AUD-8; R-TIME-1, R-TIME-6) —

const AUDIT = auditStreamName(AUDIT_ID);

const auditStory = (history: AuditEvent[]) => {
  const { events, run } = stream(auditDecider, AUDIT, history);
  return {
    events,
    run,
    decide: (outcome: string, now: string = T.decided) =>
      run('DecideCertification', { outcome, reasons: [] }, now, actors.decisionMaker),
    notice: (sentOn: string, now: string) =>
      run(
        'RecordDecisionNotice',
        { sentOn, reference: 'DN-1', reasons: ['Conditions NC-1, NC-2'], appealRightsStated: true },
        now,
        actors.decisionMaker,
      ),
  };
};

const auditDeadlines = (events: RecordedEvent[]) =>
  deadlines(events).document(AUDIT) as AuditDeadlinesDocument;

/** Two open MINOR nonconformities (conditions of a conditional grant) and a closed one. */
const minorFindings = [
  nonconformityRaised('NC-1', 'MINOR'),
  nonconformityRaised('NC-2', 'MINOR'),
  nonconformityRaised('NC-3', 'MINOR'),
  ...nonconformityClosed('NC-3'),
];

describe('deadlines projection — audits (R-AUD-3, R-AUD-7, R-AUD-8)', () => {
  it('R-AUD-8 a decision starts the 5-working-day notice clock; the notice recorded clears it', () => {
    const story = auditStory(historyUntil('REVIEWED'));
    expect(auditDeadlines(story.events)).toEqual<AuditDeadlinesDocument>({
      id: AUDIT,
      aggregate: 'audit',
      subject: AUDIT_ID,
      label: 'app-1',
      schemeVersion: 'CMM-525-0002@V1.0',
      // The notice is recorded: no armed clock left.
      armedDueOn: null,
      openNonconformities: {},
    });
    story.decide('GRANT');
    deadlines(story.events).then(AUDIT, {
      decisionNotice: {
        kind: 'decision-notice',
        ruleId: 'R-AUD-8',
        timerRuleId: 'R-TIME-1',
        startedOn: '2026-03-20',
        dueOn: '2026-03-27',
        estimated: false,
        basis: '2026-03-20 + 5 working days = 2026-03-27 (skipped 2 weekend days)',
        action: 'RECORD_DECISION_NOTICE_BREACH',
        armedAt: 7, // the decision: revision 7, after the 7 events of historyUntil('REVIEWED')
        clock: { startedAt: '2026-03-20', workingDays: 5 },
      },
      conditionalGrant: null,
    });
    story.notice('2026-03-23', T.notified);
    deadlines(story.events).then(AUDIT, { decisionNotice: null });
  });

  it('R-TIME-1 a notice breach recorded by SYSTEM stays listed without an action and is counted', () => {
    const story = auditStory(historyUntil('REVIEWED'));
    story.decide('GRANT');
    const due = auditDeadlines(story.events).decisionNotice!;
    story.run(
      'RecordDecisionNoticeSlaBreach',
      { decisionDate: '2026-03-20', deadline: due.dueOn, workingDays: 5 },
      '2026-03-28T02:00:00.000Z',
      actors.system,
    );
    deadlines(story.events).then(AUDIT, {
      decisionNotice: { ...due, action: null, breachRecordedOn: '2026-03-28' },
      slaBreaches: 1,
    });
  });

  it('R-AUD-7 a conditional grant lists its deadline; the follow-up GRANT clears it and starts a new notice clock', () => {
    const story = auditStory(historyUntil('REVIEWED', { findings: minorFindings }));
    story.decide('CONDITIONAL_GRANT');
    deadlines(story.events).then(AUDIT, {
      conditionalGrant: {
        kind: 'conditional-grant',
        ruleId: 'R-AUD-7',
        timerRuleId: 'R-TIME-6',
        startedOn: '2026-03-20',
        // 2026-03-20 + 90 days (conditionalGrantDeadlineDays)
        dueOn: '2026-06-18',
        estimated: false,
        basis: 'conditional grant of 2026-03-20: 2 condition(s) to verify by 2026-06-18',
        action: 'REFUSE_EXPIRED_CONDITIONAL_GRANT',
        armedAt: story.events.length - 1,
      },
      decisionNotice: { dueOn: '2026-03-27' },
      armedDueOn: '2026-03-27',
    });
    story.notice('2026-03-23', T.notified);
    // The conditional grant's timer (R-TIME-6) is the one left armed.
    deadlines(story.events).then(AUDIT, {
      decisionNotice: null,
      conditionalGrant: { dueOn: '2026-06-18', armedAt: story.events.length - 2 },
      armedDueOn: '2026-06-18',
    });

    for (const id of ['NC-1', 'NC-2']) {
      story.run('RespondToNonconformity', respond(id), '2026-04-20T01:00:00Z', actors.auditor);
      story.run(
        'AcceptNonconformityResponse',
        { nonconformityId: id },
        '2026-04-21T01:00:00Z',
        actors.auditor,
      );
      story.run('VerifyNonconformity', verify(id), '2026-05-06T01:00:00Z', actors.leadAuditor);
    }
    story.decide('GRANT', '2026-05-08T01:00:00Z');
    deadlines(story.events).then(AUDIT, {
      conditionalGrant: null,
      nonconformity: null,
      decisionNotice: {
        startedOn: '2026-05-08',
        // Make-up workday Sat 05-09 (Labour Day 调休), Mon 05-11 … Thu 05-14.
        dueOn: '2026-05-14',
        basis: '2026-05-08 + 5 working days = 2026-05-14 (skipped 1 weekend day; make-up workday 2026-05-09)',
        action: 'RECORD_DECISION_NOTICE_BREACH',
        clock: { startedAt: '2026-05-08', workingDays: 5 },
      },
    });
  });

  it('R-AUD-3 lists the open nonconformity due first, and moves on as they are verified', () => {
    const story = auditStory(historyUntil('IN_PROGRESS'));
    const raise = (id: string, dueDate?: string) =>
      story.run(
        'RaiseNonconformity',
        { nonconformityId: id, grade: 'MINOR', clause: '§11.4', evidence: 'no records', dueDate },
        T.findings,
        actors.auditor,
      );
    raise('NC-LATE'); // 2026-03-11 + 90 days = 2026-06-09 (nonconformityDueDays)
    raise('NC-SOON', '2026-04-30');
    deadlines(story.events).then(AUDIT, {
      openNonconformities: { 'NC-LATE': '2026-06-09', 'NC-SOON': '2026-04-30' },
      nonconformity: {
        kind: 'nonconformity',
        ruleId: 'R-AUD-3',
        timerRuleId: null,
        startedOn: '2026-04-30',
        dueOn: '2026-04-30',
        estimated: false,
        basis: 'due date set when the nonconformity was raised; 1 more open',
        action: null,
        nonconformityId: 'NC-SOON',
      },
    });
    story.run('RespondToNonconformity', respond('NC-SOON'), '2026-03-12T01:00:00Z', actors.auditor);
    story.run('AcceptNonconformityResponse', { nonconformityId: 'NC-SOON' }, T.findings, actors.auditor);
    story.run('VerifyNonconformity', verify('NC-SOON'), '2026-03-12T02:00:00Z', actors.leadAuditor);
    deadlines(story.events).then(AUDIT, {
      openNonconformities: { 'NC-LATE': '2026-06-09' },
      nonconformity: {
        dueOn: '2026-06-09',
        nonconformityId: 'NC-LATE',
        basis: 'due date set when the nonconformity was raised',
      },
    });
  });

  it('R-AUD-1 cancelling the audit clears every clock on it', () => {
    const story = auditStory(historyUntil('IN_PROGRESS', { findings: minorFindings }));
    deadlines(story.events).then(AUDIT, { nonconformity: { nonconformityId: 'NC-1' } });
    story.run(
      'CancelAudit',
      { reason: 'Applicant withdrew' },
      '2026-03-12T01:00:00Z',
      actors.programmeManager,
    );
    deadlines(story.events).then(AUDIT, {
      openNonconformities: {},
      nonconformity: null,
      decisionNotice: null,
      conditionalGrant: null,
    });
  });
});

const respond = (nonconformityId: string) => ({
  nonconformityId,
  rootCause: 'No owner for monitoring.',
  correction: 'Records reconstructed.',
  correctiveAction: 'Monitoring owner appointed.',
});
const verify = (nonconformityId: string) => ({ nonconformityId, evidence: 'Weekly monitoring records.' });

// — Certificates (R-TIME-2…5, R-CERT-2, 5, 7, 9) —

const CERTIFICATE = `certificate-${NUMBER}`;
const certificateDeadlines = (events: RecordedEvent[]) =>
  deadlines(events).document(CERTIFICATE) as CertificateDeadlinesDocument;
const slots = ({
  surveillance,
  recertificationWindow,
  suspension,
  revocationAppeal,
  expiry,
}: DeadlinesDocument) => ({ surveillance, recertificationWindow, suspension, revocationAppeal, expiry });

const NO_CLOCKS = {
  surveillance: null,
  recertificationWindow: null,
  suspension: null,
  revocationAppeal: null,
  expiry: null,
};

type CertificateData<T extends CertificateCommand['type']> = Extract<CertificateCommand, { type: T }>['data'];
const openRevocation: CertificateData<'OpenRevocation'> = {
  ground: 'SERIOUS_VIOLATION',
  investigation: { findings: 'Customer data sold to third parties' },
};

describe('deadlines projection — certificates (R-TIME-2…5)', () => {
  it('carries the certificate as the domain folds the events it handles, less grant, basis and evaluation results', () => {
    const story = wholeCertificateStory();
    for (let end = 1; end <= story.events.length; end++) {
      const events = story.events.slice(0, end);
      const state = fold(
        certificateDecider.evolve,
        certificateDecider.initialState,
        events
          .filter((event) => projection.handles.includes(event.type))
          .map((event) => ({ type: event.type, data: event.data }) as unknown as CertificateEvent),
      );
      if (state.status === 'NONE') throw new Error('the story issues its certificate first');
      const { grant, basis, evaluationResults, ...clocked } = state;
      expect([grant, basis, evaluationResults].every((field) => field !== undefined)).toBe(true);
      expect(certificateDeadlines(events).certificate).toStrictEqual(clocked);
    }
  });

  it('R-TIME-2 an issued certificate: surveillance due decision + 12 months, recertification window, expiry', () => {
    const story = certificateStory();
    story.issue(); // decided 2026-01-08, issued 2026-01-10, expires 2029-01-08
    const document = certificateDeadlines(story.events);
    expect(document).toMatchObject({
      id: CERTIFICATE,
      aggregate: 'certificate',
      subject: NUMBER,
      label: holder.name,
      schemeVersion: 'CMM-525-0002@V1.0',
      certificate: { status: 'VALID', number: NUMBER },
    });
    expect(slots(document)).toEqual({
      surveillance: {
        kind: 'surveillance',
        ruleId: 'R-TIME-2',
        timerRuleId: 'R-TIME-3',
        startedOn: '2026-01-08',
        dueOn: '2027-01-08',
        estimated: false,
        basis: 'the certification decision 2026-01-08 + 12 months = 2027-01-08',
        action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
        armedAt: 0,
      },
      recertificationWindow: {
        kind: 'recertification-window',
        ruleId: 'R-CERT-9',
        timerRuleId: null,
        startedOn: '2028-10-08',
        dueOn: '2028-10-08',
        estimated: false,
        basis: 'expiry 2029-01-08 − 3 months = 2028-10-08',
        action: null,
      },
      suspension: null,
      revocationAppeal: null,
      expiry: {
        kind: 'expiry',
        ruleId: 'R-CERT-2',
        timerRuleId: 'R-TIME-5',
        startedOn: '2026-01-08',
        dueOn: '2029-01-08',
        estimated: false,
        basis: 'term decided on 2026-01-08, valid until 2029-01-08',
        action: 'CANCEL_EXPIRED_CERTIFICATE',
        armedAt: 0,
      },
    });
  });

  it('R-TIME-4 a suspension lists its deadline with the revocation action; no surveillance action while suspended', () => {
    const story = certificateStory();
    story.issue();
    story.suspend(); // 2026-06-01, deadline 2026-09-01
    const document = certificateDeadlines(story.events);
    expect(document.suspension).toEqual({
      kind: 'suspension',
      ruleId: 'R-CERT-5',
      timerRuleId: 'R-TIME-4',
      startedOn: '2026-06-01',
      dueOn: '2026-09-01',
      estimated: false,
      basis: 'suspended on 2026-06-01 (MINOR_NC_NOT_CORRECTED); reinstatement possible until 2026-09-01',
      action: 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION',
      armedAt: 1,
    });
    expect(document.surveillance).toMatchObject({ dueOn: '2027-01-08', action: null });
    expect(document.expiry).toMatchObject({ action: 'CANCEL_EXPIRED_CERTIFICATE' });

    story.reinstate(); // 2026-08-20
    deadlines(story.events).then(CERTIFICATE, {
      suspension: null,
      surveillance: { action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE' },
    });
  });

  it('R-TIME-7 an action keeps its armedAt while it stands, and is armed anew when the state comes back to it', () => {
    const story = certificateStory();
    story.issue(); // revision 0
    story.changeName(); // 1: nothing about the clocks changes
    deadlines(story.events).then(CERTIFICATE, {
      surveillance: { dueOn: '2027-01-08', action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE', armedAt: 0 },
      expiry: { armedAt: 0 },
    });
    story.suspend(); // 2
    story.reinstate(); // 3: the same surveillance deadline has an action again — a new firing if it passes
    deadlines(story.events).then(CERTIFICATE, {
      surveillance: { dueOn: '2027-01-08', action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE', armedAt: 3 },
      expiry: { action: 'CANCEL_EXPIRED_CERTIFICATE', armedAt: 0 },
    });
  });

  it('R-CERT-7 a revocation opened on a suspended certificate leaves the suspension without an action', () => {
    const story = certificateStory();
    story.issue();
    story.suspend();
    story.run('OpenRevocation', openRevocation, '2026-07-01');
    deadlines(story.events).then(CERTIFICATE, {
      suspension: { dueOn: '2026-09-01', action: null },
      revocationAppeal: null,
    });
  });

  it('R-CERT-7 the revocation notice opens the appeal window, listed with the appeal as it goes', () => {
    const story = certificateStory();
    story.issue();
    story.run('OpenRevocation', openRevocation, '2026-07-01');
    story.run('IssueRevocationNotice', { reasons: ['Serious violation of PIPL'] }, '2026-07-06');
    const appealWindow = {
      kind: 'revocation-appeal',
      ruleId: 'R-CERT-7',
      timerRuleId: null,
      startedOn: '2026-07-06',
      // notice + 30 days (revocationAppealWindowDays)
      dueOn: '2026-08-05',
      estimated: false,
      action: null,
    };
    expect(certificateDeadlines(story.events).revocationAppeal).toEqual({
      ...appealWindow,
      basis: 'revocation notice of 2026-07-06; appeal window until 2026-08-05',
    });
    story.run('LodgeRevocationAppeal', { grounds: 'A contractor acted alone' }, '2026-07-20');
    expect(certificateDeadlines(story.events).revocationAppeal).toEqual({
      ...appealWindow,
      basis:
        'revocation notice of 2026-07-06; appeal window until 2026-08-05; appeal lodged 2026-07-20, pending',
    });
    story.run('DecideRevocationAppeal', { verdict: 'REJECTED', reason: 'Examined' }, '2026-07-28');
    expect(certificateDeadlines(story.events).revocationAppeal?.basis).toBe(
      'revocation notice of 2026-07-06; appeal window until 2026-08-05; appeal lodged 2026-07-20, REJECTED',
    );
  });

  it('R-TIME-2 a surveillance re-anchors the next one; a renewal moves the expiry and anchors on its decision', () => {
    const story = certificateStory();
    story.issue();
    story.surveil(); // decided 2026-12-15
    deadlines(story.events).then(CERTIFICATE, {
      surveillance: {
        startedOn: '2026-12-15',
        dueOn: '2027-12-15',
        basis: 'the last surveillance 2026-12-15 + 12 months = 2027-12-15',
        action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
      },
    });
    story.renew(); // decided 2028-11-30: expiry 2029-01-08 + 3 years
    const renewed = certificateDeadlines(story.events);
    expect(renewed.expiry).toMatchObject({
      dueOn: '2032-01-08',
      basis: 'term decided on 2028-11-30, valid until 2032-01-08',
      action: 'CANCEL_EXPIRED_CERTIFICATE',
      armedAt: 2,
    });
    expect(renewed.recertificationWindow).toMatchObject({
      dueOn: '2031-10-08',
      basis: 'expiry 2032-01-08 − 3 months = 2031-10-08',
    });
    expect(renewed.surveillance).toEqual({
      kind: 'surveillance',
      ruleId: 'R-TIME-2',
      timerRuleId: 'R-TIME-3',
      startedOn: '2028-11-30',
      dueOn: '2029-11-30',
      estimated: false,
      basis: 'the certification decision 2028-11-30 + 12 months = 2029-11-30',
      action: 'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
      armedAt: 2, // issued 0, surveilled 1, renewed 2: a new deadline, a new firing
    });
  });

  it('R-TIME-2 no surveillance is due in the recertification year', () => {
    const story = certificateStory();
    story.issue();
    story.run(
      'RecordSurveillance',
      {
        auditId: 'audit-surv-2',
        auditType: 'SURVEILLANCE',
        decisionDate: '2028-01-05', // + 12 months = 2029-01-05, the year of expiry 2029-01-08
        outcome: 'MAINTAIN',
        conclusion: 'Continues to conform',
        leadAuditorId: 'user-lead',
      },
      '2028-01-06',
    );
    deadlines(story.events).then(CERTIFICATE, {
      surveillance: null,
      expiry: { dueOn: '2029-01-08' },
    });
  });

  it('R-CERT-8 a cancelled certificate has no clock left', () => {
    const story = certificateStory();
    story.issue();
    story.suspend();
    story.cancel('2026-07-01');
    const document = certificateDeadlines(story.events);
    expect(document.certificate).toMatchObject({ status: 'CANCELLED' });
    expect(slots(document)).toEqual(NO_CLOCKS);
  });

  it('R-CERT-7 a revoked certificate has no clock left', () => {
    const story = certificateStory();
    story.issue();
    story.run('OpenRevocation', openRevocation, '2026-07-01');
    story.run('IssueRevocationNotice', { reasons: ['Serious violation of PIPL'] }, '2026-07-06');
    story.run('FinaliseRevocation', { reason: 'No appeal in the window' }, '2026-08-06');
    const document = certificateDeadlines(story.events);
    expect(document.certificate).toMatchObject({ status: 'REVOKED' });
    expect(slots(document)).toEqual(NO_CLOCKS);
  });
});
