import { randomBytes } from 'node:crypto';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { keyPartitioner, murmur2 } from './key-partitioner';

const partitions = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));

describe('murmur2', () => {
  it("gives the Java client's values (Kafka's own UtilsTest cases)", () => {
    const cases: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, expected] of cases) expect(murmur2(Buffer.from(key))).toBe(expected);
  });
});

describe('keyPartitioner', () => {
  it("puts every key on the partition kafkajs' DefaultPartitioner chooses", () => {
    const ours = keyPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    const keys = [
      'CMM-525-0002-2026-00001',
      '',
      'é',
      '证书-2026-认证',
      ...Array.from({ length: 500 }, (_, i) => randomBytes(i % 41).toString('base64')),
      ...Array.from({ length: 100 }, (_, i) => randomBytes(i % 13).toString('latin1')),
    ];
    for (const count of [1, 3, 6, 7]) {
      const partitionMetadata = partitions(count);
      for (const key of keys) {
        const args = { topic: 'status', partitionMetadata, message: { key, value: null } };
        expect([key, ours(args)]).toEqual([key, theirs(args)]);
      }
    }
  });

  it('refuses a record without a key', () => {
    const args = { topic: 'status', partitionMetadata: partitions(3), message: { key: null, value: 'x' } };
    expect(() => keyPartitioner()(args)).toThrow('status records carry a key');
  });
});
