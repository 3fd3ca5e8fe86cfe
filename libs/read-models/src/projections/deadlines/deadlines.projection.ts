import {
  applicationStreamName,
  auditStreamName,
  certificateStreamName,
  type ApplicationEvent,
  type AuditEvent,
  type CertificateEvent,
  type SchemeCatalogue,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '../../projection';
import { asDomainEvent } from '../event-data';
import { APPLICATION_DEADLINE_EVENTS, evolveApplicationDeadlines } from './application-deadlines';
import { AUDIT_DEADLINE_EVENTS, evolveAuditDeadlines, type AuditDeadlinesDocument } from './audit-deadlines';
import {
  CERTIFICATE_DEADLINE_EVENTS,
  evolveCertificateDeadlines,
  type CertificateDeadlinesDocument,
} from './certificate-deadlines';
import { DEADLINE_SLOT_FIELDS, type DeadlinesDocument } from './deadline';

type Evolve = (doc: DeadlinesDocument | null, event: RecordedEvent) => DeadlinesDocument | null;

/** Which events of which stream kind move a clock, and how. */
const streamKinds = (
  schemes: SchemeCatalogue,
): { prefix: string; handles: readonly string[]; evolve: Evolve }[] => [
  {
    prefix: applicationStreamName(''),
    handles: APPLICATION_DEADLINE_EVENTS,
    evolve: (doc, event) =>
      evolveApplicationDeadlines(doc, asDomainEvent<ApplicationEvent>(event), event.streamId, schemes),
  },
  {
    prefix: auditStreamName(''),
    handles: AUDIT_DEADLINE_EVENTS,
    evolve: (doc, event) =>
      evolveAuditDeadlines(
        doc as AuditDeadlinesDocument | null,
        asDomainEvent<AuditEvent>(event),
        event.streamId,
        schemes,
      ),
  },
  {
    prefix: certificateStreamName(''),
    handles: CERTIFICATE_DEADLINE_EVENTS,
    evolve: (doc, event) =>
      evolveCertificateDeadlines(
        doc as CertificateDeadlinesDocument | null,
        asDomainEvent<CertificateEvent>(event),
        event.streamId,
        schemes,
      ),
  },
];

/**
 * Keeps each slot's `armedAt` while its action and due date stay; arms it at this revision otherwise; and notes
 * the earliest armed due date.
 */
const armed = (
  before: DeadlinesDocument | null,
  after: DeadlinesDocument | null,
  revision: number,
): DeadlinesDocument | null => {
  if (!after) return after;
  // Each armed slot is replaced in the copy, where the evolved document has it already: the copy keeps its shape.
  const doc: DeadlinesDocument = { ...after, armedDueOn: null };
  let armedDueOn: string | null = null;
  for (const field of DEADLINE_SLOT_FIELDS) {
    const slot = after[field];
    if (!slot?.action) continue;
    const previous = before?.[field];
    const same = previous?.action === slot.action && previous.dueOn === slot.dueOn;
    doc[field] = { ...slot, armedAt: same && previous.armedAt !== undefined ? previous.armedAt : revision };
    if (armedDueOn === null || slot.dueOn < armedDueOn) armedDueOn = slot.dueOn;
  }
  doc.armedDueOn = armedDueOn;
  return doc;
};

/**
 * `deadlines` (architecture.md, read side): every running clock of domain-rules §5, one document per
 * application, audit and certificate stream, each slot with its due date, rule id, arithmetic and the timer
 * action it triggers. The timers and the deadlines worklist read it. Scheme parameters come from the catalogue
 * of the version each file runs under (R-SCHEME-1).
 */
export const deadlinesProjection = (schemes: SchemeCatalogue): Projection<DeadlinesDocument> => {
  const kinds = streamKinds(schemes);
  const kindOf = (event: RecordedEvent) =>
    kinds.find((kind) => event.streamId.startsWith(kind.prefix) && kind.handles.includes(event.type));
  return {
    name: 'deadlines',
    version: 4,
    handles: kinds.flatMap((kind) => kind.handles),
    documentId: (event) => (kindOf(event) ? event.streamId : null),
    // documentId routed the event here, so its kind is known.
    evolve: (doc, event) => armed(doc, kindOf(event)!.evolve(doc, event), event.streamRevision),
    // A document is one file's clocks: each slot, and armedDueOn, is empty in most documents.
    indexes: [
      ...DEADLINE_SLOT_FIELDS.map((field) => ({ fields: [`${field}.dueOn`], sparse: true })),
      { fields: ['aggregate', 'slaBreaches'] },
      { fields: ['armedDueOn'], sparse: true },
    ],
  };
};
