import { verifyStream, type BrokenLinkReason, type EventStore, type RecordedEvent } from '@app/event-store';
import {
  byFirstEvent,
  findFileStreams,
  progressOver,
  readReadable,
  type LoadProgress,
} from './certificate-file';

/** Why a chain is broken: the hash-chain reasons, or a stored event that cannot even be decoded. */
export type ChainBreakReason = BrokenLinkReason | 'UNREADABLE';

export interface BrokenLink {
  /** The first revision at which the stream stops verifying. */
  revision: number;
  reason: ChainBreakReason;
  expected?: string;
  actual?: string;
}

/** One stream's chain, recomputed from revision 0 over the stored (raw) events. */
export interface StreamCheck {
  streamId: string;
  /** Events read. */
  events: number;
  headRevision: number | null;
  /** Stored hash of the last event read: compare it with an anchored value (an export's manifest) to see truncation. */
  headHash: string | null;
  valid: boolean;
  firstBrokenLink: BrokenLink | null;
}

export interface VerificationReport {
  certificateNumber: string;
  verifiedAt: string;
  /** True when every stream verifies. */
  valid: boolean;
  streams: StreamCheck[];
}

/** One stream of the file as stored: the events that decode (raw, in stream order) and the first that does not. */
export interface StoredStream {
  streamId: string;
  events: RecordedEvent[];
  unreadable: { revision: number; message: string } | null;
}

/** The chain check of one stream's raw events, read in stream order. */
export const checkStream = (streamId: string, events: readonly RecordedEvent[]): StreamCheck => {
  const result = verifyStream(events, streamId);
  const last = events[events.length - 1];
  return {
    streamId,
    events: events.length,
    headRevision: last ? last.streamRevision : null,
    headHash: last ? last.metadata.hash : null,
    valid: result.valid,
    firstBrokenLink: result.firstBrokenLink ?? null,
  };
};

/** Every stream of the certificate's file, read raw (the bytes the chains cover), in the order of its first event. */
export const readStoredFile = async (
  store: EventStore,
  number: string,
  onProgress?: LoadProgress,
): Promise<StoredStream[]> => {
  const streamIds = await findFileStreams(store, number);
  const onPage = await progressOver(store, streamIds, onProgress);
  const streams: StoredStream[] = [];
  for (const streamId of streamIds) {
    streams.push({ streamId, ...(await readReadable(store, streamId, onPage)) });
  }
  return byFirstEvent(streams);
};

const checkStoredStream = ({ streamId, events, unreadable }: StoredStream): StreamCheck => {
  if (unreadable === null) return checkStream(streamId, events);
  const before = checkStream(
    streamId,
    events.filter((event) => event.streamRevision < unreadable.revision),
  );
  return {
    ...checkStream(streamId, events),
    valid: false,
    firstBrokenLink: before.firstBrokenLink ?? {
      revision: unreadable.revision,
      reason: 'UNREADABLE',
      actual: unreadable.message,
    },
  };
};

/**
 * Recomputes the hash chain of every stream of the file and locates the first broken link of each: a changed byte
 * of data or metadata (HASH_MISMATCH), events swapped or replaced (PREV_HASH_MISMATCH / OUT_OF_ORDER), a deleted
 * event (REVISION_GAP), an event whose stored bytes no longer decode (UNREADABLE). Events deleted from a stream's
 * end leave a valid shorter chain: that shows against an anchored head hash only. Streams are reported in the order
 * given (readStoredFile's: of their first event, as in the history and the export).
 */
export const verificationReport = (
  number: string,
  verifiedAt: string,
  streams: readonly StoredStream[],
): VerificationReport => {
  const checks = streams.map(checkStoredStream);
  return {
    certificateNumber: number,
    verifiedAt,
    valid: checks.every((check) => check.valid),
    streams: checks,
  };
};

/** Reads the certificate's file raw and reports on its chains (see `verificationReport`). */
export const verifyCertificateFile = async (
  store: EventStore,
  number: string,
  verifiedAt: string,
): Promise<VerificationReport> => verificationReport(number, verifiedAt, await readStoredFile(store, number));
