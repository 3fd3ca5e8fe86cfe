import type { EventWithoutMetadata } from '@app/event-store';
import type { Projection } from '../projection';

/** An event the projection's code could not handle (documentId or evolve threw, or returned nonsense). */
export class ProjectionEventError extends Error {
  override readonly name = 'ProjectionEventError';

  constructor(
    readonly event: EventWithoutMetadata,
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
