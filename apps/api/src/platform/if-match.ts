import { invalidHeader } from './http-error';

/** `"3"`, `W/"3"` or a bare `3`: the revision we hand out as ETag, in the forms clients and proxies send back. */
const IF_MATCH = /^(?:W\/)?(?:"(0|[1-9]\d*)"|(0|[1-9]\d*))$/;

/**
 * The expected stream revision from `If-Match`, or undefined when the header is absent.
 * `*` is refused: "any revision" would silently disable the concurrency check the client asked for.
 */
export const parseIfMatch = (header: string | string[] | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(', ') : header).trim();
  if (value === '*') throw invalidHeader('If-Match', '* is not supported: send the revision from the ETag');
  const match = IF_MATCH.exec(value);
  const digits = match?.[1] ?? match?.[2];
  const revision = digits === undefined ? NaN : Number(digits);
  if (!Number.isSafeInteger(revision)) {
    throw invalidHeader('If-Match', 'must be one revision as given in the ETag, e.g. "3"');
  }
  return revision;
};
