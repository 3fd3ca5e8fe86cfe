/** Stream metadata (`$$<stream>`): only what changes what a read returns — `$maxCount` and `$tb`. */
import type { EventLog, StoredEvent } from './log';

const metastreamOf = (streamId: string): string => `$$${streamId}`;

interface Truncation {
  maxCount?: number;
  truncateBefore?: number;
}

const truncation = (log: EventLog, streamId: string): Truncation => {
  const meta = log.stream(metastreamOf(streamId));
  const last = meta?.[meta.length - 1];
  if (!last || last.contentType !== 'application/json') return {};
  try {
    const parsed = JSON.parse(Buffer.from(last.data).toString('utf8')) as Record<string, unknown>;
    const int = (value: unknown): number | undefined =>
      typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
    return { maxCount: int(parsed.$maxCount), truncateBefore: int(parsed.$tb) };
  } catch {
    return {};
  }
};

/**
 * The events a stream read may see. As on a real node, truncation applies to reads of the stream only; `$all`
 * keeps the events until a scavenge (which this server never runs).
 */
export const visibleEvents = (log: EventLog, streamId: string): readonly StoredEvent[] | undefined => {
  const events = log.stream(streamId);
  if (!events) return undefined;
  const { maxCount, truncateBefore } = truncation(log, streamId);
  let from = 0;
  if (maxCount !== undefined) from = Math.max(from, events.length - maxCount);
  if (truncateBefore !== undefined) from = Math.max(from, truncateBefore);
  return from > 0 ? events.slice(from) : events;
};
