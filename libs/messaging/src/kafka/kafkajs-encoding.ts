import { encodeRecord } from './compact-record';
import { crc32c } from './crc32c';

/**
 * The modules of kafkajs 2.2.4 on its Produce path that cost the most per byte and per record, what takes their
 * place (the same results, a fraction of the CPU), and the module that loads each: kafkajs requires them when it
 * loads that one — the Produce request on a producer's first send, the record batch also on a consumer's first fetch.
 */
const REPLACEMENTS = [
  {
    id: 'kafkajs/src/protocol/recordBatch/record/v0',
    by: encodeRecord,
    loadedWith: 'kafkajs/src/protocol/requests/produce/v3/request',
  },
  {
    id: 'kafkajs/src/protocol/recordBatch/crc32C',
    by: crc32c,
    loadedWith: 'kafkajs/src/protocol/recordBatch/v0',
  },
];

const replace = ({ id, by, loadedWith }: (typeof REPLACEMENTS)[number]): boolean => {
  const path = require.resolve(id);
  if (module.require(path) === by) return true;
  // Too late: the module that takes it already holds kafkajs' own.
  if (require.cache[require.resolve(loadedWith)]) return false;
  // Loaded by the require above: every later require of it, kafkajs' own included, gets the replacement.
  require.cache[path]!.exports = by;
  return module.require(path) === by;
};

const ENCODED_LIKE = '2.2.4';

const kafkajsVersion = (): string => (module.require('kafkajs/package.json') as { version: string }).version;

/**
 * Makes this process's kafkajs encode records with `encodeRecord` and checksum record batches with `crc32c`,
 * where it has not loaded the modules that take them yet (the replacements write the same bytes, so kafkajs'
 * own are only slower). True when both are in place.
 */
export const useFastEncoding = (): boolean =>
  // The replacements write what 2.2.4 writes; another version keeps its own modules.
  kafkajsVersion() === ENCODED_LIKE && REPLACEMENTS.map(replace).every(Boolean);
