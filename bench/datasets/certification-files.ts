import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { newEventId } from '@app/event-store';
import {
  addDays,
  addMonths,
  applicationDecider,
  applicationStreamName,
  auditDecider,
  auditStreamName,
  certificateDecider,
  certificateStreamName,
  formatCertificateNumber,
  type Actor,
  type ApplicationCommand,
  type ApplicationState,
  type AuditCommand,
  type AuditFile,
  type AuditState,
  type CertificateCommand,
  type CertificationDecided,
  type ScoreSheetInput,
} from '@app/domain';
import { scoreSheet } from '@app/testing';
import { annexAFor, materialsFor } from '../../apps/cli/src/demo/organisations';
import type { DomainCore } from './domain-core';
import { organisationOf } from './organisations';

/** The acting back-office users of the generated files (one per role, as the demo has). */
export const BENCH_ACTORS = {
  intake: { id: 'bench-intake', role: 'INTAKE_OFFICER' },
  programme: { id: 'bench-programme', role: 'PROGRAMME_MANAGER' },
  leadAuditor: { id: 'bench-lead-auditor', role: 'AUDITOR' },
  auditor: { id: 'bench-auditor', role: 'AUDITOR' },
  reviewer: { id: 'bench-reviewer', role: 'TECHNICAL_REVIEWER' },
  decider: { id: 'bench-decider', role: 'DECISION_MAKER' },
  registry: { id: 'bench-registry', role: 'REGISTRY_OFFICER' },
} satisfies Record<string, Actor>;

/** Files are decided between these dates; the benchmark's clock stands at BENCH_TODAY, after all of them. */
export const FIRST_START = '2026-01-05';
export const LAST_START = '2026-05-20';
export const BENCH_TODAY = '2026-07-01';
export const BENCH_NOW = `${BENCH_TODAY}T02:00:00.000Z`;

/** `$certificate-numbers-<year>`: the helper stream CertificateNumbers allocates numbers on (R-CERT-1). */
const numbersStream = (year: number) => `$certificate-numbers-${year}`;

/** 10:00 Beijing time on `date`, as the demo's commands run. */
const at = (date: string): string => `${date}T02:00:00.000Z`;

/** A few score sheets (composites 78–90); the domain computes the results from them on every RecordScores. */
const SHEETS: ScoreSheetInput[] = [0.78, 0.82, 0.85, 0.88, 0.9].map((fraction) => scoreSheet({ fraction }));

export interface GeneratedFile {
  number: string;
  applicationId: string;
  auditId: string;
  /** ISO date of the GRANT. */
  decisionDate: string;
}

/** Dates of file `index` of `count`, spread evenly over the start window. */
export const startDateOf = (index: number, count: number): string => {
  const span = (Date.parse(LAST_START) - Date.parse(FIRST_START)) / 86_400_000;
  return addDays(FIRST_START, Math.floor((index / Math.max(1, count)) * span));
};

/**
 * Generates certification files through the deciders, in the order the real handlers append them: application
 * submitted and accepted, initial audit scheduled, team assigned, started, scored, reported, reviewed, decided
 * GRANT — then, as DecisionConsequences does, the certificate number allocated on the year's helper stream and the
 * certificate issued (caused by the decision) — and the decision notice recorded.
 */
export class CertificationFiles {
  private sequence = 0;

  constructor(private readonly core: DomainCore) {}

  /** Number of certificates issued so far. */
  get issued(): number {
    return this.sequence;
  }

