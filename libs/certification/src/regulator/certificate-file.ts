import { auditStreamName, certificateStreamName } from '@app/domain';
import {
  comparePositions,
  StreamNotFoundError,
  UnreadableEventError,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';

export type StreamKind = 'certificate' | 'application' | 'audit';

export const AUDIT_STREAM_PREFIX = auditStreamName('');
export const CERTIFICATE_STREAM_PREFIX = certificateStreamName('');

export const streamKindOf = (streamId: string): StreamKind =>
  streamId.startsWith(CERTIFICATE_STREAM_PREFIX)
    ? 'certificate'
    : streamId.startsWith(AUDIT_STREAM_PREFIX)
      ? 'audit'
      : 'application';

export interface FileStream {
  streamId: string;
  kind: StreamKind;
  /** In stream order, as the store returns them (raw when the file was loaded raw). */
  events: RecordedEvent[];
}

/**
 * Everything recorded about one certificate: its own stream, the applications whose ids it carries or that
 * name it (initial and renewal applications), and the audits of those applications or of the certificate
 * (initial, surveillance, special, recertification). Streams are ordered by their first log position.
 */
export interface CertificateFile {
  number: string;
  streams: FileStream[];
}

/** Progress of a long load: events read so far out of the streams' lengths (known after a first pass). */
export type LoadProgress = (done: number, total: number) => void;

export interface LoadOptions {
  /** Stored bytes, no upcasting: what the hash chain covers (export). */
  raw?: boolean;
}

/** Events per read while loading a stream, so progress can be reported on long histories. */
const PAGE_SIZE = 500;

/**
 * The ids of every stream of the certificate's file, found from the event store itself (its index of the references
 * events make to other streams, `findStreamReferences`), never from read models: the applications and audits the
 * certificate's events name, the applications naming the certificate (renewals), and the audits whose subject is
 * the certificate or one of those applications — followed to a fixed point, so an audit named by the certificate
 * brings in its application too. A referenced stream must exist to be part of the file (one whose first event was
 * deleted still does). Throws StreamNotFoundError for an unknown certificate.
 */
export const findFileStreams = async (store: EventStore, number: string): Promise<string[]> => {
  const certificateStream = certificateStreamName(number);
  if (!(await store.streamExists(certificateStream))) throw new StreamNotFoundError(certificateStream);
  const found = new Set<string>([certificateStream]);
  /** Whether the reference `from → to` brings `other` (its end that is not in the file yet) into the file. */
  const brings = (from: string, to: string, other: string): boolean => {
    const kind = streamKindOf(other);
    if (from === certificateStream || to === certificateStream) return kind !== 'certificate';
    // An audit of an application of the file, or the application an audit of the file assesses.
    return other === from ? kind === 'audit' && found.has(to) : kind === 'application' && found.has(from);
  };
  for (let frontier = [certificateStream]; frontier.length > 0;) {
    const next: string[] = [];
    for (const { streamId, referencedStreamId } of await store.findStreamReferences(frontier)) {
      for (const other of [streamId, referencedStreamId]) {
        if (!found.has(other) && brings(streamId, referencedStreamId, other)) {
          found.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  const candidates = [...found].filter((streamId) => streamId !== certificateStream).sort();
  const existing: string[] = [];
  for (const streamId of candidates) {
    if (await store.streamExists(streamId)) existing.push(streamId);
  }
  return [certificateStream, ...existing];
};

/** Reads one stream from revision 0 in pages, reporting each page. */
export const readWhole = async (
  store: EventStore,
  streamId: string,
  raw: boolean,
  onPage: (count: number) => void = () => undefined,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let from = 0;
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision: from, maxCount: PAGE_SIZE, raw });
    events.push(...page);
    onPage(page.length);
    if (page.length < PAGE_SIZE) return events;
    from = page[page.length - 1].streamRevision + 1;
  }
};

/**
 * The stream's events that can be read (raw, decoded whole), and the first revision that cannot (a stored event
 * whose bytes no longer decode, e.g. a tampered JSON): found by reading one event at a time once a whole read
 * failed. Any other error of the store is thrown.
 */
export const readReadable = async (
  store: EventStore,
  streamId: string,
  onPage?: (count: number) => void,
): Promise<{ events: RecordedEvent[]; unreadable: { revision: number; message: string } | null }> => {
  try {
    const events = await readWhole(store, streamId, true, onPage);
    return { events, unreadable: null };
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
  }
  const events: RecordedEvent[] = [];
  let unreadable: { revision: number; message: string } | null = null;
  for (let revision = 0; ;) {
    try {
      const [event] = await store.readStream(streamId, { fromRevision: revision, maxCount: 1, raw: true });
      if (!event) return { events, unreadable };
      events.push(event);
      revision = event.streamRevision + 1;
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      unreadable ??= { revision, message: error.message };
      revision += 1;
    }
  }
};

/** Loads the whole file of certificate `number`; StreamNotFoundError when there is no such certificate. */
export const loadCertificateFile = async (
  store: EventStore,
  number: string,
  options: LoadOptions = {},
): Promise<CertificateFile> => {
  const streams: FileStream[] = [];
  for (const streamId of await findFileStreams(store, number)) {
    const events = await readWhole(store, streamId, options.raw ?? false);
    streams.push({ streamId, kind: streamKindOf(streamId), events });
  }
  return { number, streams: byFirstEvent(streams) };
};

/**
 * What reports the events read as they are read, against the streams' lengths (their last revisions, read first):
 * nothing is read for it without `onProgress`.
 */
export const progressOver = async (
  store: EventStore,
  streamIds: readonly string[],
  onProgress: LoadProgress | undefined,
): Promise<(count: number) => void> => {
  if (!onProgress) return () => undefined;
  let total = 0;
  for (const streamId of streamIds) total += await streamLength(store, streamId);
  let done = 0;
  onProgress(done, total);
  return (count) => {
    done += count;
    onProgress(done, Math.max(total, done));
  };
};

const streamLength = async (store: EventStore, streamId: string): Promise<number> => {
  try {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1, raw: true });
    return last ? last.streamRevision + 1 : 0;
  } catch (error) {
    // A last event that no longer decodes still counts.
    if (error instanceof UnreadableEventError) return error.revision + 1;
    throw error;
  }
};

/** The streams in the order of their first event's log position (streams without events last), sorted in place. */
export const byFirstEvent = <S extends { events: readonly RecordedEvent[] }>(streams: S[]): S[] =>
  streams.sort((a, b) => {
    const [x, y] = [a.events[0]?.globalPosition, b.events[0]?.globalPosition];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return comparePositions(x, y);
  });

/** Every event of the file in log order (global position). */
export const eventsInLogOrder = (file: CertificateFile): RecordedEvent[] =>
  file.streams
    .flatMap((stream) => stream.events)
    .sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
