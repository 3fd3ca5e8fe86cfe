import { serializePosition, type EventActor, type RecordedEvent } from '@app/event-store';
import { eventsInLogOrder, streamKindOf, type CertificateFile, type StreamKind } from './certificate-file';

/** One event of a certificate's file as a regulator reads it: the envelope spelled out, plus the data. */
export interface HistoryEntry {
  /** Global log position `commit/prepare`: the order of the history. */
  position: string;
  streamId: string;
  streamKind: StreamKind;
  streamRevision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** When the command was handled (domain time, the envelope's occurredAt). */
  occurredAt: string;
  /** When the store committed it (infrastructure time). */
  recordedAt: string;
  /** Who caused it, in which role (R-ACT-1). */
  actor: EventActor;
  /** The reason code (ground, outcome, verdict …), when the event has one. */
  reasonCode: string | null;
  /** The reason in words (free text, or the listed reasons joined by "; "). */
  reason: string | null;
  /** Who approved it (变更批准人, decision maker, reviewer), when the event names one. */
  approver: EventActor | null;
  /**
   * The scheme version the event was handled under (R-SCHEME-1): the envelope's when set, else the one its stream
   * runs under (every aggregate records it in its first event, and a renewal records the new one).
   */
  schemeVersion: string | null;
  schemeVersionSource: 'envelope' | 'stream' | null;
  correlationId: string;
  causationId: string | null;
  /** The event's link in its stream's hash chain. */
  hash: string;
  data: Record<string, unknown>;
}

/** Words in capitals and underscores are codes (`GRANT`, `LOST`), anything else is text. */
const CODE = /^[A-Z][A-Z0-9_]*$/;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim().length > 0 ? value : null;

const list = (value: unknown): string | null => {
  if (!Array.isArray(value)) return null;
  const items = value.map(text).filter((item): item is string => item !== null);
  return items.length > 0 ? items.join('; ') : null;
};

const actorOf = (value: unknown): EventActor | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { id, role } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof role === 'string' ? { id, role } : null;
};

/**
 * Why an event happened, from the fields the domain events use for it: a code (`ground` of a suspension,
 * revocation or cancellation; `outcome` of a decision; `verdict` of a review or appeal; a code-like `reason`
 * such as GRANT or LOST) and a text (`reason` in words, else `reasons`, `findings`, appeal `grounds`,
 * review `comments`, `unmetConditions`).
 */
export const reasonOf = (
  data: Record<string, unknown>,
): { reasonCode: string | null; reason: string | null } => {
  const reason = text(data.reason);
  const codeLikeReason = reason !== null && CODE.test(reason);
  const reasonCode =
    text(data.ground) ?? text(data.outcome) ?? text(data.verdict) ?? (codeLikeReason ? reason : null);
  return {
    reasonCode,
    reason:
      (codeLikeReason ? null : reason) ??
      list(data.reasons) ??
      text(data.findings) ??
      text(data.grounds) ??
      text(data.comments) ??
      list(data.unmetConditions),
  };
};

/** The approver an event names: the certificate's 变更批准人, a decision maker, or a technical reviewer. */
export const approverOf = (type: string, data: Record<string, unknown>): EventActor | null =>
  actorOf(data.approver) ??
  actorOf(data.decisionMaker) ??
  (type === 'TechnicalReviewCompleted' ? actorOf(data.reviewer) : null);

export const toHistoryEntry = (
  event: RecordedEvent,
  streamSchemeVersion: string | null = null,
): HistoryEntry => {
  const data = event.data;
  const envelopeScheme = event.metadata.schemeVersion ?? null;
  return {
    position: serializePosition(event.globalPosition),
    streamId: event.streamId,
    streamKind: streamKindOf(event.streamId),
    streamRevision: event.streamRevision,
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    actor: { id: event.metadata.actor.id, role: event.metadata.actor.role },
    ...reasonOf(data),
    approver: approverOf(event.type, data),
    schemeVersion: envelopeScheme ?? streamSchemeVersion,
    schemeVersionSource:
      envelopeScheme !== null ? 'envelope' : streamSchemeVersion !== null ? 'stream' : null,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    hash: event.metadata.hash,
    data,
  };
};

export interface HistoryQuery {
  /** Inclusive ISO instant, compared with occurredAt. */
  from?: string;
  /** Inclusive ISO instant, compared with occurredAt. */
  to?: string;
  /** Only these event types. */
  types?: string[];
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export const DEFAULT_HISTORY_PAGE_SIZE = 100;
export const MAX_HISTORY_PAGE_SIZE = 500;

export interface HistoryPage {
  certificateNumber: string;
  /** Every stream of the file, in the order of its first event, with its length. */
  streams: { streamId: string; kind: StreamKind; events: number }[];
  filter: { from: string | null; to: string | null; types: string[] | null };
  page: number;
  pageSize: number;
  /** Entries matching the filter, over all pages. */
  total: number;
  items: HistoryEntry[];
}

const instant = (iso: string): number => Date.parse(iso);

/** Per event id, the scheme version its stream ran under when it was recorded (from the data of its events). */
const streamSchemeVersions = (file: CertificateFile): Map<string, string | null> => {
  const versions = new Map<string, string | null>();
  for (const stream of file.streams) {
    let current: string | null = null;
    for (const event of stream.events) {
      const declared = event.data.schemeVersion;
      if (typeof declared === 'string') current = declared;
      versions.set(event.id, current);
    }
  }
  return versions;
};

/** The filtered page of the file's history, in log order. */
export const historyPage = (file: CertificateFile, query: HistoryQuery = {}): HistoryPage => {
  const from = query.from === undefined ? -Infinity : instant(query.from);
  const to = query.to === undefined ? Infinity : instant(query.to);
  const types = query.types && query.types.length > 0 ? new Set(query.types) : null;
  const schemes = streamSchemeVersions(file);
  const matching = eventsInLogOrder(file).filter((event) => {
    const at = instant(event.metadata.occurredAt);
    return at >= from && at <= to && (types === null || types.has(event.type));
  });
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(
    MAX_HISTORY_PAGE_SIZE,
    Math.max(1, Math.floor(query.pageSize ?? DEFAULT_HISTORY_PAGE_SIZE)),
  );
  return {
    certificateNumber: file.number,
    streams: file.streams.map(({ streamId, kind, events }) => ({ streamId, kind, events: events.length })),
    filter: { from: query.from ?? null, to: query.to ?? null, types: types ? [...types] : null },
    page,
    pageSize,
    total: matching.length,
    items: matching
      .slice((page - 1) * pageSize, page * pageSize)
      .map((event) => toHistoryEntry(event, schemes.get(event.id) ?? null)),
  };
};
