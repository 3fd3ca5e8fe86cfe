import type { Actor } from '../shared/roles';
import type { DomainEvent } from '../shared/decider';
import type { AnnexA } from './annex-a';
import type { ApplicationKind, SupplementItem } from './application.commands';
import type { Material } from './materials';

export type ApplicationSubmitted = DomainEvent<
  'ApplicationSubmitted',
  {
    applicationId: string;
    kind: ApplicationKind;
    schemeVersion: string;
    certificateNumber: string | null;
    annexA: AnnexA;
    materials: Material[];
    submittedAt: string;
    submittedBy: Actor;
  }
>;
export type SupplementRequested = DomainEvent<
  'SupplementRequested',
  {
    applicationId: string;
    noticeNumber: number;
    items: SupplementItem[];
    requestedAt: string;
    requestedBy: Actor;
  }
>;
export type SupplementProvided = DomainEvent<
  'SupplementProvided',
  {
    applicationId: string;
    items: string[];
    materials: Material[];
    annexA: AnnexA | null;
    note: string | null;
    /** R-APP-4: providing the supplement restarts the acceptance clock. */
    acceptanceClockStartedAt: string;
  }
>;
export type ApplicationAccepted = DomainEvent<
  'ApplicationAccepted',
  {
    applicationId: string;
    acceptedAt: string;
    acceptedBy: Actor;
    /** R-APP-5: acceptance opens the certification programme; its first audit is of this type. */
    programme: { firstAuditType: 'INITIAL' | 'RECERTIFICATION' };
    eligibility: { managementSystemOperatingSince: string; legalEntityVerified: true };
  }
>;
export type ApplicationRejected = DomainEvent<
  'ApplicationRejected',
  { applicationId: string; unmetConditions: string[]; reason: string; rejectedAt: string; rejectedBy: Actor }
>;
export type ApplicationWithdrawn = DomainEvent<
  'ApplicationWithdrawn',
  { applicationId: string; reason: string; withdrawnAt: string; statusBefore: string }
>;
/** R-TIME-1: the acceptance review (R-APP-4) overran its deadline; recorded once per clock start, status unchanged. */
export type AcceptanceSlaBreached = DomainEvent<
  'AcceptanceSlaBreached',
  {
    applicationId: string;
    clockStartedAt: string;
    deadline: string;
    workingDays: number;
    /** The calendar date (UTC+8) the breach was recorded on. */
    recordedOn: string;
  }
>;

export type ApplicationEvent =
  | ApplicationSubmitted
  | SupplementRequested
  | SupplementProvided
  | ApplicationAccepted
  | ApplicationRejected
  | ApplicationWithdrawn
  | AcceptanceSlaBreached;
