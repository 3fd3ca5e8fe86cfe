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

export type ApplicationEvent =
  | ApplicationSubmitted
  | SupplementRequested
  | SupplementProvided
  | ApplicationAccepted
  | ApplicationRejected
  | ApplicationWithdrawn;
