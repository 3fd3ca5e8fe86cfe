import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { comparePositions } from '../position';
import type { Position } from '../position';
import {
  isCaughtUp,
  type EventWithoutMetadata,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
} from '../event-store.port';
import { maxPosition } from './esdb-events';

/** What a subscription needs from the store; keeps this class free of client construction details. */
export interface SubscriptionSource<E extends EventWithoutMetadata = RecordedEvent> {
  headPosition(): Promise<Position | null>;
  /** A server-side filtered client subscription starting at `from` (the server may or may not include it). */
  open(from: Position | undefined): AllStreamSubscription;
  /** The event as the consumer sees it (upcast), or undefined if the exact filter rejects it. */
  accept(resolved: AllStreamResolvedEvent): E | undefined;
  /** Called for every resubscription (logging, metrics). */
  resubscribing(reason: unknown, delayMs: number, resumeAfter: Position | undefined): void;
  detach(subscription: EsdbSubscription<EventWithoutMetadata>): void;
}

export interface SubscriptionTuning {
  /** First resubscription delay; doubles per consecutive failure up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** The client stream is paused when this many messages wait for the consumer, resumed at a quarter. */
  highWaterMark: number;
}

/**
 * Catch-up then live over an ESDB `$all` subscription, resubscribing after drops.
 *
 * - Cursor: the position of the last event received from the server (delivered to the queue, whether or not
 *   the exact filter kept it). A resubscription starts there and every event at or before it is skipped, so
 *   nothing past the cursor is lost or repeated — whether the server treats `from` as inclusive or not.
 * - Caught up: emitted once, at the first of (a) the server's `caught_up` message (client 6.2.1 emits
 *   `caughtUp`; servers >= 23.10 send it) — queued after the events the client had already pushed but we had
 *   not yet received (`readableLength`), so the order is preserved; (b) an event at or past the log head read
 *   before subscribing (for servers without `caught_up`); (c) immediately if that head is not after the
 *   start position. Its position is max(cursor, head read at start): every match up to it has been delivered.
 *   Said again, once caught up, at each event the exact filter skips (the server's filter is only a pre-selection).
 */
export class EsdbSubscription<E extends EventWithoutMetadata = RecordedEvent> implements Subscription<E> {
  private readonly queue: SubscriptionMessage<E>[] = [];
  private readonly generator: AsyncGenerator<SubscriptionMessage<E>, void, undefined>;
  private wake: (() => void) | undefined;
  private closed = false;
  private cursor: Position | undefined;
  private startHead: Position | null | undefined;
  private caughtUp = false;
  private current: AllStreamSubscription | undefined;
  /** Incremented whenever a client subscription is abandoned: late callbacks of old ones are ignored. */
  private generation = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private paused = false;

  constructor(
    private readonly source: SubscriptionSource<E>,
    from: Position | undefined,
    private readonly tuning: SubscriptionTuning,
  ) {
    this.cursor = from;
    this.generator = this.run();
    void this.connect();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage<E>> {
    return this.generator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.release();
    this.wakeConsumer();
    await this.generator.return(undefined);
  }

  private async *run(): AsyncGenerator<SubscriptionMessage<E>, void, undefined> {
    try {
      for (;;) {
        if (this.closed) return;
        const message = this.queue.shift();
        if (message) {
          if (this.paused && this.queue.length <= this.tuning.highWaterMark / 4) {
            this.paused = false;
            this.current?.resume();
          }
          yield message;
          continue;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      this.closed = true;
      this.release();
    }
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.startHead === undefined) {
        // Read before subscribing: everything up to this head is "catch-up" (fallbacks (b) and (c)).
        this.startHead = await this.source.headPosition();
        if (this.closed) return;
        if (this.startHead === null || (this.cursor && comparePositions(this.startHead, this.cursor) <= 0)) {
          this.emitCaughtUp();
        }
      }
      this.open();
    } catch (error) {
      this.drop(error);
    }
  }

  private open(): void {
    const generation = ++this.generation;
    const subscription = this.source.open(this.cursor);
    this.current = subscription;
    this.paused = false;
    const stale = (): boolean => this.closed || generation !== this.generation;
    /** Events the client had pushed before it saw `caught_up` and that we have not received yet. */
    let pendingBeforeCaughtUp: number | undefined;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (stale()) return;
      this.failures = 0;
      this.receive(resolved);
      if (pendingBeforeCaughtUp !== undefined && --pendingBeforeCaughtUp <= 0) {
        pendingBeforeCaughtUp = undefined;
        this.emitCaughtUp();
      }
    });
    subscription.on('caughtUp', () => {
      if (stale() || this.caughtUp) return;
      const buffered = subscription.readableLength;
      if (buffered === 0) this.emitCaughtUp();
      else pendingBeforeCaughtUp = buffered;
    });
    subscription.on('error', (error: Error) => {
      if (!stale()) this.drop(error);
    });
    subscription.on('end', () => {
      if (!stale()) this.drop(new Error('the server ended the subscription'));
    });
  }

  private receive(resolved: AllStreamResolvedEvent): void {
    const position = resolved.event?.position;
    if (!position) return;
    if (this.cursor && comparePositions(position, this.cursor) <= 0) return;
    const head = this.startHead;
    // Fallback (b): an event past the start head is live, so catch-up is complete before it.
    if (!this.caughtUp && head && comparePositions(position, head) > 0) this.emitCaughtUp();
    this.cursor = position;
    const event = this.source.accept(resolved);
    if (event) this.push(event);
    else if (this.caughtUp) this.announce(position);
    if (!this.caughtUp && head && comparePositions(position, head) === 0) this.emitCaughtUp();
  }

  /**
   * Live, past an event the exact filter skipped: caught up again at its position, so that a consumer can
   * checkpoint past it. A run of skipped events waiting in the queue is one message, moved on to the last.
   */
  private announce(position: Position): void {
    const last = this.queue[this.queue.length - 1];
    if (last && isCaughtUp(last)) this.queue[this.queue.length - 1] = { caughtUp: true, position };
    else this.push({ caughtUp: true, position });
  }

  private emitCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.push({ caughtUp: true, position: maxPosition(this.cursor, this.startHead) });
  }

  private push(message: SubscriptionMessage<E>): void {
    this.queue.push(message);
    if (!this.paused && this.queue.length >= this.tuning.highWaterMark && this.current) {
      // Backpressure: the client's stream buffers (and gRPC flow control pushes back) until we drain.
      this.paused = true;
      this.current.pause();
    }
    this.wakeConsumer();
  }

  private wakeConsumer(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The server dropped us (error or end): resubscribe from the cursor after a backoff. */
  private drop(reason: unknown): void {
    if (this.closed) return;
    this.abandonCurrent();
    const delay = Math.min(this.tuning.maxBackoffMs, this.tuning.initialBackoffMs * 2 ** this.failures);
    this.failures++;
    this.source.resubscribing(reason, delay, this.cursor);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  private abandonCurrent(): void {
    this.generation++;
    const current = this.current;
    this.current = undefined;
    if (current) void current.unsubscribe().catch(() => undefined);
  }

  private release(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.abandonCurrent();
    this.source.detach(this);
  }
}