  granted(index: number, start: string): GeneratedFile {
    const { core } = this;
    const a = BENCH_ACTORS;
    const org = organisationOf(index);
    // Time-ordered, as the API's new ids (libs/certification/src/ids.ts).
    const applicationId = uuidv7();
    const auditId = uuidv7();
    const applicationStream = applicationStreamName(applicationId);
    const auditStream = auditStreamName(auditId);
    const onApplication = (command: Pick<ApplicationCommand, 'type' | 'data'>, actor: Actor, date: string) =>
      core.run(applicationDecider, applicationStream, command, actor, at(date));
    const onAudit = (command: Pick<AuditCommand, 'type' | 'data'>, actor: Actor, date: string) =>
      core.run(auditDecider, auditStream, command, actor, at(date));

    onApplication(
      {
        type: 'SubmitApplication',
        data: { applicationId, kind: 'INITIAL', annexA: annexAFor(org, start), materials: materialsFor(org) },
      },
      a.intake,
      start,
    );
    // The organisations are new: the sanctions lookup of the real handler finds nothing for them.
    onApplication(
      { type: 'AcceptApplication', data: { legalEntityVerified: true, sanctions: [] } },
      a.intake,
      addDays(start, 2),
    );
    const application = core.stateOf<ApplicationState>(applicationStream);
    if (!application || application.status === 'NONE') throw new Error('application not submitted');
    onAudit(
      {
        type: 'ScheduleAudit',
        data: {
          auditId,
          type: 'INITIAL',
          schemeVersion: application.schemeVersion,
          subject: { kind: 'APPLICATION', applicationId, applicationStatus: application.status },
          plannedStartDate: addDays(start, 21),
          plannedEndDate: addDays(start, 23),
          onSiteDays: 3,
        },
      },
      a.programme,
      addDays(start, 7),
    );
    onAudit(
      { type: 'AssignAuditTeam', data: { leadAuditor: a.leadAuditor, members: [a.auditor] } },
      a.programme,
      addDays(start, 8),
    );
    onAudit({ type: 'StartAudit', data: {} }, a.leadAuditor, addDays(start, 21));
    onAudit(
      { type: 'RecordScores', data: { sheet: SHEETS[index % SHEETS.length] } },
      a.auditor,
      addDays(start, 23),
    );
    onAudit(
      {
        type: 'CompleteAuditReport',
        data: { conclusion: '符合认证要求', recommendation: 'GRANT', lastAuditDay: addDays(start, 23) },
      },
      a.leadAuditor,
      addDays(start, 23),
    );
    onAudit({ type: 'StartTechnicalReview', data: {} }, a.reviewer, addDays(start, 27));
    onAudit(
      {
        type: 'CompleteTechnicalReview',
        data: {
          verdict: 'APPROVE',
          checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
          comments: '',
        },
      },
      a.reviewer,
      addDays(start, 27),
    );

    // The decision and its consequence, with the request's correlation id; the certificate is caused by it.
    const decidedOn = addDays(start, 30);
    const correlationId = randomUUID();
    const decided = core.run(
      auditDecider,
      auditStream,
      { type: 'DecideCertification', data: { outcome: 'GRANT', reasons: [] } },
      a.decider,
      at(decidedOn),
      { correlationId },
    );
    const decisionEvent = decided.events.find((e) => e.type === 'CertificationDecided');
    if (!decisionEvent) throw new Error('no CertificationDecided');
    const decision = decisionEvent.data as CertificationDecided['data'];
    const audit = decided.state as AuditState;
    const scheme = core.schemes.get(decision.schemeVersion);
    const year = Number(decision.decisionDate.slice(0, 4));
    this.sequence += 1;
    const number = formatCertificateNumber(scheme, year, this.sequence);
    core.append(numbersStream(year), [
      {
        id: newEventId(),
        type: 'CertificateNumberAllocated',
        data: { number, sequence: this.sequence, year, decisionEventId: decisionEvent.id },
        metadata: {
          actor: a.decider,
          occurredAt: at(decidedOn),
          correlationId,
          causationId: decisionEvent.id,
          schemeVersion: scheme.id,
        },
      },
    ]);
    const { name, address, uscc } = application.annexA.organisation;
    core.run(
      certificateDecider,
      certificateStreamName(number),
      {
        type: 'IssueCertificate',
        data: {
          number,
          applicationId,
          schemeVersion: decision.schemeVersion,
          grant: {
            auditId,
            auditType: 'INITIAL',
            decisionDate: decision.decisionDate,
            decisionMaker: decision.decisionMaker,
          },
          holder: { name, address, uscc },
          scope: `${org.name}智能客户服务 (${org.channels.join('、')})`,
          evaluationResults: (audit as AuditFile).results ?? decision.evaluationResults!,
        },
      },
      a.decider,
      at(decidedOn),
      { correlationId, causationId: decisionEvent.id },
    );
    onAudit(
      {
        type: 'RecordDecisionNotice',
        data: {
          sentOn: addDays(decidedOn, 2),
          reference: `NOTICE-${auditId.slice(0, 8)}-${addDays(decidedOn, 2)}`,
          reasons: [],
          appealRightsStated: false,
        },
      },
      a.decider,
      addDays(decidedOn, 2),
    );
    core.forget([applicationStream, auditStream]);
    return { number, applicationId, auditId, decisionDate: decision.decisionDate };
  }

