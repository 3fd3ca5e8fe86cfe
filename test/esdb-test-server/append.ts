/** `Streams.Append`: optimistic concurrency and idempotency with EventStoreDB's rules. */
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { status, type ServerReadableStream, type sendUnaryData } from '@grpc/grpc-js';
import { nowTicks, parseUuid, streamName } from './encoding';
import type { EventLog, StoredEvent } from './log';

type Expected = { kind: 'any' | 'no_stream' | 'stream_exists' } | { kind: 'revision'; revision: bigint };
type Proposed = Omit<StoredEvent, 'streamId' | 'revision' | 'position'>;

const Case = AppendReq.Options.ExpectedStreamRevisionCase;

const parseExpected = (options: AppendReq.Options): Expected => {
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
};

const parseProposed = (message: AppendReq.ProposedMessage): Proposed => {
  const metadata = message.getMetadataMap();
  const id = parseUuid(message.getId());
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!id || !type || !contentType) throw new Error('proposed message needs id, type and content-type');
  return {
    id,
    type,
    contentType,
    created: nowTicks(),
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

const success = (last: StoredEvent): AppendResp =>
  new AppendResp().setSuccess(
    new AppendResp.Success()
      .setCurrentRevision(last.revision.toString())
      .setPosition(
        new AppendResp.Position()
          .setCommitPosition(last.position.toString())
          .setPreparePosition(last.position.toString()),
      ),
  );

const wrongExpectedVersion = (current: bigint, expected: Expected): AppendResp => {
  const wev = new AppendResp.WrongExpectedVersion();
  // Both the current fields and the deprecated 20.6.0 ones, as a real node sends them.
  if (current < 0n) wev.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else wev.setCurrentRevision(current.toString()).setCurrentRevision2060(Number(current));
  switch (expected.kind) {
    case 'revision':
      wev
        .setExpectedRevision(expected.revision.toString())
        .setExpectedRevision2060(Number(expected.revision));
      break;
    case 'no_stream':
      wev.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      wev.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
      break;
    case 'any':
      wev.setExpectedAny(new Empty()).setAny2060(new Empty());
  }
  return new AppendResp().setWrongExpectedVersion(wev);
};

/** The events already stored at `from…` carry exactly these ids: a replay of an earlier append. */
const replayAt = (
  stream: readonly StoredEvent[],
  from: number,
  events: readonly Proposed[],
): StoredEvent | null => {
  if (from < 0 || from + events.length > stream.length) return null;
  return events.every((e, i) => stream[from + i].id === e.id) ? stream[from + events.length - 1] : null;
};

export const decide = (
  log: EventLog,
  name: string,
  expected: Expected,
  events: readonly Proposed[],
): AppendResp => {
  const stream = log.stream(name) ?? [];
  const current = log.lastRevision(name);
  const write = (): AppendResp => {
    if (events.length === 0) {
      const empty = new AppendResp.Success().setNoPosition(new Empty());
      if (current < 0n) empty.setNoStream(new Empty());
      else empty.setCurrentRevision(current.toString());
      return new AppendResp().setSuccess(empty);
    }
    const written = log.write(name, events);
    return success(written[written.length - 1]);
  };
  if (expected.kind === 'revision' || expected.kind === 'no_stream') {
    const after = expected.kind === 'revision' ? expected.revision : -1n;
    if (current === after) return write();
    const replayed =
      events.length > 0 && current > after ? replayAt(stream, Number(after + 1n), events) : null;
    return replayed ? success(replayed) : wrongExpectedVersion(current, expected);
  }
  if (expected.kind === 'stream_exists' && current < 0n) return wrongExpectedVersion(current, expected);
  // any / stream_exists: a batch whose first id is already in the stream is a replay if all ids follow in order.
  const first = events.length > 0 ? stream.findIndex((e) => e.id === events[0].id) : -1;
  if (first < 0) return write();
  const replayed = replayAt(stream, first, events);
  return replayed ? success(replayed) : wrongExpectedVersion(current, expected);
};

/** Client streaming: one options message, then the proposed messages; answered once the client ends. */
export const handleAppend =
  (log: EventLog) =>
  (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: Proposed[] = [];
    let failure: string | null = null;
    call.on('data', (request: AppendReq) => {
      try {
        if (request.hasOptions()) options = request.getOptions();
        else if (request.hasProposedMessage()) events.push(parseProposed(request.getProposedMessage()!));
      } catch (error) {
        failure = (error as Error).message;
      }
    });
    call.on('end', () => {
      if (failure || !options) {
        callback({ code: status.INVALID_ARGUMENT, details: failure ?? 'append without options' });
        return;
      }
      try {
        callback(
          null,
          decide(log, streamName(options.getStreamIdentifier()), parseExpected(options), events),
        );
      } catch (error) {
        callback({ code: status.INVALID_ARGUMENT, details: (error as Error).message });
      }
    });
    // A client that cancels mid-append leaves nothing to answer; the batch was never decided, so nothing is written.
    call.on('error', () => undefined);
  };
