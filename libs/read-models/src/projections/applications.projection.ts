import { dateOf } from '@app/domain';
import type { ApplicationEvent, ApplicationKind, ApplicationStatus, CertificateIssued } from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';
import { workingDaysFrom } from '../calendar/working-days';
import type { Projection, ReadDocument } from '../projection';
import { asDomainEvent } from './event-data';

/** R-APP-4: the acceptance review is due within 5 working days of the clock start. */
export const ACCEPTANCE_WORKING_DAYS = 5;

/** The back-office list of applications, with the acceptance deadline of R-APP-4 / R-TIME-1. */
export interface ApplicationDocument extends ReadDocument {
  status: ApplicationStatus;
  kind: ApplicationKind;
  organisationName: string;
  uscc: string;
  schemeVersion: string;
  submittedAt: string;
  /** Submission, or the latest supplement (R-APP-4: providing it restarts the clock). */
  acceptanceClockStartedAt: string;
  /** ISO date (China calendar, 调休 included); computed from the clock start, never from "today". */
  acceptanceDeadline: string;
  /** True when the deadline lies beyond the calendar data and was counted Monday–Friday. */
  acceptanceDeadlineEstimated: boolean;
  supplementNotices: number;
  outstandingItems: string[];
  acceptedAt?: string;
  rejectedAt?: string;
  withdrawnAt?: string;
  /** The certificate to renew (recertification) or the one issued on this application. */
  certificateNumber?: string;
}

const HANDLES = [
  'ApplicationSubmitted',
  'SupplementRequested',
  'SupplementProvided',
  'ApplicationAccepted',
  'ApplicationRejected',
  'ApplicationWithdrawn',
  // From the certificate stream: the number issued on the application (a second source of the document).
  'CertificateIssued',
] as const satisfies readonly (ApplicationEvent | CertificateIssued)['type'][];

const deadlineFrom = (clockStartedAt: string) => {
  const { date, estimated } = workingDaysFrom(dateOf(clockStartedAt), ACCEPTANCE_WORKING_DAYS).result;
  return {
    acceptanceClockStartedAt: clockStartedAt,
    acceptanceDeadline: date,
    acceptanceDeadlineEstimated: estimated,
  };
};

const evolve = (
  doc: ApplicationDocument | null,
  recorded: EventWithoutMetadata,
): ApplicationDocument | null => {
  const event = asDomainEvent<ApplicationEvent | CertificateIssued>(recorded);
  if (event.type === 'ApplicationSubmitted') {
    const d = event.data;
    return {
      id: d.applicationId,
      status: 'SUBMITTED',
      kind: d.kind,
      organisationName: d.annexA.organisation.name,
      uscc: d.annexA.organisation.uscc,
      schemeVersion: d.schemeVersion,
      submittedAt: d.submittedAt,
      ...deadlineFrom(d.submittedAt),
      supplementNotices: 0,
      outstandingItems: [],
      ...(d.certificateNumber !== null && { certificateNumber: d.certificateNumber }),
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'SupplementRequested':
      return {
        ...doc,
        status: 'SUPPLEMENT_REQUESTED',
        supplementNotices: event.data.noticeNumber,
        outstandingItems: event.data.items.map((i) => i.item),
      };
    case 'SupplementProvided': {
      const organisation = event.data.annexA?.organisation;
      return {
        ...doc,
        status: 'SUBMITTED',
        ...(organisation && { organisationName: organisation.name, uscc: organisation.uscc }),
        ...deadlineFrom(event.data.acceptanceClockStartedAt),
        outstandingItems: [],
      };
    }
    case 'ApplicationAccepted':
      return { ...doc, status: 'ACCEPTED', acceptedAt: event.data.acceptedAt };
    case 'ApplicationRejected':
      return { ...doc, status: 'REJECTED', rejectedAt: event.data.rejectedAt };
    case 'ApplicationWithdrawn':
      return { ...doc, status: 'WITHDRAWN', withdrawnAt: event.data.withdrawnAt };
    case 'CertificateIssued':
      return { ...doc, certificateNumber: event.data.number };
    default:
      return doc;
  }
};

/** `applications` — back-office list; id = application id. */
export const applicationsProjection: Projection<ApplicationDocument> = {
  name: 'applications',
  version: 1,
  handles: HANDLES,
  documentId: (event) => {
    if (!(HANDLES as readonly string[]).includes(event.type)) return null;
    const { applicationId } = event.data;
    return typeof applicationId === 'string' ? applicationId : null;
  },
  evolve,
  indexes: [
    { fields: ['status'] },
    { fields: ['organisationName'] },
    { fields: ['acceptanceDeadline'] },
    { fields: ['submittedAt'] },
  ],
};
