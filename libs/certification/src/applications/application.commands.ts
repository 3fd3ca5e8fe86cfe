import type {
  AnnexA,
  ApplicationKind,
  Material,
  ProvideSupplement,
  RejectApplication,
  RequestSupplement,
  WithdrawApplication,
} from '@app/domain';
import type { CommandMetadata } from '../command-metadata';

export interface SubmitApplicationInput {
  kind: ApplicationKind;
  schemeVersion?: string;
  /** Recertification: the certificate to renew (its expiry and status are read from its stream). */
  certificateNumber?: string;
  annexA: AnnexA;
  materials: Material[];
}

/** POST /applications — the id is generated (derived from the Idempotency-Key when one is sent). */
export class SubmitApplicationCommand {
  constructor(
    readonly input: SubmitApplicationInput,
    readonly meta: CommandMetadata,
  ) {}
}

export class RequestSupplementCommand {
  constructor(
    readonly applicationId: string,
    readonly input: RequestSupplement['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class ProvideSupplementCommand {
  constructor(
    readonly applicationId: string,
    readonly input: ProvideSupplement['data'],
    readonly meta: CommandMetadata,
  ) {}
}

/** The sanctions of R-APP-3 are looked up in this system's own records, not taken from the client. */
export class AcceptApplicationCommand {
  constructor(
    readonly applicationId: string,
    readonly input: { legalEntityVerified: boolean },
    readonly meta: CommandMetadata,
  ) {}
}

export class RejectApplicationCommand {
  constructor(
    readonly applicationId: string,
    readonly input: RejectApplication['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class WithdrawApplicationCommand {
  constructor(
    readonly applicationId: string,
    readonly input: WithdrawApplication['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class GetApplicationQuery {
  constructor(readonly applicationId: string) {}
}
