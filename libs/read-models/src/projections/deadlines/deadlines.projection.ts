import {
  applicationStreamName,
  auditStreamName,
  certificateStreamName,
  type ApplicationEvent,
  type AuditEvent,
  type CertificateEvent,
  type SchemeCatalogue,
} from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';
import type { Projection } from '../../projection';
import { asDomainEvent } from '../event-data';
import {
  APPLICATION_DEADLINE_EVENTS,
  APPLICATION_DEADLINE_SLOTS,
  evolveApplicationDeadlines,
} from './application-deadlines';
import {
  AUDIT_DEADLINE_EVENTS,
  AUDIT_DEADLINE_SLOTS,
  evolveAuditDeadlines,
  type AuditDeadlinesDocument,
} from './audit-deadlines';
import {
  CERTIFICATE_DEADLINE_EVENTS,
  CERTIFICATE_DEADLINE_SLOTS,
  evolveCertificateDeadlines,
  type CertificateDeadlinesDocument,
} from './certificate-deadlines';
import { DEADLINE_SLOT_FIELDS, type DeadlineField, type DeadlinesDocument } from './deadline';

type Evolve = (doc: DeadlinesDocument | null, event: EventWithoutMetadata) => DeadlinesDocument | null;

/** Which events of a stream kind move a clock, how, and which slots its documents can fill. */
interface StreamKind {
  prefix: string;
  handles: readonly string[];
  slots: readonly DeadlineField[];
  evolve: Evolve;
}

const streamKinds = (schemes: SchemeCatalogue): StreamKind[] => [
  {
    prefix: applicationStreamName(''),
    handles: APPLICATION_DEADLINE_EVENTS,
    slots: APPLICATION_DEADLINE_SLOTS,
    evolve: (doc, event) =>
      evolveApplicationDeadlines(doc, asDomainEvent<ApplicationEvent>(event), event.streamId, schemes),
  },
  {
    prefix: auditStreamName(''),
    handles: AUDIT_DEADLINE_EVENTS,
    slots: AUDIT_DEADLINE_SLOTS,
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
    slots: CERTIFICATE_DEADLINE_SLOTS,
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
 * the earliest armed due date. The evolve functions return the document they were given (nothing changed, so
 * nothing to arm) or a new one of their own, which is armed in place: a slot carried over unchanged keeps its
 * object, a new or moved one is replaced by a copy with its `armedAt`. Only the slots of the stream's kind are
 * looked at: the others are absent from its documents.
 */
const armed = (
  slots: readonly DeadlineField[],
  before: DeadlinesDocument | null,
  after: DeadlinesDocument | null,
  revision: number,
): DeadlinesDocument | null => {
  if (!after || after === before) return after;
  let armedDueOn: string | null = null;
  for (const field of slots) {
    const slot = after[field];
    if (!slot?.action) continue;
    const previous = before?.[field];
    const same = previous?.action === slot.action && previous.dueOn === slot.dueOn;
    const armedAt = same && previous.armedAt !== undefined ? previous.armedAt : revision;
    if (slot.armedAt !== armedAt) after[field] = { ...slot, armedAt };
    if (armedDueOn === null || slot.dueOn < armedDueOn) armedDueOn = slot.dueOn;
  }
  after.armedDueOn = armedDueOn;
  return after;
};

/**
 * `deadlines` (architecture.md, read side): every running clock of domain-rules §5, one document per
 * application, audit and certificate stream, each slot with its due date, rule id, arithmetic and the timer
 * action it triggers. The timers and the deadlines worklist read it. Scheme parameters come from the catalogue
 * of the version each file runs under (R-SCHEME-1).
 */
export const deadlinesProjection = (schemes: SchemeCatalogue): Projection<DeadlinesDocument> => {
  const kinds = streamKinds(schemes);
  const kindsByType = new Map<string, StreamKind[]>();
  for (const kind of kinds) {
    for (const type of kind.handles) kindsByType.set(type, [...(kindsByType.get(type) ?? []), kind]);
  }
  const kindOf = (event: EventWithoutMetadata) =>
    kindsByType.get(event.type)?.find((kind) => event.streamId.startsWith(kind.prefix));
  return {
    name: 'deadlines',
    version: 4,
    handles: kinds.flatMap((kind) => kind.handles),
    documentId: (event) => (kindOf(event) ? event.streamId : null),
    // documentId routed the event here, so its kind is known.
    evolve: (doc, event) => {
      const kind = kindOf(event)!;
      return armed(kind.slots, doc, kind.evolve(doc, event), event.streamRevision);
    },
    // A document is one file's clocks: each slot, and armedDueOn, is empty in most documents.
    indexes: [
      ...DEADLINE_SLOT_FIELDS.map((field) => ({ fields: [`${field}.dueOn`], sparse: true })),
      { fields: ['aggregate', 'slaBreaches'] },
      { fields: ['armedDueOn'], sparse: true },
    ],
  };
};
