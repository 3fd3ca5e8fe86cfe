import { certificateStreamName } from '@app/domain';
import type { DomainEvent } from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';

/**
 * Views a recorded event as a member of a domain event union, so that a `switch` on `type` narrows `data`.
 * A projection only receives the types it lists in `handles`, and each lists members of its union only.
 */
export const asDomainEvent = <E extends DomainEvent>(event: EventWithoutMetadata): E =>
  ({ type: event.type, data: event.data }) as unknown as E;

const CERTIFICATE_STREAM_PREFIX = certificateStreamName('');

/**
 * The certificate number of an event on a certificate stream (`certificate-<number>`). Only the issue carries
 * the number in its data, so the stream id is the one source every certificate event shares.
 */
export const certificateNumberOf = (event: EventWithoutMetadata): string | null =>
  event.streamId.startsWith(CERTIFICATE_STREAM_PREFIX)
    ? event.streamId.slice(CERTIFICATE_STREAM_PREFIX.length) || null
    : null;

/** The documentId of a per-certificate read model: the certificate number, for the event types it handles. */
export const certificateDocumentId =
  (handles: readonly string[]) =>
  (event: EventWithoutMetadata): string | null =>
    handles.includes(event.type) ? certificateNumberOf(event) : null;

/** Appends a value to an array field without mutating the document given to evolve. */
export const appended = <T>(list: readonly T[], item: T): T[] => [...list, item];
