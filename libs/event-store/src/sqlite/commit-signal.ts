import { BroadcastChannel } from 'node:worker_threads';
import { realpathSync } from 'node:fs';

/** Commits within this long of a first one are announced by one signal: the readers' added delay at most. */
const SIGNAL_WINDOW_MS = 5;

/**
 * "Events were committed to this file", between the connections of one process — its threads included (an API
 * process runs its projector, relay and timers in a worker thread with connections of their own). Subscriptions on
 * the other connections re-read at once instead of at their next poll. A connection does not hear its own signal
 * (its subscriptions are told directly). In-memory databases are private to their connection: no signal.
 *
 * A message between threads costs the sending thread far more than a grouped commit's other work: the commits of
 * a few milliseconds share one signal, sent after the last of them.
 */
export class CommitSignal {
  private pending: NodeJS.Timeout | null = null;

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
    const channel = this.channel;
    if (!channel || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      channel.postMessage(null);
    }, SIGNAL_WINDOW_MS);
    this.pending.unref();
  }

  /** Calls `listener` whenever another connection of this process committed events. */
  listen(listener: () => void): void {
    if (this.channel) this.channel.onmessage = listener;
  }

  /** Sends a signal still pending, then leaves the channel. */
  close(): void {
    if (this.pending) {
      clearTimeout(this.pending);
      this.channel?.postMessage(null);
    }
    this.channel?.close();
  }
}
