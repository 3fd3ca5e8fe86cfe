import type {
  CertificateTimeline,
  PointInTimeState,
  TimelineEvent,
  VerificationReport,
} from '@app/certification';

/** Rows for console.table: what a regulator reads first. Pure, so the layout is unit-tested. */
export type Row = Record<string, string | number>;

const why = (event: TimelineEvent): string =>
  [event.reasonCode, event.reason].filter((part): part is string => part !== null).join(' — ') || '—';

const by = (event: TimelineEvent): string =>
  event.approver ? `${event.approver.role} ${event.approver.id}` : '—';

/** One row per status interval: from → to, with what began and ended it. */
export const timelineRows = (timeline: CertificateTimeline): Row[] =>
  timeline.intervals.map((interval) => ({
    status: interval.status,
    from: interval.fromDate,
    to: interval.toDate ?? '(now)',
    began: `${interval.start.eventType}: ${why(interval.start)}`,
    'approved by': by(interval.start),
    ended: interval.end ? `${interval.end.eventType}: ${why(interval.end)}` : '—',
  }));

/** The certificate's other events (changes, surveillance, revocation steps, renewal), in the interval they fell in. */
export const timelineEventRows = (timeline: CertificateTimeline): Row[] =>
  timeline.intervals.flatMap((interval) =>
    interval.events.map((event) => ({
      date: event.date,
      during: interval.status,
      event: event.eventType,
      what: event.summary ?? '—',
      why: why(event),
    })),
  );

const text = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** The certificate at the moment, one field per row. */
export const certificateRows = (state: PointInTimeState): Row[] => {
  const certificate = state.certificate.state;
  if (certificate.status === 'NONE') return [{ field: 'status', value: 'NONE (not issued yet)' }];
  return [
    { field: 'status', value: certificate.status },
    { field: 'status changed on', value: certificate.statusChangedOn },
    { field: 'holder', value: certificate.holder.name },
    { field: 'address', value: certificate.holder.address },
    { field: 'scope', value: certificate.scope },
    { field: 'scheme version', value: certificate.schemeVersion },
    { field: 'valid', value: `${certificate.effectiveDate} – ${certificate.expiryDate}` },
    { field: 'document revision', value: certificate.documentRevision },
    {
      field: 'suspension',
      value: certificate.suspension
        ? `${certificate.suspension.ground} since ${certificate.suspension.since}, deadline ${certificate.suspension.deadline}`
        : '—',
    },
    {
      field: 'revocation procedure',
      value: certificate.revocation
        ? `${certificate.revocation.stage} (${certificate.revocation.ground})`
        : '—',
    },
    { field: 'stream revision', value: text(state.certificate.revision) },
  ];
};

/** What the public registry showed at the moment. */
export const registryRows = (state: PointInTimeState): Row[] => {
  const entry = state.registryEntry;
  if (!entry) return [{ field: 'registry', value: 'not found (nothing published yet)' }];
  return [
    { field: 'status', value: `${entry.status} (${entry.iafStatus})` },
    { field: 'valid that day', value: entry.validToday ? 'yes' : 'no' },
    { field: 'holder', value: entry.holderName },
    { field: 'expiry', value: entry.expiryDate },
    {
      field: 'status history',
      value: entry.statusHistory.map((s) => `${s.date} ${s.before}→${s.after}`).join(', '),
    },
  ];
};

export const openAuditRows = (state: PointInTimeState): Row[] =>
  state.openAudits.map((audit) => ({
    audit: audit.auditId,
    type: audit.type,
    status: audit.status,
    planned: `${audit.plannedStartDate} – ${audit.plannedEndDate}`,
    lead: audit.leadAuditor?.id ?? '—',
  }));

export const openNonconformityRows = (state: PointInTimeState): Row[] =>
  state.openNonconformities.map((nc) => ({
    audit: nc.auditId,
    nonconformity: nc.nonconformityId,
    grade: nc.grade,
    clause: nc.clause,
    status: nc.status,
    due: nc.dueDate,
  }));

/** One row per stream of the file: its chain recomputed, and where it first breaks. */
export const verificationRows = (report: VerificationReport): Row[] =>
  report.streams.map((stream) => ({
    stream: stream.streamId,
    events: stream.events,
    'head revision': stream.headRevision ?? '—',
    verifies: stream.valid ? 'yes' : 'NO',
    'first broken link': stream.firstBrokenLink
      ? `revision ${stream.firstBrokenLink.revision}: ${stream.firstBrokenLink.reason}`
      : '—',
  }));
