/** Protobuf encoding of stored events exactly as `@eventstore/db-client` 6.2.1 decodes them. */
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import type { StoredEvent } from './log';

/** 1 ms = 10 000 ticks of 100 ns; the client's `convertCreatedToDate` divides by this and calls `new Date()`. */
const TICKS_PER_MS = 10_000n;

export const nowTicks = (): bigint => BigInt(Date.now()) * TICKS_PER_MS;

export const streamName = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const streamIdentifier = (name: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));

/** Reads a UUID in either form the protocol allows (the client sends the string form). */
export const parseUuid = (uuid: UUID | undefined): string | undefined => {
  if (!uuid) return undefined;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex =
      BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString().toLowerCase();
};

/** Encodes a UUID in the form the read request asked for (`uuid_option`). */
export const encodeUuid = (id: string, structured: boolean): UUID => {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  // int64 fields: the two halves travel as signed 64-bit values (Java/.NET `UUID` convention).
  const msb = BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`));
  const lsb = BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`));
  return new UUID().setStructured(
    new UUID.Structured().setMostSignificantBits(msb.toString()).setLeastSignificantBits(lsb.toString()),
  );
};

export const recordedEvent = (
  event: StoredEvent,
  structuredUuid: boolean,
): ReadResp.ReadEvent.RecordedEvent => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(encodeUuid(event.id, structuredUuid))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.created.toString());
  return recorded;
};

export const eventResponse = (event: StoredEvent, structuredUuid: boolean): ReadResp =>
  new ReadResp().setEvent(
    new ReadResp.ReadEvent()
      .setEvent(recordedEvent(event, structuredUuid))
      .setCommitPosition(event.position.toString()),
  );
