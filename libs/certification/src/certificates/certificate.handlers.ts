import { Injectable } from '@nestjs/common';
import { CommandHandler, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  certificateDecider,
  certificateStreamName,
  type CertificateCommand,
  type CertificateState,
} from '@app/domain';
import { CommandRunner, toCommandResult } from '../command-runner';
import type { AggregateView, CommandResult } from '../command-metadata';
import {
  CancelCertificateCommand,
  CertificateCommandMessage,
  ChangeCertificateCommand,
  DecideRevocationAppealCommand,
  FinaliseRevocationCommand,
  GetCertificateQuery,
  IssueRevocationNoticeCommand,
  LodgeRevocationAppealCommand,
  OpenRevocationCommand,
  ReinstateCertificateCommand,
  ReissueCertificateCommand,
  SuspendCertificateCommand,
} from './certificate.commands';

/** Certificate commands carry the domain command's data as it is; each handler names its domain command. */
@Injectable()
abstract class CertificateCommandHandler<M extends CertificateCommandMessage<unknown>> {
  protected abstract readonly type: CertificateCommand['type'];

  constructor(private readonly runner: CommandRunner) {}

  async execute({ certificateNumber, input, meta }: M): Promise<CommandResult> {
    const result = await this.runner.run(
      certificateDecider,
      certificateStreamName(certificateNumber),
      { type: this.type, data: input } as CertificateCommand,
      meta,
    );
    return toCommandResult(certificateNumber, result);
  }
}

@CommandHandler(SuspendCertificateCommand)
export class SuspendCertificateHandler extends CertificateCommandHandler<SuspendCertificateCommand> {
  protected readonly type = 'SuspendCertificate';
}

@CommandHandler(ReinstateCertificateCommand)
export class ReinstateCertificateHandler extends CertificateCommandHandler<ReinstateCertificateCommand> {
  protected readonly type = 'ReinstateCertificate';
}

@CommandHandler(OpenRevocationCommand)
export class OpenRevocationHandler extends CertificateCommandHandler<OpenRevocationCommand> {
  protected readonly type = 'OpenRevocation';
}

@CommandHandler(IssueRevocationNoticeCommand)
export class IssueRevocationNoticeHandler extends CertificateCommandHandler<IssueRevocationNoticeCommand> {
  protected readonly type = 'IssueRevocationNotice';
}

@CommandHandler(LodgeRevocationAppealCommand)
export class LodgeRevocationAppealHandler extends CertificateCommandHandler<LodgeRevocationAppealCommand> {
  protected readonly type = 'LodgeRevocationAppeal';
}

@CommandHandler(DecideRevocationAppealCommand)
export class DecideRevocationAppealHandler extends CertificateCommandHandler<DecideRevocationAppealCommand> {
  protected readonly type = 'DecideRevocationAppeal';
}

@CommandHandler(FinaliseRevocationCommand)
export class FinaliseRevocationHandler extends CertificateCommandHandler<FinaliseRevocationCommand> {
  protected readonly type = 'FinaliseRevocation';
}

@CommandHandler(CancelCertificateCommand)
export class CancelCertificateHandler extends CertificateCommandHandler<CancelCertificateCommand> {
  protected readonly type = 'CancelCertificate';
}

@CommandHandler(ChangeCertificateCommand)
export class ChangeCertificateHandler extends CertificateCommandHandler<ChangeCertificateCommand> {
  protected readonly type = 'ChangeCertificate';
}

@CommandHandler(ReissueCertificateCommand)
export class ReissueCertificateHandler extends CertificateCommandHandler<ReissueCertificateCommand> {
  protected readonly type = 'ReissueCertificate';
}

@QueryHandler(GetCertificateQuery)
export class GetCertificateHandler implements IQueryHandler<
  GetCertificateQuery,
  AggregateView<CertificateState>
> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ certificateNumber }: GetCertificateQuery): Promise<AggregateView<CertificateState>> {
    return this.runner.view(certificateDecider, certificateStreamName(certificateNumber), certificateNumber);
  }
}

export const CERTIFICATE_HANDLERS = [
  SuspendCertificateHandler,
  ReinstateCertificateHandler,
  OpenRevocationHandler,
  IssueRevocationNoticeHandler,
  LodgeRevocationAppealHandler,
  DecideRevocationAppealHandler,
  FinaliseRevocationHandler,
  CancelCertificateHandler,
  ChangeCertificateHandler,
  ReissueCertificateHandler,
  GetCertificateHandler,
];
