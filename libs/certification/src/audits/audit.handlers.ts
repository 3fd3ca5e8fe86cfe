import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  applicationDecider,
  applicationStreamName,
  auditDecider,
  auditStreamName,
  certificateDecider,
  certificateStreamName,
  type Actor,
  type AuditCommand,
  type AuditState,
  type AuditSubject,
} from '@app/domain';
import { idempotentEventId, loadAggregate, StreamNotFoundError } from '@app/event-store';
import { USER_DIRECTORY, type UserDirectory } from '@app/auth';
import { CommandRunner, toCommandResult } from '../command-runner';
import type { AggregateView, CommandMetadata, CommandResult } from '../command-metadata';
import { newId } from '../ids';
import {
  AcceptNonconformityResponseCommand,
  AssignAuditTeamCommand,
  CancelAuditCommand,
  CompleteAuditReportCommand,
  CompleteTechnicalReviewCommand,
  DecideCertificationCommand,
  GetAuditQuery,
  RaiseNonconformityCommand,
  RecordDecisionNoticeCommand,
  RecordObservationCommand,
  RecordScoresCommand,
  RejectNonconformityResponseCommand,
  RespondToNonconformityCommand,
  ScheduleAuditCommand,
  StartAuditCommand,
  StartTechnicalReviewCommand,
  VerifyNonconformityCommand,
} from './audit.commands';
import { DecisionConsequences } from './decision-consequences';

/** Runs one audit command on the audit's stream. */
const runOnAudit = async (
  runner: CommandRunner,
  auditId: string,
  command: Pick<AuditCommand, 'type' | 'data'>,
  meta: CommandMetadata,
  created?: Record<string, string>,
): Promise<CommandResult> =>
  toCommandResult(auditId, await runner.run(auditDecider, auditStreamName(auditId), command, meta), created);

@CommandHandler(ScheduleAuditCommand)
export class ScheduleAuditHandler implements ICommandHandler<ScheduleAuditCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input, meta }: ScheduleAuditCommand): Promise<CommandResult> {
    const { applicationId, certificateNumber, ...plan } = input;
    const { subject, schemeVersion } = await this.subject(applicationId, certificateNumber);
    const auditId = newId(meta, 'audit');
    const result = await this.runner.run(
      auditDecider,
      auditStreamName(auditId),
      { type: 'ScheduleAudit', data: { ...plan, auditId, subject, schemeVersion } },
      meta,
      { creates: true },
    );
    return toCommandResult(auditId, result);
  }

  /** The audited application or certificate as recorded now: R-APP-5 and the surveillance rules check its status. */
  private async subject(
    applicationId?: string,
    certificateNumber?: string,
  ): Promise<{ subject: AuditSubject; schemeVersion: string }> {
    if (applicationId && !certificateNumber) {
      const { state } = await this.runner.view(
        applicationDecider,
        applicationStreamName(applicationId),
        applicationId,
      );
      if (state.status === 'NONE') throw new BadRequestException('unknown application');
      return {
        subject: { kind: 'APPLICATION', applicationId, applicationStatus: state.status },
        schemeVersion: state.schemeVersion,
      };
    }
    if (certificateNumber && !applicationId) {
      const { state } = await this.runner.view(
        certificateDecider,
        certificateStreamName(certificateNumber),
        certificateNumber,
      );
      if (state.status === 'NONE') throw new BadRequestException('unknown certificate');
      return {
        subject: { kind: 'CERTIFICATE', certificateNumber, certificateStatus: state.status },
        schemeVersion: state.schemeVersion,
      };
    }
    throw new BadRequestException({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'an audit is of exactly one application or certificate',
      details: [{ field: 'applicationId', problems: ['give either applicationId or certificateNumber'] }],
    });
  }
}

@CommandHandler(AssignAuditTeamCommand)
export class AssignAuditTeamHandler implements ICommandHandler<AssignAuditTeamCommand, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  async execute({ auditId, input, meta }: AssignAuditTeamCommand): Promise<CommandResult> {
    const [leadAuditor, ...members] = await Promise.all(
      [input.leadAuditorId, ...input.memberIds].map((id) => this.asAuditor(id)),
    );
    return runOnAudit(
      this.runner,
      auditId,
      { type: 'AssignAuditTeam', data: { leadAuditor, members } },
      meta,
    );
  }

  /** A team member acts as AUDITOR when the user holds that role; otherwise the domain refuses them (R-AUD-2). */
  private async asAuditor(userId: string): Promise<Actor> {
    const user = await this.users.findById(userId);
    if (!user || !user.active) {
      throw new BadRequestException({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: `unknown or disabled user ${userId}`,
        details: [{ field: 'memberIds', problems: [`no active user ${userId}`] }],
      });
    }
    return { id: user.id, role: user.roles.includes('AUDITOR') ? 'AUDITOR' : user.roles[0] };
  }
}

@CommandHandler(StartAuditCommand)
export class StartAuditHandler implements ICommandHandler<StartAuditCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, meta }: StartAuditCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'StartAudit', data: {} }, meta);
  }
}

@CommandHandler(RaiseNonconformityCommand)
export class RaiseNonconformityHandler implements ICommandHandler<RaiseNonconformityCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: RaiseNonconformityCommand): Promise<CommandResult> {
    const nonconformityId = newId(meta, 'nonconformity');
    const command = { type: 'RaiseNonconformity', data: { ...input, nonconformityId } } as const;
    return runOnAudit(this.runner, auditId, command, meta, { nonconformityId });
  }
}

@CommandHandler(RespondToNonconformityCommand)
export class RespondToNonconformityHandler implements ICommandHandler<
  RespondToNonconformityCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, nonconformityId, input, meta }: RespondToNonconformityCommand): Promise<CommandResult> {
    const command = { type: 'RespondToNonconformity', data: { ...input, nonconformityId } } as const;
    return runOnAudit(this.runner, auditId, command, meta);
  }
}

