import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import {
  AcceptApplicationCommand,
  AcceptNonconformityResponseCommand,
  AssignAuditTeamCommand,
  CancelCertificateCommand,
  CompleteAuditReportCommand,
  CompleteTechnicalReviewCommand,
  DecideCertificationCommand,
  DecideRevocationAppealCommand,
  FinaliseRevocationCommand,
  IssueRevocationNoticeCommand,
  LodgeRevocationAppealCommand,
  OpenRevocationCommand,
  RaiseNonconformityCommand,
  RecordDecisionNoticeCommand,
  RecordScoresCommand,
  ReinstateCertificateCommand,
  RespondToNonconformityCommand,
  ScheduleAuditCommand,
  StartAuditCommand,
  StartTechnicalReviewCommand,
  SubmitApplicationCommand,
  SuspendCertificateCommand,
  VerifyNonconformityCommand,
  type CommandMetadata,
  type CommandResult,
  type DecideCertificationInput,
  type ManualClock,
} from '@app/certification';
import { addDays, addMonths, type Actor, type NonconformityGrade } from '@app/domain';
import type { DemoActors } from './demo-users';
import { annexAFor, materialsFor, type DemoOrganisation } from './organisations';
import { demoScoreSheet } from './score-sheet';

export interface DemoFile {
  organisation: string;
  path: string;
  applicationId: string;
  auditId: string;
  certificateNumber?: string;
  outcome: string;
}

