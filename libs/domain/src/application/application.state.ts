import { assertNever } from '../shared/decider';
import type { AnnexA } from './annex-a';
import type { ApplicationKind, SupplementItem } from './application.commands';
import type { ApplicationEvent } from './application.events';
import type { Material } from './materials';

export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'SUPPLEMENT_REQUESTED',
  'ACCEPTED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationState =
  | { status: 'NONE' }
  | {
      status: ApplicationStatus;
      applicationId: string;
      kind: ApplicationKind;
      schemeVersion: string;
      certificateNumber: string | null;
      annexA: AnnexA;
      materials: Material[];
      /** Start of the 5-working-day acceptance clock (R-APP-4): submission, or the latest supplement. */
      acceptanceClockStartedAt: string;
      /** The clock start an acceptance SLA breach was recorded for (R-TIME-1, once per clock start); null if none. */
      acceptanceBreachRecordedFor: string | null;
      /** Items named in the first supplement notice: later notices may only repeat them (一次性告知). */
      supplementItemsNamed: SupplementItem[];
      supplementNotices: number;
      outstandingItems: string[];
    };

export const initialApplicationState: ApplicationState = { status: 'NONE' };

export const evolveApplication = (state: ApplicationState, event: ApplicationEvent): ApplicationState => {
  if (event.type === 'ApplicationSubmitted') {
    return {
      status: 'SUBMITTED',
      applicationId: event.data.applicationId,
      kind: event.data.kind,
      schemeVersion: event.data.schemeVersion,
      certificateNumber: event.data.certificateNumber,
      annexA: event.data.annexA,
      materials: event.data.materials,
      acceptanceClockStartedAt: event.data.submittedAt,
      acceptanceBreachRecordedFor: null,
      supplementItemsNamed: [],
      supplementNotices: 0,
      outstandingItems: [],
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'SupplementRequested':
      return {
        ...state,
        status: 'SUPPLEMENT_REQUESTED',
        supplementItemsNamed: state.supplementNotices === 0 ? event.data.items : state.supplementItemsNamed,
        supplementNotices: event.data.noticeNumber,
        outstandingItems: event.data.items.map((i) => i.item),
      };
    case 'SupplementProvided':
      return {
        ...state,
        status: 'SUBMITTED',
        annexA: event.data.annexA ?? state.annexA,
        materials: [...state.materials, ...event.data.materials],
        acceptanceClockStartedAt: event.data.acceptanceClockStartedAt,
        outstandingItems: [],
      };
    case 'ApplicationAccepted':
      return { ...state, status: 'ACCEPTED' };
    case 'ApplicationRejected':
      return { ...state, status: 'REJECTED' };
    case 'ApplicationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    case 'AcceptanceSlaBreached':
      // R-TIME-1: a breach is recorded and listed; it does not change the status.
      return { ...state, acceptanceBreachRecordedFor: event.data.clockStartedAt };
    default:
      return assertNever(event);
  }
};
