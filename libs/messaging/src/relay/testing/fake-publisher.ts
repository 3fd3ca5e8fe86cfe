import type { OutboundMessage, StatusEventPublisher } from '../../kafka/status-event-publisher.port';

/** Records acknowledged messages; can be made to fail, or to hold each send until released. */
export class FakePublisher implements StatusEventPublisher {
  readonly acknowledged: OutboundMessage[] = [];
  failuresLeft = 0;
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
    this.pendingSends += 1;
    try {
      if (this.gate) await this.gate;
      this.acknowledged.push(...messages);
    } finally {
      this.pendingSends -= 1;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
