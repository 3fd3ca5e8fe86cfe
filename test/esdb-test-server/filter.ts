/** Server-side `$all` filters (`ReadReq.Options.FilterOptions`) as EventStoreDB evaluates them. */
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './log';

export type EventFilter = (event: StoredEvent) => boolean;

/** ESDB's default `max_search_window` when the client sends `count` instead of `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

export interface ParsedFilter {
  matches: EventFilter;
  /** Events scanned (matching or not) between two checkpoints; null when no filter was sent. */
  checkpointInterval: number | null;
}

const expressionMatcher = (
  expression: ReadReq.Options.FilterOptions.Expression,
): ((value: string) => boolean) => {
  const prefixes = expression.getPrefixList();
  // Like the server: prefixes win when both are given; an empty expression matches everything.
  if (prefixes.length > 0) return (value) => prefixes.some((prefix) => value.startsWith(prefix));
  const regex = expression.getRegex();
  if (regex) {
    const compiled = new RegExp(regex);
    return (value) => compiled.test(value);
  }
  return () => true;
};

export const parseFilter = (options: ReadReq.Options): ParsedFilter => {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return { matches: () => true, checkpointInterval: null };
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const checkpointInterval = Math.max(1, filter.getCheckpointintervalmultiplier()) * window;
  if (filter.hasStreamIdentifier()) {
    const match = expressionMatcher(filter.getStreamIdentifier()!);
    return { matches: (event) => match(event.streamId), checkpointInterval };
  }
  if (filter.hasEventType()) {
    const match = expressionMatcher(filter.getEventType()!);
    return { matches: (event) => match(event.type), checkpointInterval };
  }
  return { matches: () => true, checkpointInterval };
};
