import type { Position } from '@app/event-store';
import type { OutboundMessage, StatusEventPublisher } from '../kafka/status-event-publisher.port';

/** A relayed log position: the record to publish for it, or null when it only moves the checkpoint on. */
export interface RelayEntry {
  message: OutboundMessage | null;
  position: Position;
}

export interface SendPipelineOptions {
  publisher: StatusEventPublisher;
  /**
   * Called once the broker acknowledged every message up to `position` (the checkpoint). The next send goes out
   * while it runs; the next call waits for it to settle.
   */
  acknowledged: (position: Position) => Promise<void>;
  /** Most entries (events) per send. */
  batchSize: number;
  /** Most bytes of keys, values and headers per send (to stay under the broker's message.max.bytes). */
  batchBytes: number;
  /** Called once, with the first failed send or acknowledgement; nothing is sent afterwards. */
  failed: (error: Error) => void;
}

const recordBytes = ({ key, value, headers }: OutboundMessage): number => {
  let bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const name in headers) bytes += Buffer.byteLength(name) + Buffer.byteLength(headers[name]);
  return bytes;
};

/**
 * Sends relayed entries in log order with one send in flight (kafkajs' idempotent producer loses messages
 * when sends overlap): what is pushed meanwhile waits, and the next send takes it together, up to the batch
 * bounds. During catch-up only full batches are sent; once live, whatever waits. `acknowledged` (the
 * checkpoint) follows each acknowledged send, so it never passes an unacknowledged entry; it is stored while
 * the next send is out (its commit then adds nothing to the time between sends), and the next checkpoint waits
 * for it. After a failure the waiting entries are dropped, to be read again from the checkpoint.
 */
export class SendPipeline {
  private readonly waiting: { entry: RelayEntry; bytes: number }[] = [];
  private waitingBytes = 0;
  private live = false;
  private sending: Promise<void> | null = null;
  private closed = false;
  private failure: Error | null = null;
  private readonly roomWaiters: (() => void)[] = [];

  constructor(private readonly options: SendPipelineOptions) {}

  /** The failure that stopped the pipeline, if any. */
  get error(): Error | null {
    return this.failure;
  }

  /** Queues an entry (in log order); starts a send if none is in flight and a batch is ready. */
  push(entry: RelayEntry): void {
    if (this.closed || this.failure) return;
    const bytes = entry.message ? recordBytes(entry.message) : 0;
    this.waiting.push({ entry, bytes });
    this.waitingBytes += bytes;
    this.startSending();
  }

  /** From now on sends do not wait for a full batch (the reader caught up with the log). */
  goLive(): void {
    this.live = true;
    this.startSending();
  }

  /** Resolves once less than a full batch waits (or the pipeline stopped): the reader's back-pressure. */
  room(): Promise<void> {
    if (!this.full() || this.closed || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Starts no further send; resolves once the send in flight, and its acknowledgement, settled. */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeReader();
    await this.sending;
  }

  private full(): boolean {
    return this.waiting.length >= this.options.batchSize || this.waitingBytes >= this.options.batchBytes;
  }

  private ready(): boolean {
    return !this.closed && !this.failure && this.waiting.length > 0 && (this.live || this.full());
  }

  private startSending(): void {
    if (!this.sending && this.ready()) this.sending = this.drain();
  }

  private async drain(): Promise<void> {
    /** The acknowledgement of the previous send, still being stored while the next one is out. */
    let storing: Promise<void> | null = null;
    try {
      for (;;) {
        if (!this.ready()) {
          if (!storing) break;
          // Nothing to send yet: what is pushed while the checkpoint is stored goes out after it.
          await storing;
          storing = null;
          continue;
        }
        const { messages, position } = this.take();
        this.wakeReader();
        if (messages.length > 0) await this.options.publisher.publish(messages);
        if (storing) await storing;
        storing = this.options.acknowledged(position);
        // Heard by the await above or below; a send failing meanwhile must not leave its rejection unhandled.
        storing.catch(() => undefined);
      }
    } catch (error) {
      await storing?.catch(() => undefined);
      this.failure = error as Error;
      this.waiting.length = 0;
      this.wakeReader();
      this.options.failed(this.failure);
    } finally {
      this.sending = null;
    }
  }

  /** The next batch from the front of the queue, and the log position it reaches. */
  private take(): { messages: OutboundMessage[]; position: Position } {
    const messages: OutboundMessage[] = [];
    let bytes = 0;
    let taken = 0;
    for (const { entry, bytes: size } of this.waiting) {
      if (taken === this.options.batchSize || (bytes + size > this.options.batchBytes && bytes > 0)) break;
      if (entry.message) messages.push(entry.message);
      bytes += size;
      taken += 1;
    }
    const position = this.waiting[taken - 1].entry.position;
    this.waiting.splice(0, taken);
    this.waitingBytes -= bytes;
    return { messages, position };
  }

  private wakeReader(): void {
    if (this.full() && !this.closed && !this.failure) return;
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }
}
