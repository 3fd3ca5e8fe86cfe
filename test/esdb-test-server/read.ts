/** `Streams.Read`: stream and `$all` reads, and catch-up subscriptions (the `subscription` count option). */
import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { eventResponse, streamIdentifier, streamName } from './encoding';
import { parseFilter } from './filter';
import type { EventLog, StoredEvent } from './log';
import { visibleEvents } from './stream-metadata';

type Call = ServerWritableStream<ReadReq, ReadResp>;

const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;
const RevisionCase = ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllCase = ReadReq.Options.AllOptions.AllOptionCase;

/** The open subscription calls, so the test can cut them all (`dropSubscriptions`). */
export type SubscriptionRegistry = Set<(reason: string) => void>;

const take = <T>(items: readonly T[], count: bigint): readonly T[] =>
  count >= BigInt(items.length) ? items : items.slice(0, Number(count));

const selectStream = (events: readonly StoredEvent[], options: ReadReq.Options): readonly StoredEvent[] => {
  const stream = options.getStream()!;
  const backwards = options.getReadDirection() === BACKWARDS;
  const revision = BigInt(stream.getRevision() || '0');
  switch (stream.getRevisionOptionCase()) {
    case RevisionCase.END:
      return backwards ? [...events].reverse() : [];
    case RevisionCase.REVISION:
      return backwards
        ? events.filter((e) => e.revision <= revision).reverse()
        : events.filter((e) => e.revision >= revision);
    default: // start: backwards from the start is revision 0 alone
      return backwards ? events.filter((e) => e.revision === 0n) : events;
  }
};

/** `$all` from a position: inclusive forwards, exclusive backwards (the event that ends before it). */
const selectAll = (events: readonly StoredEvent[], options: ReadReq.Options): readonly StoredEvent[] => {
  const all = options.getAll()!;
  const backwards = options.getReadDirection() === BACKWARDS;
  switch (all.getAllOptionCase()) {
    case AllCase.END:
      return backwards ? [...events].reverse() : [];
    case AllCase.POSITION: {
      const position = BigInt(all.getPosition()!.getCommitPosition());
      return backwards
        ? events.filter((e) => e.position < position).reverse()
        : events.filter((e) => e.position >= position);
    }
    default:
      return backwards ? [] : events;
  }
};

const structuredUuids = (options: ReadReq.Options): boolean =>
  options.getUuidOption()?.hasStructured() === true;

const send = (call: Call, responses: readonly ReadResp[]): void => {
  for (const response of responses) call.write(response);
  call.end();
};

const read = (log: EventLog, call: Call, options: ReadReq.Options): void => {
  const structured = structuredUuids(options);
  const count = BigInt(options.getCount() || '0');
  if (options.hasStream()) {
    const name = streamName(options.getStream()!.getStreamIdentifier());
    const events = visibleEvents(log, name);
    if (!events) {
      const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
      return send(call, [new ReadResp().setStreamNotFound(notFound)]);
    }
    return send(
      call,
      take(selectStream(events, options), count).map((e) => eventResponse(e, structured)),
    );
  }
  const { matches } = parseFilter(options);
  const selected = selectAll(log.allEvents(), options).filter(matches);
  send(
    call,
    take(selected, count).map((e) => eventResponse(e, structured)),
  );
};

const checkpoint = (event: StoredEvent): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(event.position.toString())
      .setPreparePosition(event.position.toString()),
  );

/**
 * Catch-up subscription: confirmation, the stored events after the start point, `caught_up`, then live events.
 * Catch-up and listener registration happen in one synchronous step, so no append can fall in between.
 */
const subscribe = (
  log: EventLog,
  call: Call,
  options: ReadReq.Options,
  registry: SubscriptionRegistry,
): void => {
  const structured = structuredUuids(options);
  call.write(
    new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())),
  );
  let accepts: (event: StoredEvent) => boolean;
  let backlog: readonly StoredEvent[];
  let checkpointInterval: number | null = null;
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const name = streamName(stream.getStreamIdentifier());
    const events = visibleEvents(log, name) ?? [];
    accepts = (event) => event.streamId === name;
    switch (stream.getRevisionOptionCase()) {
      case RevisionCase.END:
        backlog = [];
        break;
      case RevisionCase.REVISION: {
        const after = BigInt(stream.getRevision());
        backlog = events.filter((e) => e.revision > after);
        break;
      }
      default:
        backlog = events;
    }
  } else {
    const all = options.getAll()!;
    const filter = parseFilter(options);
    accepts = filter.matches;
    checkpointInterval = filter.checkpointInterval;
    const events = log.allEvents();
    switch (all.getAllOptionCase()) {
      case AllCase.END:
        backlog = [];
        break;
      case AllCase.POSITION: {
        const after = BigInt(all.getPosition()!.getCommitPosition());
        backlog = events.filter((e) => e.position > after);
        break;
      }
      default:
        backlog = [...events];
    }
  }
  // Filtered `$all` subscriptions report progress through events the filter skipped, as ESDB does.
  let scanned = 0;
  const deliver = (event: StoredEvent): void => {
    if (call.cancelled || call.writableEnded) return;
    const matching = accepts(event);
    if (matching) call.write(eventResponse(event, structured));
    if (checkpointInterval !== null && ++scanned >= checkpointInterval) {
      scanned = 0;
      call.write(checkpoint(event));
    }
  };
  for (const event of backlog) deliver(event);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.subscribe(deliver);
  const drop = (reason: string): void => {
    unsubscribe();
    registry.delete(drop);
    if (!call.cancelled && !call.writableEnded)
      call.emit('error', { code: status.UNAVAILABLE, details: reason });
  };
  registry.add(drop);
  call.on('cancelled', () => {
    unsubscribe();
    registry.delete(drop);
  });
};

export const handleRead =
  (log: EventLog, registry: SubscriptionRegistry) =>
  (call: Call): void => {
    const options = call.request.getOptions();
    if (!options || (!options.hasStream() && !options.hasAll())) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'read without stream or $all options' });
      return;
    }
    try {
      if (options.hasSubscription()) subscribe(log, call, options, registry);
      else read(log, call, options);
    } catch (error) {
      // e.g. an invalid filter regex: a real node answers with an error status too.
      call.emit('error', { code: status.INVALID_ARGUMENT, details: (error as Error).message });
    }
  };
