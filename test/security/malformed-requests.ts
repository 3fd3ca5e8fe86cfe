/**
 * Seeded generators of malformed requests for the fuzz test: every request is broken in at least one way the API
 * must refuse (so none may succeed), on top of which DTO fields get values of every wrong kind.
 */
import fc from 'fast-check';
import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { Route } from './route-table';

export interface MalformedRequest {
  /** What is wrong with it, for failure messages. */
  label: string;
  route: Route;
  /** Path parameter values (raw; the caller encodes them). */
  params: Record<string, string>;
  contentType: string | null;
  body: Buffer | null;
  headers: Record<string, string>;
}

export interface FuzzTargets {
  /** Ids of aggregates that exist, by path parameter name (id, number …). */
  existing: Record<string, string[]>;
}

/** The top-level property names a DTO validates (class-validator's metadata, as the ValidationPipe reads it). */
export const dtoFields = (dto: Type | undefined): string[] =>
  dto === undefined
    ? []
    : [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(dto, '', true, false)
            .map((metadata) => metadata.propertyName),
        ),
      ];

const huge = fc
  .constantFrom(1_000, 10_000, 60_000)
  .chain((length) => fc.constantFrom('x', '证', '😀', '\u0000', '"').map((unit) => unit.repeat(length)));

/** Values of every JSON kind, odd numbers and strings included; recursive but shallow. */
const wild: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom(
      '',
      ' ',
      'null',
      'not-a-uuid',
      '2026-02-30',
      '9999-99-99T99:99:99Z',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '../../etc/passwd',
      '\u202e\u0000\ud800',
      'GRANT',
      'VALID',
    ),
    fc.integer(),
    fc.constantFrom(-1, 0, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, Number.MAX_SAFE_INTEGER),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    huge,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON text of an object; `extra` entries are written verbatim, so keys like __proto__ survive as own keys. */
