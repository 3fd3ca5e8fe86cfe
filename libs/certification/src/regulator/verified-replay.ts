import type { EventStore } from '@app/event-store';
import { byFirstEvent, streamKindOf, type CertificateFile } from './certificate-file';
import { stateAt, type PointInTimeState } from './point-in-time';
import { readStoredFile, verificationReport, type VerificationReport } from './verification';

/** The file's state at a moment and the verification of the very events it was folded from. */
export interface VerifiedReplay {
  /** Every chain of the file, recomputed over the stored events the state was folded from. */
  verification: VerificationReport;
  /** The file at `at`, folded from those events in their latest schema; null when a stored event does not decode. */
  state: PointInTimeState | null;
}

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
  const stored = await readStoredFile(store, number);
  const verification = verificationReport(number, verifiedAt, stored);
  if (stored.some((stream) => stream.unreadable !== null)) return { verification, state: null };
  const file: CertificateFile = {
    number,
    streams: byFirstEvent(
      stored.map(({ streamId, events }) => ({
        streamId,
        kind: streamKindOf(streamId),
        events: events.map((event) => store.upcast(event)),
      })),
    ),
  };
  return { verification, state: stateAt(file, at) };
};
