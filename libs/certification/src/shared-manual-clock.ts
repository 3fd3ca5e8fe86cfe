import { BroadcastChannel } from 'node:worker_threads';
import { ManualClock } from './clock';

const CHANNEL = 'certification-manual-clock';

/**
 * The manual clock of CLOCK=manual: one time for every thread of the process. An API process runs its timers and
 * projector in a worker thread; each thread has its clock, and a move of any of them moves the others.
 */
export class SharedManualClock extends ManualClock {
  private readonly channel = new BroadcastChannel(CHANNEL);

  constructor(start: Date | string) {
    super(start);
    this.channel.unref();
    this.channel.onmessage = (message) => super.set((message as { data: string }).data);
  }

  override set(instant: Date | string): void {
    super.set(instant);
    this.channel.postMessage(this.now().toISOString());
  }

  override advanceDays(days: number): void {
    super.advanceDays(days);
    this.channel.postMessage(this.now().toISOString());
  }

  close(): void {
    this.channel.close();
  }
}
