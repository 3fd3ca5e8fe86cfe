import type { OutboundMessage, StatusEventPublisher } from '../../kafka/status-event-publisher.port';

/**
 * Records acknowledged messages (and each acknowledged send); can be made to fail, to fail a send after the
 * broker took part of it, or to hold each send until released.
 */
export class FakePublisher implements StatusEventPublisher {
  readonly acknowledged: OutboundMessage[] = [];
  readonly batches: OutboundMessage[][] = [];
  /** Everything the broker took, acknowledged or not (a failed send may have written part of its batch). */
  readonly delivered: OutboundMessage[] = [];
  failuresLeft = 0;
  /** When set, the next send to start writes this many of its messages, then fails. */
  partialFailure: number | null = null;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  pendingSends = 0;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  ensureTopic(): Promise<void> {
    return Promise.resolve();
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('broker unreachable (fake)');
    }
    const partialFailure = this.partialFailure;
    this.partialFailure = null;
    this.pendingSends += 1;
    try {
      if (this.gate) await this.gate;
      if (partialFailure !== null) {
        this.delivered.push(...messages.slice(0, partialFailure));
        throw new Error('broker failed mid-batch (fake)');
      }
      this.delivered.push(...messages);
      this.acknowledged.push(...messages);
      this.batches.push([...messages]);
    } finally {
      this.pendingSends -= 1;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
