import { comparePositions } from '@app/event-store';
import type { EventStore, Position, RecordedEvent } from '@app/event-store';

export interface CatchUpOptions {
  eventStore: EventStore;
  streamPrefixes: string[];
  batchSize: number;
  /** Exclusive; null = from the start of the log. */
  from: Position | null;
  shouldStop: () => boolean;
  /** Applies and commits one batch with the checkpoint it reaches. */
  apply: (events: readonly RecordedEvent[], checkpoint: Position) => Promise<void>;
  /** After each committed batch, with the log head seen before reading it. */
  onBatch?: (checkpoint: Position, head: Position | null) => void;
}

export interface CatchUpResult {
  position: Position | null;
  stopped: boolean;
}

/**
 * Reads the log in batches with `readAll` from `from` until a batch comes back short. The head is read
 * before each batch: a short batch holds every matching event up to that head, so the checkpoint may move
 * to the head even when the last events belong to other streams (otherwise lag would never reach 0).
 */
export const catchUp = async (options: CatchUpOptions): Promise<CatchUpResult> => {
  let position = options.from;
  for (;;) {
    if (options.shouldStop()) return { position, stopped: true };
    const head = await options.eventStore.headPosition();
    const events = await options.eventStore.readAll({
      fromPosition: position ?? undefined,
      maxCount: options.batchSize,
      filter: { streamPrefixes: options.streamPrefixes },
    });
    const complete = events.length < options.batchSize;
    let checkpoint = events.length > 0 ? events[events.length - 1].globalPosition : position;
    if (complete && head !== null && (checkpoint === null || comparePositions(head, checkpoint) > 0)) {
      checkpoint = head;
    }
    if (checkpoint !== null && (position === null || comparePositions(checkpoint, position) > 0)) {
      await options.apply(events, checkpoint);
      position = checkpoint;
      options.onBatch?.(checkpoint, head);
    }
    if (complete) return { position, stopped: false };
  }
};
