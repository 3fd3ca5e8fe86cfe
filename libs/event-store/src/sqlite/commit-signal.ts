import { BroadcastChannel } from 'node:worker_threads';
import { realpathSync } from 'node:fs';

/**
 * "Events were committed to this file", between the connections of one process — its threads included (an API
 * process runs its projector, relay and timers in a worker thread with connections of their own). Subscriptions on
 * the other connections re-read at once instead of at their next poll. A connection does not hear its own signal
 * (its subscriptions are told directly). In-memory databases are private to their connection: no signal.
 */
export class CommitSignal {
  private constructor(private readonly channel: BroadcastChannel | null) {}

  static forDatabase(path: string): CommitSignal {
    if (path === ':memory:' || path === '') return new CommitSignal(null);
    const channel = new BroadcastChannel(`sqlite-event-store:${realpathSync(path)}`);
    // A listening channel must not keep a process alive that has nothing else to do.
    channel.unref();
    return new CommitSignal(channel);
  }

  /** Tells the other connections of this process that events were committed. */
  post(): void {
    this.channel?.postMessage(null);
  }

  /** Calls `listener` whenever another connection of this process committed events. */
  listen(listener: () => void): void {
    if (this.channel) this.channel.onmessage = listener;
  }

  close(): void {
    this.channel?.close();
  }
}
