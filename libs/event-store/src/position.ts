/**
 * A position in the global log ("$all"), carried opaquely through the port.
 *
 * Shaped like EventStoreDB's `{commit, prepare}` transaction-log position so the ESDB adapter can carry its
 * native value unchanged. The SQLite adapter uses its global sequence number for both fields
 * (`commit = prepare = global_position`). Compare only with `comparePositions`; persist (checkpoints, HTTP)
 * with `serializePosition`/`parsePosition`, since bigint does not survive `JSON.stringify`.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before the first event: reading from START (exclusive) returns the whole log. */
export const START: Position = Object.freeze({ commit: 0n, prepare: 0n });

export const positionFromSequence = (sequence: number | bigint): Position => {
  const value = BigInt(sequence);
  return { commit: value, prepare: value };
};

/** The SQLite global sequence number of a position (its commit part). */
export const sequenceOf = (position: Position): number => Number(position.commit);

/** Negative if a < b, 0 if equal, positive if a > b (commit first, then prepare — ESDB ordering). */
export const comparePositions = (a: Position, b: Position): number => {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
};

/** `"<commit>/<prepare>"` in decimal: JSON-safe, for checkpoints and API responses. */
export const serializePosition = (position: Position): string => `${position.commit}/${position.prepare}`;

export const parsePosition = (text: string): Position => {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new TypeError(`Not a serialized position: ${JSON.stringify(text)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
};