const objectText = (entries: [string, unknown][]): string =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`;

const POISON_KEYS = ['__proto__', 'constructor', 'prototype'];

/** An object body: DTO fields with wrong values, and always one key the API must refuse. */
const poisonedObject = (fields: string[], prototypeKeysOnly: boolean) =>
  fc
    .record({
      values: fc.array(
        fc.tuple(fields.length > 0 ? fc.constantFrom(...fields) : fc.string({ maxLength: 8 }), wild),
        { maxLength: 6 },
      ),
      poison: prototypeKeysOnly
        ? fc.constantFrom(...POISON_KEYS).map((key) => ({ key, nested: false }))
        : fc.oneof(
            fc.constantFrom(...POISON_KEYS).map((key) => ({ key, nested: false })),
            fc.constantFrom(...POISON_KEYS).map((key) => ({ key, nested: true })),
            fc
              .string({ minLength: 1, maxLength: 12 })
              .map((key) => ({ key: `unknown_${key}`, nested: false })),
            fc.constantFrom('actor', 'approver', 'by', 'decisionMaker', 'userId', 'role').map((key) => ({
              key,
              nested: false,
            })),
          ),
      pollution: wild,
    })
    .map(({ values, poison: chosen, pollution }) => {
      // A poison key must be one no DTO accepts: a field name that happens to be a real one is renamed.
      const poison = fields.includes(chosen.key) ? { ...chosen, key: `unknown_${chosen.key}` } : chosen;
      // One entry per key: JSON.parse keeps the last of duplicates, which would drop a nested poison.
      const entries: [string, unknown][] = [...new Map(values)];
      if (poison.nested && entries.length > 0) {
        // Deep inside a field's value: `{"field": {"__proto__": {"polluted": …}}}`.
        const [field] = entries[0];
        const inner = `{${JSON.stringify(poison.key)}:{"polluted":${JSON.stringify(pollution) ?? 'null'}}}`;
        return {
          label: `${poison.key} nested in ${field}`,
          text: `{${JSON.stringify(field)}:${inner}${entries.length > 1 ? ',' : ''}${objectText(entries.slice(1)).slice(1)}`,
        };
      }
      entries.push([poison.key, poison.key.startsWith('unknown_') ? pollution : { polluted: pollution }]);
      return { label: `fields ${entries.map(([key]) => key).join(',')}`, text: objectText(entries) };
    });

const SYNTAX_ERRORS = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":1} // comment',
  '{"a":"unterminated}',
  '{"a":1}{"b":2}',
  '\ufeff{"a":1}',
  '{"a":\u0001}',
  '[1,2',
  'undefined',
  '{"a":01}',
];

const SCALARS = ['"a string"', '42', '-1.5e3', 'null', 'true', 'false', '""'];

const INVALID_UTF8 = [
  [0xff],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf8, 0x88, 0x80],
];

const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'application/jsonx',
  '*/*',
];

const deepText = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** The body variants; each yields a label, a content type (null: none) and the raw bytes. */
const bodyOf = (fields: string[], parserLevelOnly: boolean) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: poisonedObject(fields, parserLevelOnly).map((b) => ({ ...b, type: 'json' as const })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(poisonedObject(fields, parserLevelOnly), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([b, cut]) => ({
          label: `truncated ${b.label}`,
          text: b.text.slice(0, Math.floor(b.text.length * cut)) || '{',
          type: 'json' as const,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...SYNTAX_ERRORS)
        .map((text) => ({ label: 'syntax', text, type: 'json' as const })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...SCALARS)
        .map((text) => ({ label: `scalar ${text}`, text, type: 'json' as const })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          poisonedObject(fields, parserLevelOnly),
          fc.constantFrom(...INVALID_UTF8),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([b, bytes, at]) => ({
          label: `invalid UTF-8 ${bytes.join(' ')}`,
          text: b.text,
          type: 'utf8' as const,
          bytes,
          at,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(33, 64, 500, 5_000, 20_000),
          fc.constantFrom('array' as const, 'object' as const),
          fc.boolean(),
        )
        .map(([depth, kind, inField]) => ({
          label: `${kind} nested ${depth} deep${inField ? ' in a field' : ''}`,
          text: inField
            ? `{${JSON.stringify(fields[0] ?? 'x')}:${deepText(depth, kind)}}`
            : deepText(depth, kind),
          type: 'json' as const,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(poisonedObject(fields, parserLevelOnly), fc.constantFrom(...WRONG_TYPES, null))
        .map(([b, contentType]) => ({
          label: `content type ${String(contentType)}`,
          text: b.text,
          type: 'other' as const,
          contentType,
        })),
    },
  );

const toBody = (b: {
  text: string;
  type: 'json' | 'utf8' | 'other';
  bytes?: number[];
  at?: number;
  contentType?: string | null;
}): { contentType: string | null; body: Buffer } => {
  if (b.type === 'utf8') {
    const text = Buffer.from(b.text);
    const at = Math.floor((b.at ?? 0) * text.length);
    return {
      contentType: 'application/json',
      body: Buffer.concat([text.subarray(0, at), Buffer.from(b.bytes ?? []), text.subarray(at)]),
    };
  }
  return {
    contentType: b.type === 'other' ? (b.contentType ?? null) : 'application/json',
    body: Buffer.from(b.text),
  };
};

const MALFORMED_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '..',
  '%00',
  'a'.repeat(3000),
  '证书编号',
  "' OR 1=1 --",
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '{"$gt":""}',
];

/** A value for one path parameter: an existing id only when `mayExist`, else an unknown or malformed one. */
const paramValue = (name: string, targets: FuzzTargets, mayExist: boolean) =>
  fc.oneof(
    ...(mayExist && (targets.existing[name]?.length ?? 0) > 0
      ? [{ weight: 3, arbitrary: fc.constantFrom(...targets.existing[name]) }]
      : []),
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_IDS) },
  );

const BAD_HEADERS: Record<string, string>[] = [
  {},
  {},
  {},
  { 'If-Match': '"abc"' },
  { 'If-Match': '*' },
  { 'Idempotency-Key': 'k'.repeat(300) },
  { 'X-Correlation-Id': 'x'.repeat(500) },
  { 'X-User-Id': '00000000-0000-4000-8000-000000000000', 'X-Actor': 'ADMIN' },
];

/**
 * One malformed request to `route`. A route without a body ignores a well-formed one and runs its command, so it
 * only gets unknown or malformed path parameters (its command then finds nothing to change), or, without path
 * parameters (e.g. a logout), only bodies the parser refuses before any handler runs.
 */
export const malformedRequest = (route: Route, targets: FuzzTargets): fc.Arbitrary<MalformedRequest> => {
  const fields = dtoFields(route.body);
  const mayExist = route.body !== undefined;
  // Nothing to aim elsewhere (no body to invalidate, no id to make unknown): only what the parser refuses.
  const parserLevelOnly = route.body === undefined && route.params.length === 0;
  const params = fc.record(
    Object.fromEntries(route.params.map((name) => [name, paramValue(name, targets, mayExist)])) as Record<
      string,
      fc.Arbitrary<string>
    >,
  );
  return fc
    .record({ params, body: bodyOf(fields, parserLevelOnly), headers: fc.constantFrom(...BAD_HEADERS) })
    .map(({ params: values, body, headers }) => ({
      label: body.label,
      route,
      params: values,
      ...toBody(body),
      headers,
    }));
};

/** A body over the 1 MB limit (a few of these are enough). */
export const oversizeRequest = (route: Route): MalformedRequest => ({
  label: 'oversize body',
  route,
  params: Object.fromEntries(route.params.map((name) => [name, '5f1d2c3b-4a59-4c6d-8e7f-9a0b1c2d3e4f'])),
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify({ padding: 'x'.repeat(1_100_000) })),
  headers: {},
});
