import { MongoClient, MongoServerError } from 'mongodb';
import type { AnyBulkWriteOperation, Collection, Db, Document, MongoClientOptions } from 'mongodb';
import { parsePosition, serializePosition } from '@app/event-store';
import { assertIndexSpec, indexKindOf, type IndexSpec, type ReadDocument } from '../projection';
import type {
  BatchWrite,
  Lease,
  Page,
  PrepareOptions,
  ProjectionCheckpoint,
  Query,
  ReadStore,
} from '../read-store.port';
import { GenerationNotPreparedError, pageOfQuery } from '../read-store.port';
import {
  ACTIVE_GENERATION_COLLECTION,
  CATALOG_COLLECTION,
  CHECKPOINT_COLLECTION,
  LEASE_COLLECTION,
  collectionNameOf,
  compareUtf8,
  generationKey,
  indexNameOf,
  storedField,
} from './names';
import type { StoredDocument } from './names';
import { filterOf, sortOf } from './query-filter';

export interface MongoReadStoreOptions {
  /** e.g. `mongodb://127.0.0.1:27018/?directConnection=true`. */
  uri: string;
  database: string;
  clock?: () => Date;
  /** Extra driver options (timeouts, pool size). `serverApi` must stay unset for mongo-java-server. */
  clientOptions?: MongoClientOptions;
}

interface CatalogEntry {
  _id: string;
  projection: string;
  generation: string;
  collection: string;
  createdAt: string;
}

type StoredFailure = Omit<NonNullable<ProjectionCheckpoint['failure']>, 'position'> & { position: string };

interface StoredCheckpoint {
  _id: string;
  projection: string;
  generation: string;
  position: string | null;
  failure: StoredFailure | null;
  updatedAt: string;
}

interface StoredLease {
  _id: string;
  holder: string;
  expiresAt: Date;
}

interface ActiveGeneration {
  _id: string;
  generation: string;
  activatedAt: string;
}

/** Ids per `$in` when loading documents: keeps each query small. */
const LOAD_CHUNK = 500;
const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const DUPLICATE_KEY = 11000;
const COMMAND_NOT_FOUND = 59;

/**
 * The MongoDB read store. One collection per projection generation; a catalog, the checkpoints and the active
 * generations in collections of their own. Neither sessions nor transactions are used (mongo-java-server has
 * none): `commit` writes the documents with one ordered bulkWrite, then the checkpoint. A crash in between
 * leaves the checkpoint behind the documents, and the runner re-applies those events, which `_sources` turns
 * into no-ops.
 */
