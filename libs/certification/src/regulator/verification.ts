import {
  comparePositions,
  verifyStream,
  type BrokenLinkReason,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@app/event-store';
import { findFileStreams, readReadable } from './certificate-file';

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

/**
 * Recomputes the hash chain of every stream of the certificate's file and locates the first broken link of each:
 * a changed byte of data or metadata (HASH_MISMATCH), events swapped or replaced (PREV_HASH_MISMATCH /
 * OUT_OF_ORDER), a deleted event (REVISION_GAP), an event whose stored bytes no longer decode (UNREADABLE).
 * Events deleted from a stream's end leave a valid shorter chain: that shows against an anchored head hash only.
 */
export const verifyCertificateFile = async (
  store: EventStore,
  number: string,
  verifiedAt: string,
): Promise<VerificationReport> => {
  const checked: { first: Position | null; check: StreamCheck }[] = [];
  for (const streamId of await findFileStreams(store, number)) {
    const { events, unreadable } = await readReadable(store, streamId);
    const first = events[0]?.globalPosition ?? null;
    if (unreadable === null) {
      checked.push({ first, check: checkStream(streamId, events) });
      continue;
    }
    const readableBefore = events.filter((event) => event.streamRevision < unreadable.revision);
    const before = checkStream(streamId, readableBefore);
    checked.push({
      first,
      check: {
        ...checkStream(streamId, events),
        valid: false,
        firstBrokenLink: before.firstBrokenLink ?? {
          revision: unreadable.revision,
          reason: 'UNREADABLE',
          actual: unreadable.message,
        },
      },
    });
  }
  // In the order of their first event, as in the history and the export.
  const streams = checked
    .sort((a, b) =>
      a.first && b.first ? comparePositions(a.first, b.first) : a.first ? -1 : b.first ? 1 : 0,
    )
    .map(({ check }) => check);
  return {
    certificateNumber: number,
    verifiedAt,
    valid: streams.every((stream) => stream.valid),
    streams,
  };
};
