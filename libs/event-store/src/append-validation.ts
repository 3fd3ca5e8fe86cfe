import { validate as isUuid } from 'uuid';
import type { EventToAppend, ExpectedRevision } from './event-store.port';

/** The argument checks of every adapter's append, so all reject the same calls before any I/O. */
export const validateAppend = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): void => {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new TypeError('streamId must be a non-empty string');
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`expected revision must be a revision >= 0, 'any', 'no_stream' or 'stream_exists'`);
  }
  if (events.length === 0) throw new RangeError('append needs at least one event');
  const ids = new Set<string>();
  for (const event of events) {
    if (!isUuid(event.id)) throw new TypeError(`event id must be a UUID: ${JSON.stringify(event.id)}`);
    if (ids.has(event.id)) throw new TypeError(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new TypeError('event type is required');
    if (
      event.schemaVersion !== undefined &&
      !(Number.isSafeInteger(event.schemaVersion) && event.schemaVersion >= 1)
    ) {
      throw new TypeError(`schemaVersion must be an integer >= 1 (${event.type})`);
    }
    if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
      throw new TypeError(`event data must be a JSON object (${event.type})`);
    }
  }
};
