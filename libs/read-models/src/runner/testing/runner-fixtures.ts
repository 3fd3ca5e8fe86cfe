import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, Position, RecordedEvent } from '@app/event-store';
import type { Projection, ReadDocument } from '../../projection';
import type { ReadStore } from '../../read-store.port';
import type { RunnerLogger } from '../logger';

/**
 * Test projections and log seeding for the runner's integration tests and the rebuild child process.
 * Not exported from the library.
 */
export interface CounterDoc extends ReadDocument {
  count: number;
  sum: number;
}

/** One document per stream: how many `Counted` events it saw and the sum of their amounts. */
export const counterProjection = (
  overrides: Partial<Projection<CounterDoc>> = {},
): Projection<CounterDoc> => ({
  name: 'counter',
  version: 1,
  handles: ['Counted', 'Removed'],
  documentId: (event) => event.streamId,
  evolve: (document, event) => {
    if (event.type === 'Removed') return null;
    const amount = Number(event.data.amount);
    return { id: event.streamId, count: (document?.count ?? 0) + 1, sum: (document?.sum ?? 0) + amount };
  },
  indexes: [{ fields: ['count'] }],
  ...overrides,
});

/** One document per `kind`, fed by many streams: exercises `_sources` with several source streams. */
export const kindProjection = (overrides: Partial<Projection<CounterDoc>> = {}): Projection<CounterDoc> => ({
  name: 'kinds',
  version: 1,
  handles: ['Counted'],
  documentId: (event) => String(event.data.kind),
  evolve: (document, event) => ({
    id: String(event.data.kind),
    count: (document?.count ?? 0) + 1,
    sum: (document?.sum ?? 0) + Number(event.data.amount),
  }),
  indexes: [],
  ...overrides,
});

export const counted = (amount: number, kind = `k${amount % 3}`, extra: object = {}): EventToAppend =>
  event('Counted', { amount, kind, ...extra });

export const event = (type: string, data: object): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: {
    actor: { id: 'runner-test', role: 'SYSTEM' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    schemeVersion: null,
  },
});

/**
 * `streams` streams × `perStream` Counted events, appended in interleaved chunks, plus noise the
 * projections must skip: an unhandled type in the same streams and events in a stream outside the prefixes.
 */
export const seedLog = async (
  store: EventStore,
  options: { streams: number; perStream: number; chunk?: number; prefix?: string },
): Promise<string[]> => {
  const prefix = options.prefix ?? 'application-';
  const chunk = options.chunk ?? 10;
  const streams = Array.from({ length: options.streams }, (_, index) => `${prefix}${index}-${randomUUID()}`);
  for (let start = 0; start < options.perStream; start += chunk) {
    for (const [index, streamId] of streams.entries()) {
      const count = Math.min(chunk, options.perStream - start);
      const events = Array.from({ length: count }, (_, offset) => counted(index * 1000 + start + offset));
      if (index % 5 === 0) events.push(event('Ignored', { note: 'not handled' }));
      await store.append(streamId, events, 'any');
    }
    await store.append(`other-${randomUUID()}`, [counted(1)], 'any');
  }
  return streams;
};

/** What the counter projection must hold, folded straight from the log. */
export const expectedCounters = async (store: EventStore): Promise<Map<string, CounterDoc>> => {
  const expected = new Map<string, CounterDoc>();
  const projection = counterProjection();
  for (const recorded of await store.readAll({
    filter: { streamPrefixes: ['application-', 'audit-', 'certificate-'] },
  })) {
    if (!projection.handles.includes(recorded.type)) continue;
    const current = expected.get(recorded.streamId) ?? null;
    const next = projection.evolve(current, recorded as RecordedEvent);
    if (next === null) expected.delete(recorded.streamId);
    else
      expected.set(recorded.streamId, {
        ...next,
        _sources: { [recorded.streamId]: recorded.streamRevision },
      });
  }
  return expected;
};

/** Every document of a projection's generation (active by default), in id order. */
export const allDocuments = async <D extends ReadDocument>(
  store: ReadStore,
  projection: string,
  generation?: string,
): Promise<D[]> => {
  const documents: D[] = [];
  for (let page = 1; ; page++) {
    const result = await store.find<D>(projection, { page, pageSize: 200 }, generation);
    documents.push(...result.items);
    if (documents.length >= result.total || result.items.length === 0) return documents;
  }
};

export const positionAfter = (position: Position | null, steps: number): Position => {
  const base = position?.commit ?? 0n;
  return { commit: base + BigInt(steps), prepare: base + BigInt(steps) };
};

/** A logger that keeps what it was told, to assert on error logs. */
export const recordingLogger = (): RunnerLogger & { errors: string[]; logs: string[] } => {
  const errors: string[] = [];
  const logs: string[] = [];
  return {
    errors,
    logs,
    log: (message) => logs.push(message),
    warn: (message) => logs.push(message),
    error: (message) => errors.push(message),
  };
};
