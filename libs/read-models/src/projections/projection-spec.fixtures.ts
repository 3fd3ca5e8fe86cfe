/**
 * Given/when/then for projections (test helper, imported by *.spec.ts only):
 *
 *   const log = eventLog();
 *   given(registryProjection, [log.append('certificate-N', issued())]).then('N', { status: 'VALID' });
 *
 * Events are applied the way the runner applies them: only handled types, one document per event. Inputs are
 * deep-frozen, so an evolve that mutates its document or event fails, and every history is folded twice to show
 * that evolve is deterministic.
 */
import type { DomainEvent } from '@app/domain';
import type { EventActor, RecordedEvent } from '@app/event-store';
import type { Projection, ReadDocument } from '../projection';

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** Builds RecordedEvents with stream revisions and global positions in append order. */
export const eventLog = () => {
  let global = 0n;
  const revisions = new Map<string, number>();
  return {
    append: (
      streamId: string,
      event: DomainEvent,
      options: { id?: string; actor?: EventActor; occurredAt?: string } = {},
    ): RecordedEvent => {
      global += 1n;
      const streamRevision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, streamRevision);
      const occurredAt = options.occurredAt ?? '2026-01-10T02:00:00.000Z';
      return {
        id: options.id ?? `event-${global}`,
        type: event.type,
        schemaVersion: 1,
        data: structuredClone(event.data) as Record<string, unknown>,
        metadata: {
          actor: options.actor ?? { id: 'user-actor', role: 'REGISTRY_OFFICER' },
          occurredAt,
          correlationId: `correlation-${global}`,
          causationId: null,
          schemeVersion: 'CMM-525-0002@V1.0',
          prevHash: '0'.repeat(64),
          hash: global.toString(16).padStart(64, '0'),
        },
        streamId,
        streamRevision,
        globalPosition: { commit: global, prepare: global },
        recordedAt: occurredAt,
      };
    },
  };
};

const fold = <D extends ReadDocument>(projection: Projection<D>, events: RecordedEvent[]): Map<string, D> => {
  const documents = new Map<string, D>();
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    const id = projection.documentId(deepFreeze(event));
    if (id === null) continue;
    const next = projection.evolve(deepFreeze(documents.get(id) ?? null), event);
    if (next === null) documents.delete(id);
    else documents.set(id, next);
  }
  return documents;
};

export const given = <D extends ReadDocument>(projection: Projection<D>, events: RecordedEvent[]) => {
  const documents = fold(projection, events);
  expect(fold(projection, events)).toEqual(documents);
  return {
    documents,
    /** The document, failing the test when it does not exist. */
    document: (id: string): D => {
      const document = documents.get(id);
      if (!document)
        throw new Error(`no document ${id} in ${projection.name}: ${[...documents.keys()].join(', ')}`);
      return document;
    },
    /** Asserts the document matches `expected` (a subset); returns it for further checks. */
    then: (id: string, expected: Partial<D> | Record<string, unknown>): D => {
      expect(documents.get(id)).toMatchObject(expected);
      return documents.get(id) as D;
    },
    thenNone: (id: string): void => expect(documents.has(id)).toBe(false),
  };
};
