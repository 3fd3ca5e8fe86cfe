import type { preSerializationHookHandler } from 'fastify';

/** The ETag of a stream revision: a strong tag, `"3"`, which clients send back as `If-Match`. */
export const etagOf = (revision: number): string => `"${revision}"`;

const revisionOf = (result: unknown): number | undefined => {
  if (typeof result !== 'object' || result === null) return undefined;
  const revision = (result as { revision?: unknown }).revision;
  return typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0
    ? revision
    : undefined;
};

/**
 * Sets `ETag` from the answer's `revision` (command results and single aggregates), so no controller has to
 * touch the response object: Fastify's `preSerialization` hook, which sees every object answer before it is
 * serialized.
 */
export const etagFromRevision: preSerializationHookHandler<unknown> = (_request, reply, payload, done) => {
  const revision = revisionOf(payload);
  if (revision !== undefined) reply.header('ETag', etagOf(revision));
  done(null, payload);
};
