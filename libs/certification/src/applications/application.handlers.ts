import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  applicationDecider,
  applicationStreamName,
  certificateDecider,
  certificateStreamName,
  type ApplicationState,
} from '@app/domain';
import { CommandRunner, toCommandResult } from '../command-runner';
import type { AggregateView, CommandResult } from '../command-metadata';
import { newId } from '../ids';
import {
  AcceptApplicationCommand,
  GetApplicationQuery,
  ProvideSupplementCommand,
  RejectApplicationCommand,
  RequestSupplementCommand,
  SubmitApplicationCommand,
  WithdrawApplicationCommand,
} from './application.commands';
import { SanctionsLookup } from './sanctions';

@CommandHandler(SubmitApplicationCommand)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplicationCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input, meta }: SubmitApplicationCommand): Promise<CommandResult> {
    const applicationId = newId(meta, 'application');
    const { certificateNumber, ...rest } = input;
    // Recertification (R-CERT-9): the window is checked against the certificate as recorded.
    const certificate = certificateNumber
      ? await this.runner.view(
          certificateDecider,
          certificateStreamName(certificateNumber),
          certificateNumber,
        )
      : undefined;
    const result = await this.runner.run(
      applicationDecider,
      applicationStreamName(applicationId),
      {
        type: 'SubmitApplication',
        data: {
          ...rest,
          applicationId,
          certificate:
            certificate && certificate.state.status !== 'NONE'
              ? {
                  number: certificate.id,
                  expiryDate: certificate.state.expiryDate,
                  status: certificate.state.status,
                }
              : undefined,
        },
      },
      meta,
      { creates: true },
    );
    return toCommandResult(applicationId, result);
  }
}

@CommandHandler(RequestSupplementCommand)
export class RequestSupplementHandler implements ICommandHandler<RequestSupplementCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ applicationId, input, meta }: RequestSupplementCommand): Promise<CommandResult> {
    const stream = applicationStreamName(applicationId);
    const result = await this.runner.run(
      applicationDecider,
      stream,
      { type: 'RequestSupplement', data: input },
      meta,
    );
    return toCommandResult(applicationId, result);
  }
}

@CommandHandler(ProvideSupplementCommand)
export class ProvideSupplementHandler implements ICommandHandler<ProvideSupplementCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ applicationId, input, meta }: ProvideSupplementCommand): Promise<CommandResult> {
    const stream = applicationStreamName(applicationId);
    const result = await this.runner.run(
      applicationDecider,
      stream,
      { type: 'ProvideSupplement', data: input },
      meta,
    );
    return toCommandResult(applicationId, result);
  }
}

@CommandHandler(AcceptApplicationCommand)
export class AcceptApplicationHandler implements ICommandHandler<AcceptApplicationCommand, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sanctions: SanctionsLookup,
  ) {}

  async execute({ applicationId, input, meta }: AcceptApplicationCommand): Promise<CommandResult> {
    const stream = applicationStreamName(applicationId);
    const { state } = await this.runner.view(applicationDecider, stream, applicationId);
    const sanctions =
      state.status === 'NONE' ? [] : await this.sanctions.forOrganisation(state.annexA.organisation.uscc);
    const result = await this.runner.run(
      applicationDecider,
      stream,
      { type: 'AcceptApplication', data: { legalEntityVerified: input.legalEntityVerified, sanctions } },
      meta,
    );
    return toCommandResult(applicationId, result);
  }
}

@CommandHandler(RejectApplicationCommand)
export class RejectApplicationHandler implements ICommandHandler<RejectApplicationCommand, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ applicationId, input, meta }: RejectApplicationCommand): Promise<CommandResult> {
    const stream = applicationStreamName(applicationId);
    const result = await this.runner.run(
      applicationDecider,
      stream,
      { type: 'RejectApplication', data: input },
      meta,
    );
    return toCommandResult(applicationId, result);
  }
}

@CommandHandler(WithdrawApplicationCommand)
export class WithdrawApplicationHandler implements ICommandHandler<
  WithdrawApplicationCommand,
  CommandResult
> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ applicationId, input, meta }: WithdrawApplicationCommand): Promise<CommandResult> {
    const stream = applicationStreamName(applicationId);
    const result = await this.runner.run(
      applicationDecider,
      stream,
      { type: 'WithdrawApplication', data: input },
      meta,
    );
    return toCommandResult(applicationId, result);
  }
}

@QueryHandler(GetApplicationQuery)
export class GetApplicationHandler implements IQueryHandler<
  GetApplicationQuery,
  AggregateView<ApplicationState>
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ applicationId }: GetApplicationQuery): Promise<AggregateView<ApplicationState>> {
    return this.runner.view(applicationDecider, applicationStreamName(applicationId), applicationId);
  }
}

export const APPLICATION_HANDLERS = [
  SubmitApplicationHandler,
  RequestSupplementHandler,
  ProvideSupplementHandler,
  AcceptApplicationHandler,
  RejectApplicationHandler,
  WithdrawApplicationHandler,
  GetApplicationHandler,
];
