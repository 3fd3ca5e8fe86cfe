import type { ICustomPartitioner } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) of `data`, in 32-bit arithmetic as the Java
 * client computes it. kafkajs' own emulates it with 64-bit Long objects, several per four bytes of key.
 */
export const murmur2 = (data: Uint8Array): number => {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= data[whole + 2] << 16;
    if (rest >= 2) h ^= data[whole + 1] << 8;
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
};

/**
 * The Java client's partitioner for keyed records — `toPositive(murmur2(utf8(key))) % partitions` — so every
 * producer puts a certificate on the same partition, as kafkajs' DefaultPartitioner does, at a fraction of its
 * cost per message. Status records always carry a key (the certificate number).
 */
export const keyPartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    if (message.key === null || message.key === undefined) throw new Error('status records carry a key');
    const key = typeof message.key === 'string' ? Buffer.from(message.key, 'utf8') : message.key;
    return (murmur2(key) & 0x7fffffff) % partitionMetadata.length;
  };