/** Walks demo files through the real command handlers, moving the clock along a realistic timeline. */
export class DemoFiles {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: ManualClock,
    private readonly actors: DemoActors,
  ) {}

  /** Granted straight away. */
  granted(org: DemoOrganisation, start: string): Promise<DemoFile> {
    return this.certify(org, start, 'granted', []);
  }

  /** A MINOR nonconformity left open → conditional grant → verified → follow-up grant (R-AUD-7). */
  async conditionallyGranted(org: DemoOrganisation, start: string): Promise<DemoFile> {
    const file = await this.audit(org, start, ['MINOR']);
    const decidedOn = addDays(start, 30);
    await this.decide(file.auditId, decidedOn, {
      outcome: 'CONDITIONAL_GRANT',
      reasons: ['轻微不符合项待验证'],
    });
    await this.notice(file.auditId, addDays(decidedOn, 2), ['轻微不符合项须在期限内完成整改'], true);
    await this.correct(file.auditId, file.nonconformityIds, addDays(decidedOn, 20));
    const granted = await this.decide(file.auditId, addDays(decidedOn, 25), this.grant(org));
    await this.notice(file.auditId, addDays(decidedOn, 27), [], false);
    return {
      ...file,
      path: 'conditionally granted, then granted',
      certificateNumber: granted.created?.certificateNumber,
      outcome: 'VALID',
    };
  }

  /** A MAJOR nonconformity not corrected → refused, with reasons and the right to appeal (R-AUD-8). */
  async refused(org: DemoOrganisation, start: string): Promise<DemoFile> {
    const file = await this.audit(org, start, ['MAJOR']);
    const decidedOn = addDays(start, 30);
    const reasons = ['严重不符合项未在期限内完成整改 (数据安全管理)'];
    await this.decide(file.auditId, decidedOn, { outcome: 'REFUSE', reasons });
    await this.notice(file.auditId, addDays(decidedOn, 3), reasons, true);
    return { ...file, path: 'refused', outcome: 'no certificate' };
  }

  /** Granted, suspended for a general violation, reinstated after the correction was verified. */
  async suspendedAndReinstated(org: DemoOrganisation, start: string): Promise<DemoFile> {
    const file = await this.certify(org, start, 'suspended and reinstated', []);
    const number = file.certificateNumber!;
    const suspendedOn = addMonths(start, 4);
    await this.on(suspendedOn, (meta) =>
      this.commands.execute(
        new SuspendCertificateCommand(
          number,
          {
            ground: 'GENERAL_VIOLATION',
            reason: '一般违法违规行为: 消费者权益保护行政处罚',
            correctionsRequired: ['修订投诉处理程序', '完成全员培训'],
            deadline: addMonths(suspendedOn, 3),
          },
          meta,
        ),
      ),
    );
    await this.on(addDays(suspendedOn, 45), (meta) =>
      this.commands.execute(
        new ReinstateCertificateCommand(
          number,
          { verification: { kind: 'REVIEW', reference: `REVIEW-${number}` }, reason: '整改已验证' },
          meta,
        ),
      ),
    );
    return { ...file, outcome: 'VALID' };
  }

  /** Granted, then revoked for false information: notice, appeal, appeal rejected, final (R-CERT-7). */
  async revokedAfterAppeal(org: DemoOrganisation, start: string): Promise<DemoFile> {
    const file = await this.certify(org, start, 'revoked after appeal', []);
    const number = file.certificateNumber!;
    const openedOn = addMonths(start, 6);
    const step = (days: number, command: (meta: CommandMetadata) => object) =>
      this.on(addDays(openedOn, days), (meta) => this.commands.execute(command(meta)));
    await step(
      0,
      (m) =>
        new OpenRevocationCommand(
          number,
          { ground: 'FALSE_INFORMATION', investigation: { findings: '绩效数据与系统记录不符' } },
          m,
        ),
    );
    await step(
      5,
      (m) => new IssueRevocationNoticeCommand(number, { reasons: ['提供虚假材料 (§8.2.2 第2项)'] }, m),
    );
    await step(15, (m) => new LodgeRevocationAppealCommand(number, { grounds: '数据系误提交的草稿' }, m));
    await step(
      25,
      (m) =>
        new DecideRevocationAppealCommand(
          number,
          { verdict: 'REJECTED', reason: '草稿已签章作为正式材料提交' },
          m,
        ),
    );
    await step(26, (m) => new FinaliseRevocationCommand(number, { reason: '申诉被驳回' }, m));
    return { ...file, outcome: 'REVOKED' };
  }

  /** Granted, then cancelled at the holder's request (R-CERT-8). */
  async cancelledOnRequest(org: DemoOrganisation, start: string): Promise<DemoFile> {
    const file = await this.certify(org, start, 'cancelled on request', []);
    await this.on(addMonths(start, 5), (meta) =>
      this.commands.execute(
        new CancelCertificateCommand(
          file.certificateNumber!,
          { ground: 'HOLDER_REQUEST', reason: '业务重组, 持证组织申请注销' },
          meta,
        ),
      ),
    );
    return { ...file, outcome: 'CANCELLED' };
  }

  private async certify(
    org: DemoOrganisation,
    start: string,
    path: string,
    grades: NonconformityGrade[],
  ): Promise<DemoFile> {
    const file = await this.audit(org, start, grades);
    const decidedOn = addDays(start, 30);
    const result = await this.decide(file.auditId, decidedOn, this.grant(org));
    await this.notice(file.auditId, addDays(decidedOn, 2), [], false);
    return { ...file, path, certificateNumber: result.created?.certificateNumber, outcome: 'VALID' };
  }

  /** Application accepted, initial audit run and reported, technical review approved. */
  private async audit(
    org: DemoOrganisation,
    start: string,
    grades: NonconformityGrade[],
  ): Promise<DemoFile & { nonconformityIds: string[] }> {
    const a = this.actors;
    const applied = await this.on(
      start,
      (m) =>
        this.commands.execute(
          new SubmitApplicationCommand(
            { kind: 'INITIAL', annexA: annexAFor(org, start), materials: materialsFor(org) },
            m,
          ),
        ),
      a.intake,
    );
    const applicationId = applied.id;
    await this.on(
      addDays(start, 2),
      (m) =>
        this.commands.execute(new AcceptApplicationCommand(applicationId, { legalEntityVerified: true }, m)),
      a.intake,
    );
    const scheduled = await this.on(
      addDays(start, 7),
      (m) =>
        this.commands.execute(
          new ScheduleAuditCommand(
            {
              type: 'INITIAL',
              applicationId,
              plannedStartDate: addDays(start, 21),
              plannedEndDate: addDays(start, 23),
              onSiteDays: 3,
            },
            m,
          ),
        ),
      a.programme,
    );
    const auditId = scheduled.id;
    await this.on(
      addDays(start, 8),
      (m) =>
        this.commands.execute(
          new AssignAuditTeamCommand(
            auditId,
            { leadAuditorId: a.leadAuditor.id, memberIds: [a.auditor.id] },
            m,
          ),
        ),
      a.programme,
    );
    await this.on(
      addDays(start, 21),
      (m) => this.commands.execute(new StartAuditCommand(auditId, m)),
      a.leadAuditor,
    );
    const nonconformityIds: string[] = [];
    for (const grade of grades) {
      const raised = await this.on(
        addDays(start, 22),
        (m) =>
          this.commands.execute(
            new RaiseNonconformityCommand(
              auditId,
              grade === 'MAJOR'
                ? { grade, clause: 'GB/T 43045.1-2023 数据安全管理', evidence: '未开展年度数据安全风险评估' }
                : { grade, clause: 'GB/T 43045.1-2023 质量管理', evidence: '第四季度质检抽样比例低于计划' },
              m,
            ),
          ),
        a.auditor,
      );
      nonconformityIds.push(raised.created!.nonconformityId);
    }
    await this.on(
      addDays(start, 23),
      (m) => this.commands.execute(new RecordScoresCommand(auditId, { sheet: demoScoreSheet() }, m)),
      a.auditor,
    );
    await this.on(
      addDays(start, 23),
      (m) =>
        this.commands.execute(
          new CompleteAuditReportCommand(
            auditId,
            {
              conclusion: grades.length ? '存在不符合项' : '符合认证要求',
              recommendation: grades.includes('MAJOR') ? 'REFUSE' : 'GRANT',
              lastAuditDay: addDays(start, 23),
            },
            m,
          ),
        ),
      a.leadAuditor,
    );
    await this.on(
      addDays(start, 27),
      (m) => this.commands.execute(new StartTechnicalReviewCommand(auditId, m)),
      a.reviewer,
    );
    await this.on(
      addDays(start, 27),
      (m) =>
        this.commands.execute(
          new CompleteTechnicalReviewCommand(
            auditId,
            {
              verdict: 'APPROVE',
              checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
              comments: '',
            },
            m,
          ),
        ),
      a.reviewer,
    );
    return { organisation: org.name, path: '', applicationId, auditId, outcome: '', nonconformityIds };
  }

  private async correct(auditId: string, nonconformityIds: string[], on: string): Promise<void> {
    const a = this.actors;
    for (const nonconformityId of nonconformityIds) {
      await this.on(
        on,
        (m) =>
          this.commands.execute(
            new RespondToNonconformityCommand(
              auditId,
              nonconformityId,
              { rootCause: '抽样计划未覆盖夜班', correction: '补充抽样', correctiveAction: '修订质检程序' },
              m,
            ),
          ),
        a.auditor,
      );
      await this.on(
        addDays(on, 1),
        (m) => this.commands.execute(new AcceptNonconformityResponseCommand(auditId, nonconformityId, m)),
        a.auditor,
      );
      await this.on(
        addDays(on, 3),
        (m) =>
          this.commands.execute(
            new VerifyNonconformityCommand(auditId, nonconformityId, { evidence: '现场核查整改记录' }, m),
          ),
        a.leadAuditor,
      );
    }
  }

  private grant(org: DemoOrganisation): DecideCertificationInput {
    return { outcome: 'GRANT', reasons: [], scope: `${org.name}智能客户服务 (${org.channels.join('、')})` };
  }

  private decide(auditId: string, on: string, input: DecideCertificationInput): Promise<CommandResult> {
    return this.on(on, (m) => this.commands.execute(new DecideCertificationCommand(auditId, input, m)));
  }

  private notice(auditId: string, on: string, reasons: string[], adverse: boolean): Promise<CommandResult> {
    return this.on(on, (m) =>
      this.commands.execute(
        new RecordDecisionNoticeCommand(
          auditId,
          {
            sentOn: on,
            reference: `NOTICE-${auditId.slice(0, 8)}-${on}`,
            reasons,
            appealRightsStated: adverse,
          },
          m,
        ),
      ),
    );
  }

  /** Runs a command at 10:00 China time on `date`, as `actor` (default: the decision maker). */
  private on(
    date: string,
    run: (meta: CommandMetadata) => Promise<CommandResult>,
    actor: Actor = this.actors.decider,
  ): Promise<CommandResult> {
    this.clock.set(`${date}T02:00:00.000Z`);
    return run({ actor, correlationId: randomUUID() });
  }
}
