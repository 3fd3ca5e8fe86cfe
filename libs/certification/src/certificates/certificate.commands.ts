import type {
  CancelCertificate,
  ChangeCertificate,
  DecideRevocationAppeal,
  FinaliseRevocation,
  IssueRevocationNotice,
  LodgeRevocationAppeal,
  OpenRevocation,
  ReinstateCertificate,
  ReissueCertificate,
  SuspendCertificate,
} from '@app/domain';
import type { CommandMetadata } from '../command-metadata';

export abstract class CertificateCommandMessage<Input> {
  constructor(
    readonly certificateNumber: string,
    readonly input: Input,
    readonly meta: CommandMetadata,
  ) {}
}

export class SuspendCertificateCommand extends CertificateCommandMessage<SuspendCertificate['data']> {}
export class ReinstateCertificateCommand extends CertificateCommandMessage<ReinstateCertificate['data']> {}
/** POST /certificates/{number}/revoke opens the revocation procedure (investigation recorded). */
export class OpenRevocationCommand extends CertificateCommandMessage<OpenRevocation['data']> {}
export class IssueRevocationNoticeCommand extends CertificateCommandMessage<IssueRevocationNotice['data']> {}
export class LodgeRevocationAppealCommand extends CertificateCommandMessage<LodgeRevocationAppeal['data']> {}
export class DecideRevocationAppealCommand extends CertificateCommandMessage<
  DecideRevocationAppeal['data']
> {}
export class FinaliseRevocationCommand extends CertificateCommandMessage<FinaliseRevocation['data']> {}
export class CancelCertificateCommand extends CertificateCommandMessage<CancelCertificate['data']> {}
export class ChangeCertificateCommand extends CertificateCommandMessage<ChangeCertificate['data']> {}
export class ReissueCertificateCommand extends CertificateCommandMessage<ReissueCertificate['data']> {}

export class GetCertificateQuery {
  constructor(readonly certificateNumber: string) {}
}
