import type { ReadDocument } from '@app/read-models';

/** Documents as served: the runner's bookkeeping (`_sources`) is not part of the answer. */
export const withoutSources = <D extends ReadDocument>(document: D): Omit<D, '_sources'> => {
  const { _sources: _ignored, ...rest } = document;
  return rest;
};
