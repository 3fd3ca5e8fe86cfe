import { jsonEvent } from '@eventstore/db-client';
import type { EventData, ResolvedEvent, AllStreamResolvedEvent } from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors';
import type {
  EventWithoutMetadata,
  ReadAllFilter,
  RecordedEvent,
  RecordedMetadata,
} from '../event-store.port';
import type { EventToSeal, SealedEvent } from '../hash-chain';
import type { Position } from '../position';

/**
 * The schema version travels in the ESDB metadata under this key (ESDB reserves `$`-keys for itself, but
 * ignores unknown ones). It is removed on read, so `RecordedMetadata` is exactly what the hash covers.
 */
export const SCHEMA_VERSION_KEY = '$schemaVersion';

export const toEventData = (id: string, event: SealedEvent<EventToSeal>): EventData =>
  jsonEvent({
    id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion },
  });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A stored ESDB event as the port's RecordedEvent, or undefined for a link without its target. Foreign
 * events (system events, binary content) are still returned, with empty data/metadata where not JSON.
 */
export const fromResolved = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (!event) return undefined;
  if (!event.position) {
    // Servers before 22.6 do not send stream events' positions; the port needs them (hash-chain checks).
    throw new StoreUnavailableError('EventStoreDB did not return event positions (server older than 22.6?)');
  }
  const storedMetadata = isPlainObject(event.metadata) ? event.metadata : {};
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = storedMetadata;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: isPlainObject(event.data) ? event.data : {},
    metadata: metadata as unknown as RecordedMetadata,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: { commit: event.position.commit, prepare: event.position.prepare },
    recordedAt: event.created.toISOString(),
  };
};

/**
 * The event without its metadata, for a read asking for none: the client has decoded it already (it carries the
 * schema version), so the field is only left out, for the same shape as the embedded store's.
 */
export const withoutMetadata = ({ metadata: _metadata, ...event }: RecordedEvent): EventWithoutMetadata =>
  event;

export type StreamPredicate = (streamId: string, type: string) => boolean;

/**
 * The port's filter, evaluated exactly on the client (the server-side filter is only a pre-selection).
 * Without prefixes from the caller the adapter's default prefixes apply; without either, `$` streams are
 * excluded.
 */
export const matcherOf = (filter: ReadAllFilter | undefined, defaultPrefixes?: readonly string[]) => {
  const prefixes = effectivePrefixes(filter, defaultPrefixes);
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  const predicate: StreamPredicate = (streamId, type) =>
    (prefixes ? prefixes.some((prefix) => streamId.startsWith(prefix)) : !streamId.startsWith('$')) &&
    (!types || types.has(type));
  return predicate;
};

export const effectivePrefixes = (
  filter: ReadAllFilter | undefined,
  defaultPrefixes?: readonly string[],
): readonly string[] | undefined =>
  filter?.streamPrefixes?.length
    ? filter.streamPrefixes
    : defaultPrefixes?.length
      ? defaultPrefixes
      : undefined;

export const maxPosition = (
  a: Position | null | undefined,
  b: Position | null | undefined,
): Position | null => {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.commit !== b.commit) return a.commit > b.commit ? a : b;
  return a.prepare >= b.prepare ? a : b;
};
