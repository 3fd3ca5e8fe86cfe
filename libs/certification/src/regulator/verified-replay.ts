import type { EventStore } from '@app/event-store';
import { streamKindOf, type CertificateFile, type LoadProgress } from './certificate-file';
import { stateAt, type PointInTimeState } from './point-in-time';
import { readStoredFile, verificationReport, type VerificationReport } from './verification';

/** The file's state at a moment and the verification of the very events it was folded from. */
export interface VerifiedReplay {
  /** Every chain of the file, recomputed over the stored events the state was folded from. */
  verification: VerificationReport;
  /** The file at `at`, folded from those events in their latest schema; null when a stored event does not decode. */
  state: PointInTimeState | null;
}

/** The file's stored events verified, and the same events in their latest schema (null when one does not decode). */
export interface VerifiedFile {
  verification: VerificationReport;
  file: CertificateFile | null;
}

/** Reads the certificate's file once, raw: its chains recomputed, and the same events upcast for folding (in order). */
export const readVerifiedFile = async (
  store: EventStore,
  number: string,
  verifiedAt: string,
  onProgress?: LoadProgress,
): Promise<VerifiedFile> => {
  const stored = await readStoredFile(store, number, onProgress);
  const verification = verificationReport(number, verifiedAt, stored);
  if (stored.some((stream) => stream.unreadable !== null)) return { verification, file: null };
  const streams = stored.map(({ streamId, events }) => ({
    streamId,
    kind: streamKindOf(streamId),
    events: events.map((event) => store.upcast(event)),
  }));
  return { verification, file: { number, streams } };
};

/**
 * A regulator's replay in one read: the file's stored events are read once, their chains recomputed, and the same
 * events (upcast) folded to the state at `at`. Nothing can be appended or altered between what was verified and
 * what was folded, and no event is read or decoded twice.
 */
export const verifiedReplay = async (
  store: EventStore,
  number: string,
  at: string,
  verifiedAt: string,
): Promise<VerifiedReplay> => {
  const { verification, file } = await readVerifiedFile(store, number, verifiedAt);
  return { verification, state: file ? stateAt(file, at) : null };
};
