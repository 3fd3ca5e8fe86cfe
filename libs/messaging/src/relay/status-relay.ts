import {
  comparePositions,
  isCaughtUp,
  serializePosition,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@app/event-store';
import type { CheckpointStore } from '@app/event-store/checkpoints';
import type { OutboundMessage, StatusEventPublisher } from '../kafka/status-event-publisher.port';
import { backoffDelay, Sleeper, type BackoffOptions } from './backoff';
import { CertificateFactsTracker, type CertificateFacts } from './certificate-facts';
import type { RelayState, RelayStatus, RelayStatusSource } from './relay-status';
import { SendPipeline } from './send-pipeline';

export const RELAY_CHECKPOINT = 'kafka-status-relay';
export const RELAY_STREAM_PREFIX = 'certificate-';
/** `status().lag` counts pending events up to this many (a scrape must stay cheap). */
export const LAG_COUNT_CAP = 10_000;

/** Maps a certificate event to its Kafka record; null for events that are not published. */
export type StatusMessageMapper = (event: RecordedEvent, facts: CertificateFacts) => OutboundMessage | null;

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface StatusRelayOptions {
  eventStore: EventStore;
  checkpoints: CheckpointStore;
  publisher: StatusEventPublisher;
  map: StatusMessageMapper;
  logger: RelayLogger;
  /** Most events per send. Default 1000. */
  batchSize?: number;
  /** Most bytes of records (keys, values, headers) per send. Default 512 KiB: half of message.max.bytes. */
  batchBytes?: number;
  backoff?: BackoffOptions;
  checkpointName?: string;
}

/**
 * Relays certificate events from the log (the outbox) to Kafka: a catch-up subscription from the stored
 * checkpoint, sends in batches in log order with one send in flight (what the log delivers meanwhile goes in
 * the next), and stores the checkpoint only after the broker acknowledged the batch. Any failure (broker down,
 * store error, lost checkpoint race) closes the subscription and retries from the stored checkpoint with
 * backoff: events may be sent again (same ce_id), never skipped. Never throws out.
 */
export class StatusRelay implements RelayStatusSource {
  private readonly batchSize: number;
  private readonly batchBytes: number;
  private readonly backoff: BackoffOptions;
  private readonly checkpointName: string;
  private readonly sleeper = new Sleeper();
  private state: RelayState = 'stopped';
  private checkpoint: Position | null = null;
  private revision: number | null = null;
  private lastError: string | null = null;
  private retries = 0;
  private stopping = false;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: StatusRelayOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.batchBytes = options.batchBytes ?? 512 * 1024;
    this.backoff = options.backoff ?? { initialMs: 500, maxMs: 30000 };
    this.checkpointName = options.checkpointName ?? RELAY_CHECKPOINT;
  }

  /** Starts relaying in the background and returns at once. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.state = 'starting';
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.subscription?.close().catch(() => undefined);
    await this.loop;
    this.loop = null;
    this.state = 'stopped';
    await this.options.publisher.close();
  }

  async status(): Promise<RelayStatus> {
    let lag = 0;
    try {
      // Counted, not head − checkpoint: the log also holds other streams and the checkpoint's own writes.
      const pending = await this.options.eventStore.readAll({
        fromPosition: this.checkpoint ?? undefined,
        maxCount: LAG_COUNT_CAP,
        filter: { streamPrefixes: [RELAY_STREAM_PREFIX] },
      });
      lag = pending.length;
    } catch {
      lag = 0;
    }
    return {
      state: this.state,
      checkpoint: this.checkpoint && serializePosition(this.checkpoint),
      lag,
      lastError: this.lastError,
      retries: this.retries,
    };
  }

  private async run(): Promise<void> {
    let topicReady = false;
    while (!this.stopping) {
      try {
        if (!topicReady) {
          await this.options.publisher.ensureTopic();
          topicReady = true;
        }
        await this.relayFromCheckpoint();
      } catch (error) {
        if (this.stopping) break;
        this.retries += 1;
        this.lastError = (error as Error).message;
        this.state = 'retrying';
        const delay = backoffDelay(this.retries, this.backoff);
        this.options.logger.warn(
          `Kafka status relay: ${this.lastError}; retry ${this.retries} in ${delay} ms`,
        );
        await this.sleeper.sleep(delay);
      }
    }
  }

  /** One subscription from the stored checkpoint; returns only when stopping, throws on any failure. */
  private async relayFromCheckpoint(): Promise<void> {
    const stored = await this.options.checkpoints.load(this.checkpointName);
    this.checkpoint = stored?.position ?? null;
    this.revision = stored?.revision ?? null;
    if (this.state !== 'retrying') this.state = 'catching-up';
    const facts = new CertificateFactsTracker(this.options.eventStore);
    const subscription = this.options.eventStore.subscribeToAll({
      fromPosition: this.checkpoint ?? undefined,
      filter: { streamPrefixes: [RELAY_STREAM_PREFIX] },
    });
    this.subscription = subscription;
    /** Where the log was when catch-up ended: the relay is live once the broker acknowledged up to there. */
    let caughtUpAt: Position | null = null;
    let caughtUp = false;
    const pipeline = new SendPipeline({
      publisher: this.options.publisher,
      batchSize: this.batchSize,
      batchBytes: this.batchBytes,
      acknowledged: async (position) => {
        await this.acknowledged(position);
        if (caughtUpAt && comparePositions(position, caughtUpAt) >= 0) this.state = 'live';
      },
      failed: () => void subscription.close().catch(() => undefined),
    });
    try {
      for await (const message of subscription) {
        if (this.stopping || pipeline.error) break;
        if (isCaughtUp(message)) {
          // The first one ends catch-up. Later ones only say the log moved past events the relay skips: a checkpoint
          // saved for them would itself be such an event (it is stored in the log), and so on without end.
          if (caughtUp) continue;
          caughtUp = true;
          if (!message.position) this.state = 'live';
          else {
            caughtUpAt = message.position;
            pipeline.push({ message: null, position: message.position });
          }
          pipeline.goLive();
          continue;
        }
        pipeline.push({
          message: this.options.map(message, await facts.apply(message)),
          position: message.globalPosition,
        });
        await pipeline.room();
      }
    } finally {
      this.subscription = null;
      await subscription.close().catch(() => undefined);
      await pipeline.close();
    }
    if (pipeline.error) throw pipeline.error;
    if (!this.stopping) throw new Error('event-store subscription ended');
  }

  /** After the broker acknowledged every event up to `position`: stores the checkpoint there if it is further. */
  private async acknowledged(position: Position): Promise<void> {
    if (!this.checkpoint || comparePositions(position, this.checkpoint) > 0) {
      this.revision = await this.options.checkpoints.save(this.checkpointName, position, this.revision);
      this.checkpoint = position;
    }
    if (this.state === 'retrying') this.state = 'catching-up';
    this.retries = 0;
    this.lastError = null;
  }
}
