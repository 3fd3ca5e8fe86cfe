import type { Command } from '../shared/decider';
import type { AnnexA } from './annex-a';
import type { Material } from './materials';

export type ApplicationKind = 'INITIAL' | 'RECERTIFICATION';

/** A supplement item (补充材料): what is missing or insufficient, named once in one notice (一次性告知). */
export interface SupplementItem {
  item: string;
  description: string;
}

/** A sanction found in this system's own records for the same organisation (R-APP-3). */
export interface RecordedSanction {
  certificateNumber: string;
  kind: 'SUSPENDED' | 'REVOKED';
  date: string;
  ownFault: boolean;
}

export type SubmitApplication = Command<
  'SubmitApplication',
  {
    applicationId: string;
    kind: ApplicationKind;
    /** Defaults to the newest active scheme version in force. */
    schemeVersion?: string;
    /** For recertification: the certificate to renew, as read from its stream. */
    certificate?: { number: string; expiryDate: string; status: string };
    annexA: AnnexA;
    materials: Material[];
  }
>;
export type RequestSupplement = Command<'RequestSupplement', { items: SupplementItem[] }>;
export type ProvideSupplement = Command<
  'ProvideSupplement',
  { items: string[]; materials?: Material[]; annexA?: AnnexA; note?: string }
>;
export type AcceptApplication = Command<
  'AcceptApplication',
  {
    /** The intake officer verified that the legal entity exists and is in good standing (依法设立并有效存续). */
    legalEntityVerified: boolean;
    /** Suspensions and revocations of the organisation's certificates, from this system's records. */
    sanctions: RecordedSanction[];
  }
>;
export type RejectApplication = Command<'RejectApplication', { unmetConditions: string[]; reason: string }>;
export type WithdrawApplication = Command<'WithdrawApplication', { reason: string }>;
/** R-TIME-1 / R-APP-4: SYSTEM records that the acceptance review was not done in time. */
export type RecordAcceptanceSlaBreach = Command<
  'RecordAcceptanceSlaBreach',
  {
    /** ISO instant the clock started: must be the application's current `acceptanceClockStartedAt`. */
    clockStartedAt: string;
    /** ISO date, last working day of the review, computed by the caller with the working-day calendar. */
    deadline: string;
    /** The scheme's working-day allowance the deadline was computed with. */
    workingDays: number;
  }
>;

export type ApplicationCommand =
  | SubmitApplication
  | RequestSupplement
  | ProvideSupplement
  | AcceptApplication
  | RejectApplication
  | WithdrawApplication
  | RecordAcceptanceSlaBreach;
