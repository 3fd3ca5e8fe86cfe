import { randomBytes } from 'node:crypto';
import { crc32c } from './crc32c';

const kafkajsCrc32c = module.require('kafkajs/src/protocol/recordBatch/crc32C') as (data: Buffer) => number;

describe('crc32c', () => {
  it('gives the CRC-32C check value and those of the RFC 3720 test vectors', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32, 0x00))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it("agrees with kafkajs' own for data of every length up to a few batches of eight, and for a large batch", () => {
    for (let length = 0; length < 100; length++) {
      const data = randomBytes(length);
      expect([length, crc32c(data)]).toEqual([length, kafkajsCrc32c(data)]);
    }
    const batch = randomBytes(600_000);
    expect(crc32c(batch)).toBe(kafkajsCrc32c(batch));
  });
});
