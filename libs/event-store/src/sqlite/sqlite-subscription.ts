import { positionFromSequence } from '../position';
import type { EventWithoutMetadata, Subscription, SubscriptionMessage } from '../event-store.port';

/** Reads matching events after a global sequence number, plus the log head of the same snapshot. */
export type BatchReader<E extends EventWithoutMetadata> = (
  after: number,
  limit: number,
) => { events: E[]; head: number };

export interface SubscriptionWiring {
  /** Exclusive global sequence number to start after (0 = from the beginning). */
  from: number;
  batchSize: number;
  pollIntervalMs: number;
  attach: (listener: () => void) => void;
  detach: (listener: () => void, subscription: SqliteSubscription<EventWithoutMetadata>) => void;
}

/**
 * Catch-up then live, always by re-reading the table from the last position delivered: the in-process
 * notification (after each commit) and the poll timer (appends by other connections or processes) only
 * say "look again". So nothing is lost or delivered twice between catch-up and live.
 */
export class SqliteSubscription<E extends EventWithoutMetadata> implements Subscription<E> {
  private closed = false;
  /** Set by a notification; checked before sleeping so a wake-up between read and wait is not lost. */
  private dirty = false;
  private wake: (() => void) | undefined;
  private readonly generator: AsyncGenerator<SubscriptionMessage<E>, void, undefined>;
  private readonly listener = (): void => {
    this.dirty = true;
    this.wake?.();
  };

  constructor(
    private readonly read: BatchReader<E>,
    private readonly wiring: SubscriptionWiring,
  ) {
    wiring.attach(this.listener);
    this.generator = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage<E>> {
    return this.generator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wiring.detach(this.listener, this);
    this.wake?.();
    await this.generator.return(undefined);
  }

  private async *run(): AsyncGenerator<SubscriptionMessage<E>, void, undefined> {
    let cursor = this.wiring.from;
    /** The last position the consumer was told about, by an event or a caught-up message. */
    let announced = cursor;
    let caughtUp = false;
    try {
      while (!this.closed) {
        this.dirty = false;
        const { events, head } = this.read(cursor, this.wiring.batchSize);
        for (const event of events) {
          if (this.closed) return;
          cursor = Number(event.globalPosition.commit);
          announced = cursor;
          yield event;
        }
        // A short batch saw every match up to `head`: skip past filtered-out events too.
        const complete = events.length < this.wiring.batchSize;
        if (complete) cursor = Math.max(cursor, head);
        if (!complete) continue;
        // Caught up: said once at the end of catch-up, and again whenever the log moved on only by events the
        // filter skips, so a consumer can checkpoint past them (its lag would otherwise never reach zero).
        if (!caughtUp || cursor > announced) {
          caughtUp = true;
          announced = cursor;
          if (this.closed) return;
          yield { caughtUp: true, position: cursor > 0 ? positionFromSequence(cursor) : null };
        }
        if (!this.dirty) await this.sleep();
      }
    } finally {
      this.closed = true;
      this.wiring.detach(this.listener, this);
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.wiring.pollIntervalMs);
      this.wake = done;
    });
  }
}
