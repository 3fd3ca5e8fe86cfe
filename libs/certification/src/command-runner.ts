import { Inject, Injectable } from '@nestjs/common';
import type { Command, Decider, DomainEvent, SchemeCatalogue } from '@app/domain';
import {
  EVENT_STORE,
  handleCommand,
  loadAggregate,
  StreamNotFoundError,
  type EventStore,
  serializePosition,
  type HandleCommandResult,
  type Position,
} from '@app/event-store';
import { CLOCK, type Clock } from './clock';
import type { AggregateView, CommandMetadata, CommandResult } from './command-metadata';
import { SCHEME_CATALOGUE } from '@app/config';

export interface RunOptions {
  /** Creation commands run against a stream that does not exist yet; every other command needs its stream. */
  creates?: boolean;
  /** Distinguishes the several appends one request makes, so each gets its own idempotent event ids. */
  step?: string;
  causationId?: string;
}

/**
 * Runs a domain command through the core (read → fold → decide → append) with the request's metadata:
 * the actor, the clock's time and the scheme catalogue go into the command context; If-Match,
 * Idempotency-Key and the correlation id into the append.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(SCHEME_CATALOGUE) readonly schemes: SchemeCatalogue,
  ) {}

  async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    meta: CommandMetadata,
    options: RunOptions = {},
  ): Promise<HandleCommandResult<S>> {
    const context = { actor: meta.actor, now: this.clock.now().toISOString(), schemes: this.schemes };
    return handleCommand(this.store, decider, streamId, { ...command, context } as C, {
      // If-Match applies to the request's own stream, not to the follow-up appends of the same request.
      expectedRevision: options.step ? undefined : meta.expectedRevision,
      idempotencyKey:
        meta.idempotencyKey &&
        (options.step ? `${meta.idempotencyKey}#${options.step}` : meta.idempotencyKey),
      correlationId: meta.correlationId,
      causationId: options.causationId,
      mustExist: !options.creates,
    });
  }

  /** The aggregate folded from its stream; 404 when there is none. */
  async view<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    id: string,
  ): Promise<AggregateView<S>> {
    const loaded = await loadAggregate(this.store, decider, streamId);
    if (loaded.revision === null) throw new StreamNotFoundError(streamId);
    return { id, revision: loaded.revision, state: loaded.state };
  }
}

/** The HTTP answer for a command: the aggregate id, its new revision and the events appended. */
export const toCommandResult = (
  id: string,
  result: HandleCommandResult<unknown>,
  created?: Record<string, string>,
  lastPosition: Position | null = result.position,
): CommandResult => ({
  id,
  streamId: result.streamId,
  revision: result.nextExpectedRevision,
  events: result.events.map((e) => ({ id: e.id, type: e.type })),
  ...(created ? { created } : {}),
  position: lastPosition && serializePosition(lastPosition),
});
