import type { EventWithoutMetadata } from '@app/event-store';

/**
 * A read-model document. `id` is its key within its collection; `_sources` holds, per source stream, the
 * revision of the last event applied — the runner skips any event at or below it, which makes re-delivery and
 * restarts from an older checkpoint harmless (also on stores without transactions).
 */
export interface ReadDocument {
  id: string;
  _sources?: Record<string, number>;
}

/**
 * A field to index, for the queries a read model serves (`unique` for natural keys). `substring` indexes one text
 * field for `contains` conditions (e.g. a holder-name search); it takes exactly one field and is never unique.
 * `sparse` indexes one field that most documents leave empty (null or missing): only the documents with a value
 * are in the index, so it costs nothing to keep for the others. A condition that compares the field (`eq` a
 * value, `in`, a range) reads it; `eq: null`, and a sort on the field with no such condition, do not.
 */
export interface IndexSpec {
  fields: string[];
  unique?: boolean;
  substring?: boolean;
  sparse?: boolean;
}

/** What an index is besides its fields, as the adapters spell it in its name: `u` or `i`, then `s` if sparse. */
export const indexKindOf = (index: Pick<IndexSpec, 'unique' | 'sparse'>): string =>
  `${index.unique ? 'u' : 'i'}${index.sparse ? 's' : ''}`;

/** Refuses what no adapter can build: a substring index over several fields or a unique one, a sparse compound one. */
export const assertIndexSpec = (index: IndexSpec): void => {
  if (index.substring && (index.fields.length !== 1 || index.unique)) {
    throw new RangeError(
      `A substring index takes exactly one field and is never unique: ${JSON.stringify(index)}`,
    );
  }
  if (index.sparse && (index.fields.length !== 1 || index.substring)) {
    throw new RangeError(
      `A sparse index takes exactly one field and is not a substring index: ${JSON.stringify(index)}`,
    );
  }
};

/**
 * One read model: a pure fold of the events it handles into documents of one collection.
 * Each event affects at most one document (`documentId`); `evolve` returns the new document, or null to delete it.
 * Events come without their metadata (who, when handled, the hash chain): the runner reads the log without it, so
 * that none of it is decoded for a fold — what a document shows comes from the events' data.
 * Bump `version` whenever `evolve` changes meaning: the runner then rebuilds the model from the start of the log
 * under the new version and switches readers to it once caught up.
 */
export interface Projection<D extends ReadDocument = ReadDocument> {
  /** Stable name, also the collection readers query: `registry`, `certificates`, … */
  name: string;
  version: number;
  /** Event types applied; every other event is skipped without loading any document. */
  handles: readonly string[];
  /** The document this event belongs to, or null when the event does not concern this model. */
  documentId(event: EventWithoutMetadata): string | null;
  evolve(document: D | null, event: EventWithoutMetadata): D | null;
  indexes: IndexSpec[];
}
