import {
  applicationDecider,
  auditDecider,
  certificateDecider,
  dateOf,
  fold,
  type ApplicationEvent,
  type ApplicationState,
  type AuditEvent,
  type AuditState,
  type AuditSubject,
  type CertificateEvent,
  type CertificateState,
  type DomainEvent,
  type NonconformityGrade,
  type NonconformityStatus,
} from '@app/domain';
import { comparePositions, serializePosition, type EventActor, type RecordedEvent } from '@app/event-store';
import { registryDocumentOf, toPublicRegistryEntry, type PublicRegistryEntry } from '@app/read-models';
import type { CertificateFile, FileStream } from './certificate-file';

/** An audit still running at the moment asked about: not decided, notified or cancelled. */
export interface OpenAuditView {
  auditId: string;
  /** Last revision of the audit's stream folded. */
  revision: number;
  type: string;
  status: string;
  subject: AuditSubject;
  schemeVersion: string;
  plannedStartDate: string;
  plannedEndDate: string;
  leadAuditor: EventActor | null;
}

/** A nonconformity not yet verified (R-AUD-4), in any audit of the file that was not cancelled. */
export interface OpenNonconformityView {
  auditId: string;
  nonconformityId: string;
  grade: NonconformityGrade;
  clause: string;
  dueDate: string;
  status: NonconformityStatus;
}

export interface ApplicationView {
  applicationId: string;
  revision: number;
  kind: string;
  status: string;
}

/** The certificate's file as it stood at `at`, folded from the events (never from the read models). */
export interface PointInTimeState {
  certificateNumber: string;
  at: string;
  /** What was folded: the events recorded by then, and the last of them. */
  asOf: { events: number; lastPosition: string | null; lastOccurredAt: string | null };
  /** `revision` null and state NONE before the certificate was issued. */
  certificate: { revision: number | null; state: CertificateState };
  /** What the public registry showed (R-REG-1), "valid today?" for the calendar day of `at`; null: not found. */
  registryEntry: PublicRegistryEntry | null;
  applications: ApplicationView[];
  openAudits: OpenAuditView[];
  openNonconformities: OpenNonconformityView[];
}

const CLOSED_AUDIT_STATUSES: readonly string[] = ['DECIDED', 'NOTIFIED', 'CANCELLED', 'NONE'];

const asDomainEvent = <E extends DomainEvent>(event: RecordedEvent): E =>
  ({ type: event.type, data: event.data }) as unknown as E;

/**
 * The stream's events up to `at` (by occurredAt). A prefix, not a filter: a stream is folded in order, so an
 * event cannot have existed before one that precedes it in the stream, whatever clocks said.
 */
export const eventsUpTo = (events: readonly RecordedEvent[], at: number): RecordedEvent[] => {
  const end = events.findIndex((event) => Date.parse(event.metadata.occurredAt) > at);
  return end < 0 ? [...events] : events.slice(0, end);
};

const lastRevision = (events: readonly RecordedEvent[]): number | null =>
  events.length > 0 ? events[events.length - 1].streamRevision : null;

const registryEntryOf = (events: readonly RecordedEvent[], at: string): PublicRegistryEntry | null => {
  const doc = registryDocumentOf(events);
  return doc ? toPublicRegistryEntry(doc, dateOf(at)) : null;
};

const foldStream = <E extends DomainEvent, S>(
  evolve: (state: S, event: E) => S,
  initial: S,
  events: readonly RecordedEvent[],
): S => fold(evolve, initial, events.map(asDomainEvent<E>));

/** The file at `at` (ISO instant): each stream folded through its decider's evolve up to that moment. */
export const stateAt = (file: CertificateFile, at: string): PointInTimeState => {
  const moment = Date.parse(at);
  const upTo = (stream: FileStream) => eventsUpTo(stream.events, moment);
  const folded = file.streams.map((stream) => ({ stream, events: upTo(stream) }));
  const all = folded.flatMap(({ events }) => events);
  const last = all.reduce<RecordedEvent | null>(
    (latest, event) =>
      latest === null || comparePositions(event.globalPosition, latest.globalPosition) > 0 ? event : latest,
    null,
  );

  const certificateEvents = folded.find(({ stream }) => stream.kind === 'certificate')?.events ?? [];
  const certificate = foldStream<CertificateEvent, CertificateState>(
    certificateDecider.evolve,
    certificateDecider.initialState,
    certificateEvents,
  );

  const applications: ApplicationView[] = [];
  const openAudits: OpenAuditView[] = [];
  const openNonconformities: OpenNonconformityView[] = [];
  for (const { stream, events } of folded) {
    const revision = lastRevision(events);
    if (revision === null) continue;
    if (stream.kind === 'application') {
      const state = foldStream<ApplicationEvent, ApplicationState>(
        applicationDecider.evolve,
        applicationDecider.initialState,
        events,
      );
      if (state.status !== 'NONE') {
        applications.push({
          applicationId: state.applicationId,
          revision,
          kind: state.kind,
          status: state.status,
        });
      }
    }
    if (stream.kind === 'audit') {
      const audit = foldStream<AuditEvent, AuditState>(
        auditDecider.evolve,
        auditDecider.initialState,
        events,
      );
      if (audit.status === 'NONE' || audit.status === 'CANCELLED') continue;
      if (!CLOSED_AUDIT_STATUSES.includes(audit.status)) {
        openAudits.push({
          auditId: audit.auditId,
          revision,
          type: audit.type,
          status: audit.status,
          subject: audit.subject,
          schemeVersion: audit.schemeVersion,
          plannedStartDate: audit.plannedStartDate,
          plannedEndDate: audit.plannedEndDate,
          leadAuditor: audit.team
            ? { id: audit.team.leadAuditor.id, role: audit.team.leadAuditor.role }
            : null,
        });
      }
      for (const nc of audit.nonconformities) {
        if (nc.status === 'VERIFIED') continue;
        openNonconformities.push({
          auditId: audit.auditId,
          nonconformityId: nc.id,
          grade: nc.grade,
          clause: nc.clause,
          dueDate: nc.dueDate,
          status: nc.status,
        });
      }
    }
  }

  return {
    certificateNumber: file.number,
    at,
    asOf: {
      events: all.length,
      lastPosition: last ? serializePosition(last.globalPosition) : null,
      lastOccurredAt: last ? last.metadata.occurredAt : null,
    },
    certificate: { revision: lastRevision(certificateEvents), state: certificate },
    registryEntry: registryEntryOf(certificateEvents, at),
    applications,
    openAudits,
    openNonconformities,
  };
};