export class MongoReadStore implements ReadStore {
  private closed = false;
  /** How the server is asked its time: `hello`, or `isMaster` once a server did not know `hello`. */
  private helloCommand: 'hello' | 'isMaster' = 'hello';

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    // ignoreUndefined: documents mean what their JSON means, as in the embedded adapter (no stored nulls).
    const client = await MongoClient.connect(options.uri, {
      ignoreUndefined: true,
      ...options.clientOptions,
    });
    return new MongoReadStore(client, client.db(options.database), options.clock ?? (() => new Date()));
  }

  async prepare(
    projection: string,
    generation: string,
    indexes: IndexSpec[],
    options: PrepareOptions = {},
  ): Promise<void> {
    indexes.forEach(assertIndexSpec);
    const name = collectionNameOf(projection, generation);
    try {
      await this.db.createCollection(name);
    } catch (error) {
      if (!isServerError(error, NAMESPACE_EXISTS)) throw error;
    }
    // A substring index is a plain one here: `contains` is an unanchored regex, which MongoDB answers from the
    // index keys rather than the documents. Indexes are keyed by name, so the same field twice is one index.
    const specs = new Map<string, { fields: string[]; index: IndexSpec }>();
    for (const index of indexes) {
      const fields = index.fields.map(storedField);
      // The `_id` index exists already and is unique.
      if (fields.length === 0 || (fields.length === 1 && fields[0] === '_id')) continue;
      specs.set(indexNameOf(fields, indexKindOf(index)), { fields, index });
    }
    // Deferred: built by a later prepare over every document at once (MongoDB's own bulk index build).
    if (specs.size > 0 && options.deferIndexes !== true) {
      await this.db.collection(name).createIndexes(
        [...specs].map(([indexName, { fields, index }]) => ({
          key: Object.fromEntries(fields.map((field) => [field, 1])),
          name: indexName,
          ...(index.unique ? { unique: true } : {}),
          ...(index.sparse ? { sparse: true } : {}),
        })),
      );
    }
    const key = generationKey(projection, generation);
    await this.catalog().updateOne(
      { _id: key },
      { $setOnInsert: { projection, generation, collection: name, createdAt: this.now() } },
      { upsert: true },
    );
  }

  async checkpoint(projection: string, generation: string): Promise<ProjectionCheckpoint | null> {
    const stored = await this.checkpoints().findOne({ _id: generationKey(projection, generation) });
    return stored ? toCheckpoint(stored) : null;
  }

  async load(projection: string, generation: string, ids: string[]): Promise<Map<string, ReadDocument>> {
    const documents = new Map<string, ReadDocument>();
    const unique = [...new Set(ids)];
    const collection = this.documents(projection, generation);
    for (let start = 0; start < unique.length; start += LOAD_CHUNK) {
      const chunk = unique.slice(start, start + LOAD_CHUNK);
      for await (const stored of collection.find({ _id: { $in: chunk } })) {
        documents.set(stored._id, fromStored(stored));
      }
    }
    return documents;
  }

  async commit(batch: BatchWrite): Promise<void> {
    await this.assertPrepared(batch.projection, batch.generation);
    if (batch.writes.length > 0) {
      const operations: AnyBulkWriteOperation<StoredDocument>[] = batch.writes.map(({ id, document }) =>
        document === null
          ? { deleteOne: { filter: { _id: id } } }
          : { replaceOne: { filter: { _id: id }, replacement: toStored(document), upsert: true } },
      );
      // Ordered: a batch may write the same id twice, and the last write must win.
      await this.documents(batch.projection, batch.generation).bulkWrite(operations, { ordered: true });
    }
    await this.checkpoints().updateOne(
      { _id: generationKey(batch.projection, batch.generation) },
      {
        $set: { position: serializePosition(batch.checkpoint), updatedAt: this.now() },
        $setOnInsert: { projection: batch.projection, generation: batch.generation, failure: null },
      },
      { upsert: true },
    );
  }

  async recordFailure(
    projection: string,
    generation: string,
    failure: NonNullable<ProjectionCheckpoint['failure']>,
  ): Promise<void> {
    const stored: StoredFailure = { ...failure, position: serializePosition(failure.position) };
    await this.checkpoints().updateOne(
      { _id: generationKey(projection, generation) },
      {
        $set: { failure: stored, updatedAt: this.now() },
        $setOnInsert: { projection, generation, position: null },
      },
      { upsert: true },
    );
  }

  async takeLease(name: string, holder: string, until: Date, now: Date): Promise<Lease> {
    try {
      // Matches the lease this holder may take; when another holds it, the upsert's insert of the same _id fails.
      await this.leases().updateOne(
        { _id: name, $or: [{ holder }, { expiresAt: { $lte: now } }] },
        { $set: { holder, expiresAt: until } },
        { upsert: true },
      );
    } catch (error) {
      if (!isServerError(error, DUPLICATE_KEY)) throw error;
    }
    const lease = await this.leases().findOne({ _id: name });
    if (!lease) throw new Error(`lease ${name} vanished while taken`);
    return { holder: lease.holder, expiresAt: lease.expiresAt };
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.leases().deleteOne({ _id: name, holder });
  }

  /**
   * The server's `localTime` (from `hello`, or `isMaster` where a server has no `hello`), moved on by half the round
   * trip: the time at the server when the answer arrives, give or take that half.
   */
  async storeTime(): Promise<Date> {
    const sent = performance.now();
    let reply: Document;
    try {
      reply = await this.db.admin().command({ [this.helloCommand]: 1 });
    } catch (error) {
      if (this.helloCommand !== 'hello' || !isServerError(error, COMMAND_NOT_FOUND)) throw error;
      this.helloCommand = 'isMaster';
      return this.storeTime();
    }
    const localTime: unknown = reply.localTime;
    if (!(localTime instanceof Date)) throw new Error(`${this.helloCommand} answered without localTime`);
    return new Date(localTime.getTime() + (performance.now() - sent) / 2);
  }

  async activeGeneration(projection: string): Promise<string | null> {
    const active = await this.activeGenerations().findOne({ _id: projection });
    return active?.generation ?? null;
  }

  async activate(projection: string, generation: string): Promise<void> {
    await this.activeGenerations().updateOne(
      { _id: projection },
      { $set: { generation, activatedAt: this.now() } },
      { upsert: true },
    );
  }

  async generations(projection: string): Promise<string[]> {
    const [prepared, checkpointed] = await Promise.all([
      this.catalog().find({ projection }).toArray(),
      this.checkpoints().find({ projection }).toArray(),
    ]);
    const names = new Set([...prepared, ...checkpointed].map((entry) => entry.generation));
    return [...names].sort(compareUtf8);
  }

  async drop(projection: string, generation: string): Promise<void> {
    const key = generationKey(projection, generation);
    try {
      await this.documents(projection, generation).drop();
    } catch (error) {
      if (!isServerError(error, NAMESPACE_NOT_FOUND)) throw error;
    }
    await this.catalog().deleteOne({ _id: key });
    await this.checkpoints().deleteOne({ _id: key });
    // Readers of a dropped active generation see an unbuilt model rather than an error.
    await this.activeGenerations().deleteOne({ _id: projection, generation });
  }

  async get<D extends ReadDocument>(projection: string, id: string, generation?: string): Promise<D | null> {
    const target = generation ?? (await this.activeGeneration(projection));
    if (target === null) return null;
    const stored = await this.documents(projection, target).findOne({ _id: id });
    return stored ? (fromStored(stored) as D) : null;
  }

  async find<D extends ReadDocument>(
    projection: string,
    query: Query,
    generation?: string,
  ): Promise<Page<D>> {
    // Translated first, so that a bad query fails whether or not the model is built yet.
    const { page, pageSize } = pageOfQuery(query);
    const filter = filterOf(query);
    const sort = sortOf(query);
    const target = generation ?? (await this.activeGeneration(projection));
    if (target === null) return { items: [], total: 0, page, pageSize };
    const collection = this.documents(projection, target);
    const [total, stored] = await Promise.all([
      collection.countDocuments(filter),
      collection
        .find(filter)
        .sort(sort)
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .toArray(),
    ]);
    return { items: stored.map((document) => fromStored(document) as D), total, page, pageSize };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  /** Asks the catalogue each time: another process sharing the database may have dropped the generation. */
  private async assertPrepared(projection: string, generation: string): Promise<void> {
    if (!(await this.catalog().findOne({ _id: generationKey(projection, generation) }))) {
      throw new GenerationNotPreparedError(projection, generation);
    }
  }

  private documents(projection: string, generation: string): Collection<StoredDocument> {
    return this.db.collection<StoredDocument>(collectionNameOf(projection, generation));
  }

  private catalog(): Collection<CatalogEntry> {
    return this.db.collection<CatalogEntry>(CATALOG_COLLECTION);
  }

  private checkpoints(): Collection<StoredCheckpoint> {
    return this.db.collection<StoredCheckpoint>(CHECKPOINT_COLLECTION);
  }

  private leases(): Collection<StoredLease> {
    return this.db.collection<StoredLease>(LEASE_COLLECTION);
  }

  private activeGenerations(): Collection<ActiveGeneration> {
    return this.db.collection<ActiveGeneration>(ACTIVE_GENERATION_COLLECTION);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

const isServerError = (error: unknown, code: number): boolean =>
  error instanceof MongoServerError && error.code === code;

/**
 * The stored form of a document: its JSON meaning (dates become strings, `undefined` disappears, as in the
 * embedded adapter), keyed by `_id` from the filter. The document keeps its own `id` field as well.
 */
const toStored = (document: ReadDocument): Document => {
  const json = JSON.parse(JSON.stringify(document)) as Document;
  if ('_id' in json) throw new RangeError('A read document must not have an _id field');
  return json;
};

const fromStored = (stored: StoredDocument): ReadDocument => {
  const { _id, ...document } = stored;
  return { ...document, id: typeof document.id === 'string' ? document.id : _id } as ReadDocument;
};

const toCheckpoint = (stored: StoredCheckpoint): ProjectionCheckpoint => ({
  projection: stored.projection,
  generation: stored.generation,
  position: stored.position === null ? null : parsePosition(stored.position),
  failure:
    stored.failure === null ? null : { ...stored.failure, position: parsePosition(stored.failure.position) },
  updatedAt: stored.updatedAt,
});
