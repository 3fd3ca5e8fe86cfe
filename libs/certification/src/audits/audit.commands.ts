import type {
  AuditType,
  CancelAudit,
  CertificationOutcome,
  CompleteAuditReport,
  CompleteTechnicalReview,
  RecordDecisionNotice,
  RecordScores,
  RejectNonconformityResponse,
  RespondToNonconformity,
  RevocationGround,
  SuspensionGround,
  VerifyNonconformity,
  RaiseNonconformity,
} from '@app/domain';
import type { CommandMetadata } from '../command-metadata';

export interface ScheduleAuditInput {
  type: AuditType;
  /** INITIAL (and RECERTIFICATION following a recertification application): the accepted application. */
  applicationId?: string;
  /** SURVEILLANCE, SPECIAL_SURVEILLANCE, RECERTIFICATION: the certificate. */
  certificateNumber?: string;
  plannedStartDate: string;
  plannedEndDate: string;
  onSiteDays: number;
  daysJustification?: string;
}

/** POST /audits — the id is generated (derived from the Idempotency-Key when one is sent). */
export class ScheduleAuditCommand {
  constructor(
    readonly input: ScheduleAuditInput,
    readonly meta: CommandMetadata,
  ) {}
}

/** Team members are user ids; their roles are read from the user directory (R-AUD-2). */
export class AssignAuditTeamCommand {
  constructor(
    readonly auditId: string,
    readonly input: { leadAuditorId: string; memberIds: string[] },
    readonly meta: CommandMetadata,
  ) {}
}

export class StartAuditCommand {
  constructor(
    readonly auditId: string,
    readonly meta: CommandMetadata,
  ) {}
}

/** The nonconformity id is generated and returned in `created.nonconformityId`. */
export class RaiseNonconformityCommand {
  constructor(
    readonly auditId: string,
    readonly input: Omit<RaiseNonconformity['data'], 'nonconformityId'>,
    readonly meta: CommandMetadata,
  ) {}
}

export class RespondToNonconformityCommand {
  constructor(
    readonly auditId: string,
    readonly nonconformityId: string,
    readonly input: Omit<RespondToNonconformity['data'], 'nonconformityId'>,
    readonly meta: CommandMetadata,
  ) {}
}

export class AcceptNonconformityResponseCommand {
  constructor(
    readonly auditId: string,
    readonly nonconformityId: string,
    readonly meta: CommandMetadata,
  ) {}
}

export class RejectNonconformityResponseCommand {
  constructor(
    readonly auditId: string,
    readonly nonconformityId: string,
    readonly input: Omit<RejectNonconformityResponse['data'], 'nonconformityId'>,
    readonly meta: CommandMetadata,
  ) {}
}

export class VerifyNonconformityCommand {
  constructor(
    readonly auditId: string,
    readonly nonconformityId: string,
    readonly input: Omit<VerifyNonconformity['data'], 'nonconformityId'>,
    readonly meta: CommandMetadata,
  ) {}
}

/** The observation id is generated and returned in `created.observationId`. */
export class RecordObservationCommand {
  constructor(
    readonly auditId: string,
    readonly input: { text: string },
    readonly meta: CommandMetadata,
  ) {}
}

export class RecordScoresCommand {
  constructor(
    readonly auditId: string,
    readonly input: RecordScores['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class CompleteAuditReportCommand {
  constructor(
    readonly auditId: string,
    readonly input: CompleteAuditReport['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class StartTechnicalReviewCommand {
  constructor(
    readonly auditId: string,
    readonly meta: CommandMetadata,
  ) {}
}

export class CompleteTechnicalReviewCommand {
  constructor(
    readonly auditId: string,
    readonly input: CompleteTechnicalReview['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export interface DecideCertificationInput {
  outcome: CertificationOutcome;
  reasons: string[];
  /** GRANT of an initial audit: the scope printed on the certificate (认证范围). */
  scope?: string;
  /** GRANT: the certificate's effective date, not before the decision (default: the decision date). */
  effectiveDate?: string;
  /** SUSPEND after a surveillance: the suspension notice (R-CERT-5). */
  suspension?: { ground: SuspensionGround; reason: string; correctionsRequired: string[]; deadline: string };
  /** REVOKE after a surveillance: the investigation that opens the revocation procedure (R-CERT-7). */
  revocation?: { ground: RevocationGround; findings: string };
}

/**
 * The certification decision and its consequences on the certificate, in one request: GRANT issues the
 * certificate (or renews it after a recertification), a surveillance decision leaves its B.4 record and,
 * for SUSPEND or REVOKE, suspends the certificate or opens the revocation procedure.
 */
export class DecideCertificationCommand {
  constructor(
    readonly auditId: string,
    readonly input: DecideCertificationInput,
    readonly meta: CommandMetadata,
  ) {}
}

export class RecordDecisionNoticeCommand {
  constructor(
    readonly auditId: string,
    readonly input: RecordDecisionNotice['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class CancelAuditCommand {
  constructor(
    readonly auditId: string,
    readonly input: CancelAudit['data'],
    readonly meta: CommandMetadata,
  ) {}
}

export class GetAuditQuery {
  constructor(readonly auditId: string) {}
}
