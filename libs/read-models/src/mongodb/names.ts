import { createHash } from 'node:crypto';
import type { Document } from 'mongodb';

/**
 * Names in the MongoDB database. Projection and generation names are arbitrary text (`v2.r1732790000`), while
 * collection names must avoid `$`, NUL, a `system.` prefix and long namespaces, so the collection name keeps a
 * readable, sanitised part and a hash of the exact pair that makes it unique.
 */
export const CATALOG_COLLECTION = 'read_collections';
export const CHECKPOINT_COLLECTION = 'checkpoints';
export const ACTIVE_GENERATION_COLLECTION = 'active_generations';
export const LEASE_COLLECTION = 'leases';

const READABLE_PART = 40;

const readable = (text: string): string => text.replace(/[^A-Za-z0-9-]/g, '_').slice(0, READABLE_PART);

/** Key of a (projection, generation) pair in the catalog and checkpoint collections. */
export const generationKey = (projection: string, generation: string): string =>
  JSON.stringify([projection, generation]);

export const collectionNameOf = (projection: string, generation: string): string => {
  const hash = createHash('sha256').update(generationKey(projection, generation)).digest('hex').slice(0, 12);
  return `rm_${readable(projection)}__${readable(generation)}_${hash}`;
};

// The same rule as the embedded adapter: plain dotted identifiers. It also keeps `$` operators and empty path
// segments out of filters and sorts, whatever a caller passes through.
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The stored path of a document field: a document's `id` is its `_id`. */
export const storedField = (field: string): string => {
  if (!FIELD_PATH.test(field)) {
    throw new RangeError(`Unsupported field path ${JSON.stringify(field)}: use dotted identifiers`);
  }
  return field === 'id' ? '_id' : field;
};

/** An index's name: a hash of its kind (`indexKindOf`) and its stored fields. */
export const indexNameOf = (fields: string[], kind: string): string =>
  `ix_${createHash('sha256')
    .update(`${kind}:${fields.join(',')}`)
    .digest('hex')
    .slice(0, 12)}`;

/** Byte-wise UTF-8 order, the order both adapters give strings (JavaScript's default sort is UTF-16). */
export const compareUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A read document as stored: keyed by `_id`, the rest is the document's JSON. */
export interface StoredDocument extends Document {
  _id: string;
}
