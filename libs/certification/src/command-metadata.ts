import type { Actor } from '@app/domain';

/** What the HTTP layer (or the demo, or a timer) passes along with every command. */
export interface CommandMetadata {
  /** The authenticated user, acting in the role the route allowed (R-ACT-1). */
  actor: Actor;
  /** From `If-Match`: the stream revision the client saw. A mismatch fails with 412, never retried. */
  expectedRevision?: number;
  /** From `Idempotency-Key`: the same key (per user) yields the same response and no new events. */
  idempotencyKey?: string;
  correlationId: string;
}

/** The answer to every command: the aggregate it acted on and its revision (the new ETag). */
export interface CommandResult {
  /** Application or audit id, or certificate number. */
  id: string;
  streamId: string;
  revision: number;
  /** The events appended (or, for a replayed Idempotency-Key, those of the original request). */
  events: { id: string; type: string }[];
  /** Ids created by the command: a nonconformity or observation id, the certificate issued by a GRANT … */
  created?: Record<string, string>;
  /**
   * Log position of the last event the request wrote (`commit/prepare`), null when it wrote nothing. A query may
   * ask to wait until the read models reached it (read-your-writes).
   */
  position: string | null;
}

/** An aggregate as of its latest event, for GET by id until read models serve these. */
export interface AggregateView<S> {
  id: string;
  revision: number;
  state: S;
}
