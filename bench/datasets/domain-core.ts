import { randomUUID } from 'node:crypto';
import {
  fold,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
  type SchemeCatalogue,
} from '@app/domain';
import {
  newEventId,
  type EventToAppend,
  type ExpectedRevision,
  type SqliteEventStore,
} from '@app/event-store';
import { validateAppend } from '@app/event-store/append-validation';

/** One append as the command path would make it: a stream, its events and the revision the command read. */
export interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

interface StreamSlot {
  state: unknown;
  /** Last revision, null while the stream does not exist. */
  revision: number | null;
}

export interface RunOptions {
  correlationId?: string;
  causationId?: string | null;
}

/**
 * The command path without I/O, for generating benchmark data fast: the real deciders decide each command against
 * the state folded from the events decided before (kept in memory instead of read back), and the events get the
 * envelope `handleCommand` gives them (actor, occurredAt = context.now, correlation, causation, scheme version).
 * The appends are collected and written in batches by `writeBatch`, through the SQLite adapter's own check +
 * insert (hash chain, expected revision), one transaction per batch.
 */
export class DomainCore {
  private readonly streams = new Map<string, StreamSlot>();
  private pending: PendingAppend[] = [];
  private pendingEvents = 0;

  constructor(readonly schemes: SchemeCatalogue) {}

  /** Decides `command` on `streamId` at `now` as `actor`; returns the events appended (with their ids). */
  run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    actor: Actor,
    now: string,
    options: RunOptions = {},
  ): { events: EventToAppend[]; state: S } {
    const slot = this.streams.get(streamId) ?? { state: decider.initialState, revision: null };
    const state = slot.state as S;
    const decided = decider.decide(
      { ...command, context: { actor, now, schemes: this.schemes } } as C,
      state,
    );
    const next = fold(decider.evolve, state, decided);
    const correlationId = options.correlationId ?? randomUUID();
    const events = decided.map((event): EventToAppend => ({
      id: newEventId(),
      type: event.type,
      data: event.data,
      metadata: {
        actor: { id: actor.id, role: actor.role },
        occurredAt: now,
        correlationId,
        causationId: options.causationId ?? null,
        schemeVersion: schemeVersionOf(event),
      },
    }));
    if (events.length > 0) this.add(streamId, events, slot.revision);
    this.streams.set(streamId, {
      state: next,
      revision:
        slot.revision === null
          ? events.length > 0
            ? events.length - 1
            : null
          : slot.revision + events.length,
    });
    return { events, state: next };
  }

  /** A raw append (helper streams such as certificate numbers), with the expected revision tracked here. */
  append(streamId: string, events: EventToAppend[]): void {
    const slot = this.streams.get(streamId) ?? { state: null, revision: null };
    this.add(streamId, events, slot.revision);
    this.streams.set(streamId, {
      state: slot.state,
      revision: (slot.revision ?? -1) + events.length,
    });
  }

  stateOf<S>(streamId: string): S | undefined {
    return this.streams.get(streamId)?.state as S | undefined;
  }

  /** Frees the in-memory state of streams no later command touches. */
  forget(streamIds: readonly string[]): void {
    for (const id of streamIds) this.streams.delete(id);
  }

  get pendingEventCount(): number {
    return this.pendingEvents;
  }

  /** Writes every collected append in one IMMEDIATE transaction; returns the number of events written. */
  flush(store: SqliteEventStore): number {
    const batch = this.pending;
    const count = this.pendingEvents;
    this.pending = [];
    this.pendingEvents = 0;
    if (batch.length > 0) writeBatch(store, batch);
    return count;
  }

  private add(streamId: string, events: EventToAppend[], revision: number | null): void {
    validateAppend(streamId, events, revision === null ? 'no_stream' : revision);
    this.pending.push({ streamId, events, expected: revision === null ? 'no_stream' : revision });
    this.pendingEvents += events.length;
  }
}

/** Several appends in one write transaction, each through the adapter's expected-revision check and hash chain. */
export const writeBatch = (store: SqliteEventStore, appends: readonly PendingAppend[]): void => {
  store.database
    .transaction(() => {
      for (const append of appends)
        store.appendWithinTransaction(append.streamId, append.events, append.expected);
    })
    .immediate();
};

/** As `handleCommand`: the scheme version an event names in its data, else none. */
const schemeVersionOf = (event: DomainEvent): string | null => {
  const fromData = (event.data as { schemeVersion?: unknown }).schemeVersion;
  return typeof fromData === 'string' ? fromData : null;
};