@CommandHandler(AcceptNonconformityResponseCommand)
export class AcceptNonconformityResponseHandler implements ICommandHandler<
  AcceptNonconformityResponseCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, nonconformityId, meta }: AcceptNonconformityResponseCommand): Promise<CommandResult> {
    return runOnAudit(
      this.runner,
      auditId,
      { type: 'AcceptNonconformityResponse', data: { nonconformityId } },
      meta,
    );
  }
}

@CommandHandler(RejectNonconformityResponseCommand)
export class RejectNonconformityResponseHandler implements ICommandHandler<
  RejectNonconformityResponseCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({
    auditId,
    nonconformityId,
    input,
    meta,
  }: RejectNonconformityResponseCommand): Promise<CommandResult> {
    const command = { type: 'RejectNonconformityResponse', data: { ...input, nonconformityId } } as const;
    return runOnAudit(this.runner, auditId, command, meta);
  }
}

@CommandHandler(VerifyNonconformityCommand)
export class VerifyNonconformityHandler implements ICommandHandler<
  VerifyNonconformityCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, nonconformityId, input, meta }: VerifyNonconformityCommand): Promise<CommandResult> {
    const command = { type: 'VerifyNonconformity', data: { ...input, nonconformityId } } as const;
    return runOnAudit(this.runner, auditId, command, meta);
  }
}

@CommandHandler(RecordObservationCommand)
export class RecordObservationHandler implements ICommandHandler<RecordObservationCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: RecordObservationCommand): Promise<CommandResult> {
    const observationId = newId(meta, 'observation');
    const command = { type: 'RecordObservation', data: { observationId, text: input.text } } as const;
    return runOnAudit(this.runner, auditId, command, meta, { observationId });
  }
}

@CommandHandler(RecordScoresCommand)
export class RecordScoresHandler implements ICommandHandler<RecordScoresCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: RecordScoresCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'RecordScores', data: input }, meta);
  }
}

@CommandHandler(CompleteAuditReportCommand)
export class CompleteAuditReportHandler implements ICommandHandler<
  CompleteAuditReportCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: CompleteAuditReportCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'CompleteAuditReport', data: input }, meta);
  }
}

@CommandHandler(StartTechnicalReviewCommand)
export class StartTechnicalReviewHandler implements ICommandHandler<
  StartTechnicalReviewCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, meta }: StartTechnicalReviewCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'StartTechnicalReview', data: {} }, meta);
  }
}

@CommandHandler(CompleteTechnicalReviewCommand)
export class CompleteTechnicalReviewHandler implements ICommandHandler<
  CompleteTechnicalReviewCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: CompleteTechnicalReviewCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'CompleteTechnicalReview', data: input }, meta);
  }
}

@CommandHandler(DecideCertificationCommand)
export class DecideCertificationHandler implements ICommandHandler<
  DecideCertificationCommand,
  CommandResult
> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly consequences: DecisionConsequences,
  ) {}

  async execute({ auditId, input, meta }: DecideCertificationCommand): Promise<CommandResult> {
    const streamId = auditStreamName(auditId);
    const { state, events, revision } = await loadAggregate(this.runner.store, auditDecider, streamId);
    if (revision === null) throw new StreamNotFoundError(streamId);
    // A replayed request already passed the check; its consequences are re-applied idempotently below.
    const replayed =
      meta.idempotencyKey !== undefined &&
      events.some((e) => e.id === idempotentEventId(meta.idempotencyKey!, streamId, 0));
    if (state.status !== 'NONE' && !replayed) await this.consequences.check(state, input, meta);
    const result = await this.runner.run(
      auditDecider,
      streamId,
      { type: 'DecideCertification', data: { outcome: input.outcome, reasons: input.reasons } },
      meta,
    );
    const decision = result.events.find((e) => e.type === 'CertificationDecided');
    const consequence = decision ? await this.consequences.apply(decision, input, meta) : undefined;
    return toCommandResult(auditId, result, consequence?.created, consequence?.position ?? result.position);
  }
}

@CommandHandler(RecordDecisionNoticeCommand)
export class RecordDecisionNoticeHandler implements ICommandHandler<
  RecordDecisionNoticeCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: RecordDecisionNoticeCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'RecordDecisionNotice', data: input }, meta);
  }
}

@CommandHandler(CancelAuditCommand)
export class CancelAuditHandler implements ICommandHandler<CancelAuditCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId, input, meta }: CancelAuditCommand): Promise<CommandResult> {
    return runOnAudit(this.runner, auditId, { type: 'CancelAudit', data: input }, meta);
  }
}

@QueryHandler(GetAuditQuery)
export class GetAuditHandler implements IQueryHandler<GetAuditQuery, AggregateView<AuditState>> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ auditId }: GetAuditQuery): Promise<AggregateView<AuditState>> {
    return this.runner.view(auditDecider, auditStreamName(auditId), auditId);
  }
}

export const AUDIT_HANDLERS = [
  ScheduleAuditHandler,
  AssignAuditTeamHandler,
  StartAuditHandler,
  RaiseNonconformityHandler,
  RespondToNonconformityHandler,
  AcceptNonconformityResponseHandler,
  RejectNonconformityResponseHandler,
  VerifyNonconformityHandler,
  RecordObservationHandler,
  RecordScoresHandler,
  CompleteAuditReportHandler,
  StartTechnicalReviewHandler,
  CompleteTechnicalReviewHandler,
  DecideCertificationHandler,
  RecordDecisionNoticeHandler,
  CancelAuditHandler,
  GetAuditHandler,
];
