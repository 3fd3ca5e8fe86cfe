import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** RFC 8785's spelling, written as plainly as possible: the reference the serializer is checked against. */
const reference = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
};

describe('canonicalJson (RFC 8785 style)', () => {
  it('sorts object keys recursively and emits no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    // RFC 8785 §3.2.3 example ordering: "\r" < "1" < "\u0080" < "ö" < "€" < "😀" < "\ufb33"
    const value = { '\ufb33': 7, '😀': 6, '€': 5, ö: 4, '\u0080': 3, '1': 2, '\r': 1 };
    expect(canonicalJson(value)).toBe('{"\\r":1,"1":2,"\u0080":3,"ö":4,"€":5,"😀":6,"\ufb33":7}');
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([0, -0, 1e21, 1e-7, Number('333333333.33333329'), 4.5, -1.5e-300, 100])).toBe(
      '[0,0,1e+21,1e-7,333333333.3333333,4.5,-1.5e-300,100]',
    );
  });

  it('escapes strings minimally, control characters in lowercase hex', () => {
    expect(canonicalJson('"\\\b\f\n\r\t\u001f/é')).toBe('"\\"\\\\\\b\\f\\n\\r\\t\\u001f/é"');
  });

  it('drops undefined members and nulls undefined array items, like what is stored', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
  });

  it('is independent of key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('rejects values that are not JSON', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('names where a value that is not JSON was found', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow('non-finite number at value.a[1].b');
    expect(() => canonicalJson({ ok: [true], f: () => 1 })).toThrow('function at value.f is not JSON');
  });

  it('spells any JSON value as the reference does, whatever its member names (property-based)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('spells members named like array indexes, or like what every object inherits, in canonical order', () => {
    const parsed = JSON.parse(
      '{"b":{"10":1,"9":2,"constructor":3},"__proto__":{"x":1},"a":[{"toString":"t","valueOf":null}]}',
    ) as object;
    expect(canonicalJson(parsed)).toBe(
      '{"__proto__":{"x":1},"a":[{"toString":"t","valueOf":null}],"b":{"10":1,"9":2,"constructor":3}}',
    );
    expect(canonicalJson(JSON.parse('{"z":{"__proto__":{"x":1},"a":1}}'))).toBe(
      '{"z":{"__proto__":{"x":1},"a":1}}',
    );
    expect(canonicalJson({ m: { '1a': 1, '!': 2, b: 3 } })).toBe('{"m":{"!":2,"1a":1,"b":3}}');
    expect(canonicalJson({ n: 1, at: new Date('2026-01-01T00:00:00Z'), o: { k: 2, j: 1 } })).toBe(
      '{"at":"2026-01-01T00:00:00.000Z","n":1,"o":{"j":1,"k":2}}',
    );
    // Only own enumerable members are written, even where another object has a member of an inherited name.
    class Point {
      x = 1;
      get k(): string {
        return 'inherited';
      }
    }
    expect(canonicalJson({ a: new Point(), b: { k: 2 } })).toBe('{"a":{"x":1},"b":{"k":2}}');
  });

  it('sorts and spells objects of any size: past the in-place sort and past the remembered member names', () => {
    const names = Array.from({ length: 10_050 }, (_, index) => `k"${10_050 - index}`);
    const value = Object.fromEntries(names.map((name) => [name, 1]));
    const out = canonicalJson(value);
    expect(Object.keys(JSON.parse(out) as object)).toEqual([...names].sort());
    expect(canonicalJson(value)).toBe(out);
  });
});
