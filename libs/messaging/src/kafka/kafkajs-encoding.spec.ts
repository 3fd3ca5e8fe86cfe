import type { encodeRecord } from './compact-record';
import type { crc32c } from './crc32c';

type ProduceRequest = (request: object) => { encode: () => Promise<{ buffer: Buffer }> };
interface Ours {
  useFastEncoding: () => boolean;
  encodeRecord: typeof encodeRecord;
  crc32c: typeof crc32c;
}

const RECORD = 'kafkajs/src/protocol/recordBatch/record/v0';
const CRC32C = 'kafkajs/src/protocol/recordBatch/crc32C';
const RECORD_BATCH = 'kafkajs/src/protocol/recordBatch/v0';
const PRODUCE_REQUEST = 'kafkajs/src/protocol/requests/produce/v3/request';

/** Runs `body` in a module registry of its own: a fresh kafkajs, and a fresh copy of our replacements. */
const inFreshModules = <T>(body: (ours: () => Ours) => T): T => {
  let result: T;
  jest.isolateModules(() => {
    result = body(() => ({
      ...(module.require('./kafkajs-encoding') as Pick<Ours, 'useFastEncoding'>),
      ...(module.require('./compact-record') as Pick<Ours, 'encodeRecord'>),
      ...(module.require('./crc32c') as Pick<Ours, 'crc32c'>),
    }));
  });
  return result!;
};

const messages = Array.from({ length: 50 }, (_, i) => ({
  key: `CMM-525-0002-2026-${String(i % 7).padStart(5, '0')}`,
  value: JSON.stringify({ n: i, holderName: '认证' }),
  headers: { ce_id: `event-${i}`, ce_type: 'cn.cmm.certification.certificate.issued.v1' },
  // Fixed, so that both encodings stamp the same times (kafkajs stamps Date.now() otherwise).
  timestamp: String(1_750_000_000_000 + i * 3),
}));
const produce = (request: ProduceRequest) =>
  request({
    acks: -1,
    timeout: 30_000,
    topicData: [{ topic: 'status', partitions: [{ partition: 2, firstSequence: 0, messages }] }],
  }).encode();

describe('useFastEncoding', () => {
  it("puts encodeRecord and crc32c in kafkajs' place before it loads its Produce request, which then writes the same bytes", async () => {
    const ours = inFreshModules((load) => {
      const { useFastEncoding, encodeRecord, crc32c } = load();
      return {
        installed: useFastEncoding(),
        again: useFastEncoding(),
        record: module.require(RECORD) === encodeRecord,
        crc: module.require(CRC32C) === crc32c,
        request: module.require(PRODUCE_REQUEST) as ProduceRequest,
      };
    });
    const theirs = inFreshModules(() => module.require(PRODUCE_REQUEST) as ProduceRequest);
    expect(ours).toMatchObject({ installed: true, again: true, record: true, crc: true });
    const [fast, original] = await Promise.all([produce(ours.request), produce(theirs)]);
    expect(fast.buffer.equals(original.buffer)).toBe(true);
  });

  it('leaves kafkajs its own encoding where it already loaded the modules that take it', () => {
    const afterProduce = inFreshModules((load) => {
      module.require(PRODUCE_REQUEST);
      const { useFastEncoding, encodeRecord } = load();
      return { installed: useFastEncoding(), record: module.require(RECORD) === encodeRecord };
    });
    expect(afterProduce).toEqual({ installed: false, record: false });

    // A consumer's first fetch loads the record batch (with its checksum), not the Produce request.
    const afterFetch = inFreshModules((load) => {
      module.require(RECORD_BATCH);
      const { useFastEncoding, encodeRecord, crc32c } = load();
      return {
        installed: useFastEncoding(),
        record: module.require(RECORD) === encodeRecord,
        crc: module.require(CRC32C) === crc32c,
      };
    });
    expect(afterFetch).toEqual({ installed: false, record: true, crc: false });
  });
});