  /**
   * What happens to some certificates after issue (all before BENCH_TODAY), so the registry holds a realistic mix:
   * changes of address, suspensions (some reinstated), cancellations, revocations after a rejected appeal.
   */
  afterIssue(index: number, file: GeneratedFile): void {
    const room = (Date.parse(BENCH_TODAY) - Date.parse(file.decisionDate)) / 86_400_000;
    if (room < 40) {
      this.core.forget([certificateStreamName(file.number)]);
      return;
    }
    const on = (days: number) => addDays(file.decisionDate, days);
    const cert = (command: Pick<CertificateCommand, 'type' | 'data'>, actor: Actor, date: string) =>
      this.core.run(certificateDecider, certificateStreamName(file.number), command, actor, at(date));
    const a = BENCH_ACTORS;
    const org = organisationOf(index);
    if (index % 10 === 5) {
      cert(
        {
          type: 'ChangeCertificate',
          data: { field: 'ADDRESS', after: `${org.address} (新址)`, reason: '办公地址搬迁' },
        },
        a.registry,
        on(10),
      );
    }
    const suspend = (date: string) =>
      cert(
        {
          type: 'SuspendCertificate',
          data: {
            ground: 'GENERAL_VIOLATION',
            reason: '一般违法违规行为: 消费者权益保护行政处罚',
            correctionsRequired: ['修订投诉处理程序', '完成全员培训'],
            // The longest the scheme allows (6 months): no suspension deadline passes before BENCH_TODAY, so
            // the timers of the API under test find nothing due.
            deadline: addMonths(date, 6),
          },
        },
        a.decider,
        date,
      );
    switch (index % 40) {
      case 3:
        suspend(on(15));
        break;
      case 7:
        suspend(on(15));
        cert(
          {
            type: 'ReinstateCertificate',
            data: {
              verification: { kind: 'REVIEW', reference: `REVIEW-${file.number}` },
              reason: '整改已验证',
            },
          },
          a.decider,
          on(30),
        );
        break;
      case 11:
        cert(
          {
            type: 'CancelCertificate',
            data: { ground: 'HOLDER_REQUEST', reason: '业务重组, 持证组织申请注销' },
          },
          a.decider,
          on(20),
        );
        break;
      case 13:
        cert(
          {
            type: 'OpenRevocation',
            data: { ground: 'FALSE_INFORMATION', investigation: { findings: '绩效数据与系统记录不符' } },
          },
          a.decider,
          on(5),
        );
        cert(
          { type: 'IssueRevocationNotice', data: { reasons: ['提供虚假材料 (§8.2.2 第2项)'] } },
          a.decider,
          on(10),
        );
        cert({ type: 'LodgeRevocationAppeal', data: { grounds: '数据系误提交的草稿' } }, a.decider, on(20));
        cert(
          {
            type: 'DecideRevocationAppeal',
            data: { verdict: 'REJECTED', reason: '草稿已签章作为正式材料提交' },
          },
          a.decider,
          on(30),
        );
        cert({ type: 'FinaliseRevocation', data: { reason: '申诉被驳回' } }, a.decider, on(31));
        break;
      default:
        break;
    }
    this.core.forget([certificateStreamName(file.number)]);
  }

  /**
   * A certificate whose own stream holds `events` events (issue included): changes of address, reissues and
   * suspensions with their reinstatements, several a day, between its issue and BENCH_TODAY. The regulator replays
   * and verifies it (its file also holds the application and the initial audit).
   */
  long(index: number, events: number, start: string): GeneratedFile {
    const file = this.granted(index, start);
    const stream = certificateStreamName(file.number);
    const a = BENCH_ACTORS;
    const org = organisationOf(index);
    const days = Math.max(1, (Date.parse(BENCH_TODAY) - Date.parse(file.decisionDate)) / 86_400_000 - 2);
    const cert = (command: Pick<CertificateCommand, 'type' | 'data'>, actor: Actor, date: string) =>
      this.core.run(certificateDecider, stream, command, actor, at(date));
    for (let n = 1; n < events; n++) {
      const date = addDays(file.decisionDate, 1 + Math.floor((n / events) * days));
      switch (n % 4) {
        case 0:
          cert(
            {
              type: 'ChangeCertificate',
              data: { field: 'ADDRESS', after: `${org.address} ${n} 室`, reason: '地址变更' },
            },
            a.registry,
            date,
          );
          break;
        case 1:
          cert({ type: 'ReissueCertificate', data: { reason: 'LOST' } }, a.registry, date);
          break;
        case 2:
          if (n + 1 < events) {
            cert(
              {
                type: 'SuspendCertificate',
                data: {
                  ground: 'GENERAL_VIOLATION',
                  reason: '投诉处理不及时',
                  correctionsRequired: ['整改投诉处理流程'],
                  deadline: addMonths(date, 1),
                },
              },
              a.decider,
              date,
            );
          } else {
            cert({ type: 'ReissueCertificate', data: { reason: 'DAMAGED' } }, a.registry, date);
          }
          break;
        default:
          cert(
            {
              type: 'ReinstateCertificate',
              data: { verification: { kind: 'REVIEW', reference: `REVIEW-${n}` }, reason: '整改已验证' },
            },
            a.decider,
            date,
          );
          break;
      }
    }
    this.core.forget([stream]);
    return file;
  }
}
