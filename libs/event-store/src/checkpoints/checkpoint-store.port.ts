import type { Position } from '../position';

/** Where a consumer (projection, relay) got to, and the revision of that record for compare-and-set. */
export interface Checkpoint {
  position: Position;
  /** Pass it back as `expectedRevision` to the next `save`. */
  revision: number;
}

/**
 * Checkpoints of catch-up consumers. `save` is a compare-and-set, so two instances of the same consumer
 * (e.g. during a rolling deploy) cannot both advance it: the loser gets WrongExpectedVersionError and must
 * reload instead of overwriting a newer checkpoint.
 */
export interface CheckpointStore {
  load(name: string): Promise<Checkpoint | null>;
  /**
   * Stores `position` if the checkpoint is still at `expectedRevision` (null: none stored yet) and returns
   * the new revision. Throws WrongExpectedVersionError otherwise.
   */
  save(name: string, position: Position, expectedRevision: number | null): Promise<number>;
}
