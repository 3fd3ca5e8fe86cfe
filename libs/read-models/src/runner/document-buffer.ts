import type { EventWithoutMetadata, Position } from '@app/event-store';
import type { ReadDocument } from '../projection';
import type { ReadStore } from '../read-store.port';
import { ProjectionEventError, type PreparedProjection } from './prepared-projection';

/**
 * The documents of one generation that a run of events changes: each is loaded from the store once, folded in
 * memory, and written back with the checkpoint by `flush` — one transaction however many events it covers.
 * Each event is skipped when its stream revision is not newer than the one recorded in the document's
 * `_sources`, so re-delivered events change nothing.
 */
export class DocumentBuffer {
  /** Documents as folded so far (null: absent or deleted). */
  private readonly documents = new Map<string, ReadDocument | null>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly prepared: PreparedProjection,
    readonly generation: string,
  ) {}

  /** The event types the projection applies. */
  get handles(): ReadonlySet<string> {
    return this.prepared.handles;
  }

  /** Documents held in memory (flushing empties the buffer). */
  get size(): number {
    return this.documents.size;
  }

  /**
   * Folds the events into the buffered documents, loading the ones not held yet in one read. All or nothing: if
   * the projection fails on an event, the buffer keeps what it held before this call.
   */
  async apply(events: readonly EventWithoutMetadata[]): Promise<void> {
    const { projection, handles } = this.prepared;
    const relevant: { event: EventWithoutMetadata; id: string }[] = [];
    const missing = new Set<string>();
    for (const event of events) {
      if (!handles.has(event.type)) continue;
      const id = guarded(event, () => projection.documentId(event));
      if (id === null) continue;
      relevant.push({ event, id });
      if (!this.documents.has(id)) missing.add(id);
    }
    if (missing.size > 0) {
      const loaded = await this.readStore.load(projection.name, this.generation, [...missing]);
      for (const id of missing) this.documents.set(id, loaded.get(id) ?? null);
    }
    const staged = new Map<string, ReadDocument | null>();
    for (const { event, id } of relevant) {
      const current = staged.has(id) ? (staged.get(id) ?? null) : (this.documents.get(id) ?? null);
      const next = fold(this.prepared, current, event, id);
      if (next !== current) staged.set(id, next);
    }
    for (const [id, document] of staged) {
      this.documents.set(id, document);
      this.changed.add(id);
    }
  }

  /** Writes the changed documents and the checkpoint together, then forgets every document. */
  async flush(checkpoint: Position): Promise<void> {
    const writes = [...this.changed].map((id) => ({ id, document: this.documents.get(id) ?? null }));
    await this.readStore.commit({
      projection: this.prepared.projection.name,
      generation: this.generation,
      writes,
      checkpoint,
    });
    this.documents.clear();
    this.changed.clear();
  }
}

/** The document after `event`, or `current` itself when the event was applied already. */
const fold = (
  prepared: PreparedProjection,
  current: ReadDocument | null,
  event: EventWithoutMetadata,
  id: string,
): ReadDocument | null => {
  const applied = current?._sources?.[event.streamId];
  if (applied !== undefined && applied >= event.streamRevision) return current;
  const next = guarded(event, () => {
    const evolved = prepared.projection.evolve(current, event);
    if (evolved !== null && evolved.id !== id) {
      throw new Error(`evolve returned document ${JSON.stringify(evolved.id)} for ${JSON.stringify(id)}`);
    }
    return evolved;
  });
  return next === null ? null : { ...next, _sources: sourcesAfter(current?._sources, next._sources, event) };
};

type Sources = NonNullable<ReadDocument['_sources']>;

/**
 * The revisions applied per source stream, this event's included, in a dictionary (an object without prototype):
 * its keys are stream names, which no other document shares, and an object literal built from them gets a hidden
 * class of its own each time (V8's slow path, several times the cost of the dictionary).
 */
const sourcesAfter = (
  current: Sources | undefined,
  evolved: Sources | undefined,
  event: EventWithoutMetadata,
): Sources => {
  const sources = Object.create(null) as Sources;
  copySources(sources, current);
  if (evolved !== current) copySources(sources, evolved);
  sources[event.streamId] = event.streamRevision;
  return sources;
};

const copySources = (into: Sources, from: Sources | undefined): void => {
  if (from === undefined) return;
  for (const stream of Object.keys(from)) into[stream] = from[stream];
};

const guarded = <T>(event: EventWithoutMetadata, action: () => T): T => {
  try {
    return action();
  } catch (error) {
    throw new ProjectionEventError(event, error);
  }
};
