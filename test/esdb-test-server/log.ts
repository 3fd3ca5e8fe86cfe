/**
 * The in-memory transaction log of the test server: one ordered list of every event ("$all") plus an index
 * per stream. All mutations are synchronous, so a subscription that reads the log and registers its
 * listener in the same tick can neither miss nor repeat an event.
 */

/** An event as the server stores it: what the client proposed plus what the server assigned. */
export interface StoredEvent {
  streamId: string;
  id: string;
  revision: bigint;
  /** commit = prepare: a single node writes each event in its own implicit transaction here. */
  position: bigint;
  type: string;
  contentType: string;
  /** .NET ticks (100 ns) since the Unix epoch: the unit the client divides by 10 000 to get a Date. */
  created: bigint;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export type Listener = (event: StoredEvent) => void;

/**
 * Positions mimic ESDB's byte offsets: they grow by a record-sized step, never by 1, so a client that does
 * arithmetic on positions instead of treating them as opaque fails here as it would against a real node.
 */
const FIRST_POSITION = 1_024n;
const RECORD_OVERHEAD = 128n;

export class EventLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<Listener>();
  private nextPosition = FIRST_POSITION;

  /** Every event, in log order (a live view: callers must not mutate it). */
  allEvents(): readonly StoredEvent[] {
    return this.all;
  }

  /** The stream's events in revision order, or undefined if it was never written. */
  stream(streamId: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamId);
  }

  /** Last revision of the stream, -1n if it does not exist. */
  lastRevision(streamId: string): bigint {
    const events = this.streams.get(streamId);
    return events ? BigInt(events.length - 1) : -1n;
  }

  /** Appends atomically (no check: the caller has decided) and notifies live subscribers in order. */
  write(
    streamId: string,
    proposed: readonly Omit<StoredEvent, 'streamId' | 'revision' | 'position'>[],
  ): StoredEvent[] {
    const events = this.streams.get(streamId) ?? [];
    const written = proposed.map((p, i) => {
      const event: StoredEvent = {
        ...p,
        streamId,
        revision: BigInt(events.length + i),
        position: this.nextPosition,
      };
      this.nextPosition += RECORD_OVERHEAD + BigInt(p.data.length + p.customMetadata.length);
      return event;
    });
    if (written.length === 0) return written;
    this.streams.set(streamId, [...events, ...written]);
    this.all.push(...written);
    for (const event of written) for (const listener of [...this.listeners]) listener(event);
    return written;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
