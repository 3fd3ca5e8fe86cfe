import { WrongExpectedVersionError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';

/**
 * The SQLite adapter's idempotency rule over the events of the stream: if every id is already in the
 * stream, consecutively, where this append would have put them (after `expected`, or anywhere for
 * 'any'/'stream_exists'), the append is a replay and the original result is returned. Any other use of a
 * stored id is a WrongExpectedVersion. Undefined when no id is stored (a normal append).
 */
export const idempotentReplay = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly RecordedEvent[],
): AppendResult | undefined => {
  const byId = new Map(stored.map((event) => [event.id, event]));
  const found = events.map((event) => byId.get(event.id));
  if (found.every((event) => event === undefined)) return undefined;
  const first = found[0];
  const startsWhereExpected =
    first !== undefined &&
    (typeof expected === 'number'
      ? first.streamRevision === expected + 1
      : expected === 'no_stream'
        ? first.streamRevision === 0
        : true);
  const consecutive =
    first !== undefined &&
    found.every(
      (event, index) => event !== undefined && event.streamRevision === first.streamRevision + index,
    );
  const last = found[found.length - 1];
  if (startsWhereExpected && consecutive && last) {
    return { nextExpectedRevision: last.streamRevision, position: last.globalPosition };
  }
  const head = stored[stored.length - 1];
  throw new WrongExpectedVersionError(streamId, expected, head ? head.streamRevision : 'no_stream');
};
