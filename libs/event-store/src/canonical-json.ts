/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings serialised as ECMAScript's JSON.stringify does (which is what RFC 8785 prescribes).
 *
 * Written here rather than taken from the `canonicalize` package because that package is ESM-only and this
 * monorepo (and its Jest transform) is CommonJS. Mirrors JSON.stringify for `undefined` (dropped from
 * objects, null in arrays) and `toJSON`, so that hashing a value equals hashing what is stored and read back.
 * Deviation from RFC 8785: lone surrogates are escaped (as JSON.stringify does) instead of rejected.
 * Non-finite numbers, bigint, functions and symbols are not JSON and throw.
 *
 * Every stored event is hashed through this on append and on each verification, so it allocates little: it sorts
 * small key lists in place, builds one string as it goes, remembers how member names are spelled, and keeps the
 * path of the value being written as a stack, spelled out only for an error message.
 */
export const canonicalJson = (value: unknown): string => {
  const out = serialize(value, []);
  if (out === undefined) throw new TypeError('canonicalJson: value is not representable as JSON');
  return out;
};

type Path = (string | number)[];

const serialize = (input: unknown, path: Path): string | undefined => {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: non-finite number at ${spelled(path)}`);
      return JSON.stringify(value); // ECMAScript Number serialisation; -0 becomes 0
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value)
        ? serializeArray(value, path)
        : serializeObject(value as Record<string, unknown>, path);
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${spelled(path)} is not JSON`);
  }
};

const serializeArray = (value: readonly unknown[], path: Path): string => {
  let out = '[';
  for (let index = 0; index < value.length; index++) {
    path.push(index);
    if (index > 0) out += ',';
    out += serialize(value[index], path) ?? 'null';
    path.pop();
  }
  return out + ']';
};

const serializeObject = (value: Record<string, unknown>, path: Path): string => {
  let out = '{';
  let first = true;
  for (const key of sortedKeys(value)) {
    path.push(key);
    const member = serialize(value[key], path);
    path.pop();
    if (member === undefined) continue;
    out += first ? memberName(key) : ',' + memberName(key);
    out += member;
    first = false;
  }
  return out + '}';
};

/** Up to this many keys an insertion sort in place beats Array.prototype.sort, which allocates as it sorts. */
const INSERTION_SORT_MAX = 32;

/** The object's keys by UTF-16 code units (`<` on strings, the default sort), as RFC 8785 §3.2.3 requires. */
const sortedKeys = (value: object): string[] => {
  const keys = Object.keys(value);
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index];
    let at = index;
    for (; at > 0 && keys[at - 1] > key; at--) keys[at] = keys[at - 1];
    keys[at] = key;
  }
  return keys;
};

/** Events repeat the same few member names: their JSON spelling (`"name":`) is remembered, up to a bound. */
const MEMBER_NAMES_MAX = 10_000;
const memberNames = new Map<string, string>();

const memberName = (key: string): string => {
  let name = memberNames.get(key);
  if (name === undefined) {
    name = JSON.stringify(key) + ':';
    if (memberNames.size < MEMBER_NAMES_MAX) memberNames.set(key, name);
  }
  return name;
};

/** `value.a[0].b`: where a value that is not JSON was found. */
const spelled = (path: Path): string =>
  path.reduce<string>(
    (text, step) => (typeof step === 'number' ? `${text}[${step}]` : `${text}.${step}`),
    'value',
  );

const hasToJson = (value: unknown): value is { toJSON: () => unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
