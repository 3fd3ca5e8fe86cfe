type Bytes = string | Buffer | null | undefined;

/** What kafkajs hands its record encoder for each message of a batch. */
export interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number;
  key?: Bytes;
  value?: Bytes;
  headers?: Record<string, Bytes | Bytes[]>;
}

/** What kafkajs' record batch takes from a record encoder: the bytes (`buf` is how it tells an encoder). */
export interface EncodedRecord {
  buf: Buffer;
  buffer: Buffer;
}

/** Kafka's zig-zag varint of a safe integer (int32 for lengths and offsets, int64 for the timestamp delta). */
const zigZag = (value: number): number => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return value >= 0 ? value * 2 : -value * 2 - 1;
};

const sizeOfVarint = (value: number): number => {
  let rest = zigZag(value);
  let size = 1;
  while (rest > 0x7f) {
    rest = Math.floor(rest / 128);
    size += 1;
  }
  return size;
};

const putVarint = (buffer: Buffer, offset: number, value: number): number => {
  let rest = zigZag(value);
  let at = offset;
  while (rest > 0x7f) {
    buffer[at++] = (rest % 128) | 0x80;
    rest = Math.floor(rest / 128);
  }
  buffer[at++] = rest;
  return at;
};

/** Byte length of a key, value or header (-1 for none, which Kafka writes as a varint -1 and no bytes). */
const lengthOf = (bytes: Bytes): number => {
  if (bytes === null || bytes === undefined) return -1;
  if (typeof bytes === 'string') return Buffer.byteLength(bytes, 'utf8');
  if (Buffer.isBuffer(bytes)) return bytes.length;
  throw new TypeError(`record bytes must be a string or a Buffer, not ${typeof bytes}`);
};

const sizeOfBytes = (length: number): number => sizeOfVarint(length) + Math.max(length, 0);

const putBytes = (buffer: Buffer, offset: number, bytes: Bytes, length: number): number => {
  const at = putVarint(buffer, offset, length);
  if (length <= 0) return at;
  return (
    at + (typeof bytes === 'string' ? buffer.write(bytes, at, 'utf8') : (bytes as Buffer).copy(buffer, at))
  );
};

/**
 * One record of the v2 record format (length, attributes, timestamp and offset deltas, key, value, headers) in one
 * buffer of its exact size, byte for byte what kafkajs writes. kafkajs' own encoder allocates a 512-byte buffer
 * for the record and one for each header, and a Buffer for each varint: with the seven CloudEvents headers of a
 * status record that was most of the relay's CPU in a catch-up. Header values given as arrays repeat the header.
 */
export const encodeRecord = ({
  offsetDelta = 0,
  timestampDelta = 0,
  key,
  value,
  headers = {},
}: RecordInput): EncodedRecord => {
  const names: string[] = [];
  const values: Bytes[] = [];
  for (const name of Object.keys(headers)) {
    const given = headers[name];
    for (const one of Array.isArray(given) ? given : [given]) {
      names.push(name);
      values.push(one);
    }
  }
  const keyLength = lengthOf(key);
  const valueLength = lengthOf(value);
  const lengths = new Array<number>(names.length * 2);
  let body =
    1 + // attributes
    sizeOfVarint(timestampDelta) +
    sizeOfVarint(offsetDelta) +
    sizeOfBytes(keyLength) +
    sizeOfBytes(valueLength) +
    sizeOfVarint(names.length);
  for (let i = 0; i < names.length; i++) {
    lengths[2 * i] = lengthOf(names[i]);
    lengths[2 * i + 1] = lengthOf(values[i]);
    body += sizeOfBytes(lengths[2 * i]) + sizeOfBytes(lengths[2 * i + 1]);
  }
  const buffer = Buffer.allocUnsafe(sizeOfVarint(body) + body);
  let at = putVarint(buffer, 0, body);
  buffer[at++] = 0; // attributes: none are used
  at = putVarint(buffer, at, timestampDelta);
  at = putVarint(buffer, at, offsetDelta);
  at = putBytes(buffer, at, key, keyLength);
  at = putBytes(buffer, at, value, valueLength);
  at = putVarint(buffer, at, names.length);
  for (let i = 0; i < names.length; i++) {
    at = putBytes(buffer, at, names[i], lengths[2 * i]);
    at = putBytes(buffer, at, values[i], lengths[2 * i + 1]);
  }
  return { buf: buffer, buffer };
};
