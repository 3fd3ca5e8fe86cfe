import { comparePositions } from '@app/event-store';
import type { EventStore, EventWithoutMetadata, Position } from '@app/event-store';
import type { DocumentBuffer } from './document-buffer';
import { timed } from './timed';

/** One generation filled by a catch-up: its buffer and the checkpoint it starts after. */
export interface CatchUpTarget {
  buffer: DocumentBuffer;
  /** Exclusive; null = from the start of the log. */
  from: Position | null;
  /** After each commit of this target's documents with the checkpoint they reach. */
  onCommit?: (checkpoint: Position) => void;
}

export interface CatchUpOptions {
  eventStore: EventStore;
  streamPrefixes: string[];
  /** Events per readAll. */
  batchSize: number;
  /** A target commits once its buffer holds this many documents (and at the end). */
  flushSize: number;
  targets: readonly CatchUpTarget[];
  shouldStop: () => boolean;
  /** After each batch read and folded, with the log head seen before reading it (progress only). */
  onBatch?: (position: Position, head: Position | null) => void;
}

/** Where a target got: its last committed checkpoint, or the error that stopped it (nothing after it committed). */
export interface CatchUpOutcome {
  position: Position | null;
  error?: unknown;
  /** Milliseconds this target spent folding the events into its documents (loading the ones it did not hold included). */
  foldMs: number;
  /** Milliseconds this target spent committing its documents with their checkpoints. */
  writeMs: number;
}

export interface CatchUpResult {
  outcomes: CatchUpOutcome[];
  stopped: boolean;
  /** Milliseconds spent reading the log (the head, and the events with their decoding), once for every target. */
  readMs: number;
}

const after = (position: Position, than: Position | null): boolean =>
  than === null || comparePositions(position, than) > 0;

/**
 * Reads the log once, in batches, from the earliest target's checkpoint until a batch comes back short, and
 * folds each batch into every target (a rebuild of all read models parses each event once). Documents are
 * written behind: a target commits its changed documents with the checkpoint of the batch it has reached when
 * its buffer is full, when the log is caught up and when stopped — so a crash resumes from a committed batch
 * boundary. The head is read before each batch: a short batch holds every matching event up to that head, so
 * the checkpoint may move to the head even when the last events belong to other streams (otherwise lag would
 * never reach 0). A target whose projection fails on an event commits the batches before that one and is
 * dropped; the others go on.
 */
export const catchUp = async (options: CatchUpOptions): Promise<CatchUpResult> => {
  const outcomes: CatchUpOutcome[] = options.targets.map((target) => ({
    position: target.from,
    foldMs: 0,
    writeMs: 0,
  }));
  const spent = { readMs: 0 };
  const active = new Set(options.targets.keys());
  /** Per target, the checkpoint its buffer has reached but not committed. */
  const reached: (Position | null)[] = options.targets.map((target) => target.from);

  const commit = async (index: number): Promise<void> => {
    const checkpoint = reached[index];
    if (checkpoint === null || !after(checkpoint, outcomes[index].position)) return;
    const target = options.targets[index];
    await timed(outcomes[index], 'writeMs', () => target.buffer.flush(checkpoint));
    outcomes[index].position = checkpoint;
    target.onCommit?.(checkpoint);
  };
  /** Runs `action` for a target; if it fails, keeps what the target folded before and drops it. */
  const dropOnError = async (index: number, action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      outcomes[index].error = error;
      active.delete(index);
      await commit(index).catch(() => undefined);
    }
  };
  const commitAll = async (): Promise<void> => {
    for (const index of [...active]) await dropOnError(index, () => commit(index));
  };

  // Only the types some target handles: the others (e.g. audit scores, a large part of the log) are never parsed.
  const eventTypes = [...new Set(options.targets.flatMap((target) => [...target.buffer.handles]))];
  let position = earliest(options.targets.map((target) => target.from));
  while (active.size > 0) {
    if (options.shouldStop()) {
      await commitAll();
      return { outcomes, stopped: true, ...spent };
    }
    const { head, events } = await timed(spent, 'readMs', async () => ({
      head: await options.eventStore.headPosition(),
      events: await options.eventStore.readAll({
        fromPosition: position ?? undefined,
        maxCount: options.batchSize,
        filter: { streamPrefixes: options.streamPrefixes, eventTypes },
        metadata: false,
      }),
    }));
    const complete = events.length < options.batchSize;
    let checkpoint = events.length > 0 ? events[events.length - 1].globalPosition : position;
    if (complete && head !== null && (checkpoint === null || after(head, checkpoint))) checkpoint = head;
    if (checkpoint !== null && (position === null || after(checkpoint, position))) {
      for (const index of [...active]) {
        const target = options.targets[index];
        if (!after(checkpoint, reached[index])) continue;
        await dropOnError(index, async () => {
          await timed(outcomes[index], 'foldMs', () =>
            target.buffer.apply(eventsAfter(events, reached[index])),
          );
          reached[index] = checkpoint;
          if (target.buffer.size >= options.flushSize) await commit(index);
        });
      }
      position = checkpoint;
      options.onBatch?.(checkpoint, head);
    }
    if (complete) break;
  }
  await commitAll();
  return { outcomes, stopped: false, ...spent };
};

const earliest = (positions: (Position | null)[]): Position | null =>
  positions.reduce<Position | null>(
    (first, position) =>
      first === null || position === null ? null : comparePositions(position, first) < 0 ? position : first,
    positions[0] ?? null,
  );

/** The events of a batch (in log order) after `from`: all of them, unless the target is ahead of the others. */
const eventsAfter = (
  events: readonly EventWithoutMetadata[],
  from: Position | null,
): readonly EventWithoutMetadata[] =>
  from === null || events.length === 0 || after(events[0].globalPosition, from)
    ? events
    : events.filter((event) => after(event.globalPosition, from));
