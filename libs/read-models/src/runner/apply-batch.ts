import type { Position, RecordedEvent } from '@app/event-store';
import type { Projection, ReadDocument } from '../projection';
import type { ReadStore } from '../read-store.port';

/** An event the projection's code could not handle (documentId or evolve threw, or returned nonsense). */
export class ProjectionEventError extends Error {
  override readonly name = 'ProjectionEventError';

  constructor(
    readonly event: RecordedEvent,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** The projection with its handled types as a set, built once per worker. */
export interface PreparedProjection {
  projection: Projection;
  handles: ReadonlySet<string>;
}

export const prepareProjection = (projection: Projection): PreparedProjection => ({
  projection,
  handles: new Set(projection.handles),
});

/**
 * Applies a batch of log events to one generation and commits the changed documents with `checkpoint`.
 * Touched documents are loaded once; each event is skipped when its stream revision is not newer than the
 * one recorded in the document's `_sources`, so re-delivered events change nothing.
 */
export const applyBatch = async (
  readStore: ReadStore,
  prepared: PreparedProjection,
  generation: string,
  events: readonly RecordedEvent[],
  checkpoint: Position,
): Promise<void> => {
  const { projection, handles } = prepared;
  const relevant: { event: RecordedEvent; id: string }[] = [];
  for (const event of events) {
    if (!handles.has(event.type)) continue;
    const id = guarded(event, () => projection.documentId(event));
    if (id !== null) relevant.push({ event, id });
  }

  const working = new Map<string, ReadDocument | null>();
  if (relevant.length > 0) {
    const ids = [...new Set(relevant.map((entry) => entry.id))];
    const loaded = await readStore.load(projection.name, generation, ids);
    for (const id of ids) working.set(id, loaded.get(id) ?? null);
  }
  const changed = new Set<string>();
  for (const { event, id } of relevant) {
    const current = working.get(id) ?? null;
    const applied = current?._sources?.[event.streamId];
    if (applied !== undefined && applied >= event.streamRevision) continue;
    const next = guarded(event, () => {
      const evolved = projection.evolve(current, event);
      if (evolved !== null && evolved.id !== id) {
        throw new Error(`evolve returned document ${JSON.stringify(evolved.id)} for ${JSON.stringify(id)}`);
      }
      return evolved;
    });
    working.set(
      id,
      next === null
        ? null
        : {
            ...next,
            _sources: { ...current?._sources, ...next._sources, [event.streamId]: event.streamRevision },
          },
    );
    changed.add(id);
  }

  await readStore.commit({
    projection: projection.name,
    generation,
    writes: [...changed].map((id) => ({ id, document: working.get(id) ?? null })),
    checkpoint,
  });
};

const guarded = <T>(event: RecordedEvent, action: () => T): T => {
  try {
    return action();
  } catch (error) {
    throw new ProjectionEventError(event, error);
  }
};
