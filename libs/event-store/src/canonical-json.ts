/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings serialised as ECMAScript's JSON.stringify does (which is what RFC 8785 prescribes).
 *
 * Written here rather than taken from the `canonicalize` package because that package is ESM-only and this
 * monorepo (and its Jest transform) is CommonJS. Mirrors JSON.stringify for `undefined` (dropped from
 * objects, null in arrays) and `toJSON`, so that hashing a value equals hashing what is stored and read back.
 * Deviation from RFC 8785: lone surrogates are escaped (as JSON.stringify does) instead of rejected.
 * Non-finite numbers, bigint, functions and symbols are not JSON and throw.
 */
export const canonicalJson = (value: unknown): string => {
  const out = serialize(value, 'value');
  if (out === undefined) throw new TypeError('canonicalJson: value is not representable as JSON');
  return out;
};

const serialize = (input: unknown, path: string): string | undefined => {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value); // ECMAScript Number serialisation; -0 becomes 0
    case 'undefined':
      return undefined;
    case 'object':
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => serialize(item, `${path}[${index}]`) ?? 'null').join(',')}]`;
      }
      return serializeObject(value as Record<string, unknown>, path);
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${path} is not JSON`);
  }
};

const serializeObject = (value: Record<string, unknown>, path: string): string => {
  // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
  const keys = Object.keys(value).sort();
  const members: string[] = [];
  for (const key of keys) {
    const member = serialize(value[key], `${path}.${key}`);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
};

const hasToJson = (value: unknown): value is { toJSON: () => unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
