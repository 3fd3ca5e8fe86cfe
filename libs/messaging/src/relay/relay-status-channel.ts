import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import type { RelayStatus, RelayStatusSource } from './relay-status';

const CHANNEL = 'certification-relay-status';

type Message = { kind: 'request'; id: string } | { kind: 'reply'; id: string; status: RelayStatus };

/**
 * The relay's status between the threads of one process: an API that runs its background work in a worker thread
 * asks the thread running the relay (for `/health/ready` and `/metrics`), which answers here.
 */
export const answerRelayStatus = (source: RelayStatusSource): { close: () => void } => {
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const message = (event as { data: Message }).data;
    if (message.kind !== 'request') return;
    void source.status().then((status) => channel.postMessage({ kind: 'reply', id: message.id, status }));
  };
  return { close: () => channel.close() };
};

/** The status of the relay another thread of this process runs; `stopped` when no thread answers in time. */
export class RelayStatusFromThread implements RelayStatusSource {
  constructor(private readonly timeoutMs = 2_000) {}

  status(): Promise<RelayStatus> {
    const channel = new BroadcastChannel(CHANNEL);
    const id = randomUUID();
    return new Promise<RelayStatus>((resolve) => {
      const timer = setTimeout(
        () =>
          resolve({
            state: 'stopped',
            checkpoint: null,
            lag: 0,
            lastError: 'the background thread running the relay did not answer',
            retries: 0,
          }),
        this.timeoutMs,
      );
      channel.onmessage = (event) => {
        const message = (event as { data: Message }).data;
        if (message.kind !== 'reply' || message.id !== id) return;
        clearTimeout(timer);
        resolve(message.status);
      };
      channel.postMessage({ kind: 'request', id } satisfies Message);
    }).finally(() => channel.close());
  }
}
