import { CERTIFICATE_STATUSES, dateOf, type CertificateStatus } from '@app/domain';
import { serializePosition, type EventActor, type RecordedEvent } from '@app/event-store';
import { approverOf, reasonOf } from './history';

/** An event on the certificate's stream, as the timeline shows it. */
export interface TimelineEvent {
  eventType: string;
  eventId: string;
  streamRevision: number;
  position: string;
  occurredAt: string;
  /** The calendar date the event records (Annex B date), else the date of occurredAt in UTC+8. */
  date: string;
  reasonCode: string | null;
  reason: string | null;
  approver: EventActor | null;
  /** What else matters about it, in a few words (deadline, before → after, outcome …). */
  summary: string | null;
}

/** A period in one public status (§8.1), from the event that entered it to the one that left it. */
export interface StatusInterval {
  status: CertificateStatus;
  from: string;
  fromDate: string;
  /** null while the certificate is still in this status. */
  to: string | null;
  toDate: string | null;
  /** The status change that began the interval (issue, suspension, reinstatement, revocation, cancellation). */
  start: TimelineEvent;
  end: TimelineEvent | null;
  /** The certificate's other events during the interval: changes, reissues, surveillance, revocation steps, renewal. */
  events: TimelineEvent[];
}

export interface CertificateTimeline {
  certificateNumber: string;
  /** The status now: the last interval's, NONE for an empty stream. */
  status: CertificateStatus | 'NONE';
  intervals: StatusInterval[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : String(value));

const summaryOf = (type: string, data: Record<string, unknown>): string | null => {
  switch (type) {
    case 'CertificateIssued':
      return `valid ${str(data.effectiveDate)} – ${str(data.expiryDate)}`;
    case 'CertificateChanged':
      return `${str(data.field)}: ${str(data.before)} → ${str(data.after)}`;
    case 'CertificateReissued':
      return `document revision ${str(data.documentRevision)}`;
    case 'CertificateSuspended':
      return `correct by ${str(data.deadline)}`;
    case 'CertificateReinstated': {
      const verification = (data.verification ?? {}) as Record<string, unknown>;
      return `verified by ${str(verification.kind)} ${str(verification.reference)}`;
    }
    case 'RevocationNoticeIssued':
      return `appeal window until ${str(data.appealWindowEndsAt)}`;
    case 'SurveillanceRecorded':
      return `${str(data.auditType)} decided ${str(data.decisionDate)}: ${str(data.outcome)}`;
    case 'CertificateRenewed':
      return `expiry ${str(data.previousExpiryDate)} → ${str(data.expiryDate)}`;
    default:
      return null;
  }
};

export const toTimelineEvent = (event: RecordedEvent): TimelineEvent => ({
  eventType: event.type,
  eventId: event.id,
  streamRevision: event.streamRevision,
  position: serializePosition(event.globalPosition),
  occurredAt: event.metadata.occurredAt,
  date: typeof event.data.date === 'string' ? event.data.date : dateOf(event.metadata.occurredAt),
  ...reasonOf(event.data),
  approver: approverOf(event.type, event.data),
  summary: summaryOf(event.type, event.data),
});

const statusAfterOf = (event: RecordedEvent): CertificateStatus | null => {
  const after = event.data.statusAfter;
  return (CERTIFICATE_STATUSES as readonly unknown[]).includes(after) ? (after as CertificateStatus) : null;
};

/**
 * The status intervals of a certificate from its own stream, in stream order: each event carrying a
 * `statusAfter` (the Annex B.3 records) closes the open interval and opens the next; every other event is
 * listed inside the interval it happened in. Pure, so it runs the same on any prefix of the stream.
 */
export const buildTimeline = (number: string, events: readonly RecordedEvent[]): CertificateTimeline => {
  const intervals: StatusInterval[] = [];
  let before: TimelineEvent[] = [];
  for (const event of events) {
    const entry = toTimelineEvent(event);
    const status = statusAfterOf(event);
    const open = intervals[intervals.length - 1];
    if (status === null) {
      if (open) open.events.push(entry);
      else before.push(entry);
      continue;
    }
    if (open) {
      open.to = entry.occurredAt;
      open.toDate = entry.date;
      open.end = entry;
    }
    intervals.push({
      status,
      from: entry.occurredAt,
      fromDate: entry.date,
      to: null,
      toDate: null,
      start: entry,
      end: null,
      // Nothing precedes the issue on a well-formed stream; keep whatever does rather than lose it.
      events: before,
    });
    before = [];
  }
  return {
    certificateNumber: number,
    status: intervals.length > 0 ? intervals[intervals.length - 1].status : 'NONE',
    intervals,
  };
};
