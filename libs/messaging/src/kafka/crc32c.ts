/** CRC-32C (Castagnoli, reflected polynomial 0x82f63b78): the checksum of a Kafka record batch. */
const POLYNOMIAL = 0x82f63b78;

/** Eight tables, so that the loop folds in eight bytes a step ("slicing-by-8"). */
const TABLES = ((): Int32Array[] => {
  const tables = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
    tables[0][byte] = crc;
  }
  for (let byte = 0; byte < 256; byte++) {
    for (let table = 1; table < 8; table++) {
      const previous = tables[table - 1][byte];
      tables[table][byte] = (previous >>> 8) ^ tables[0][previous & 0xff];
    }
  }
  return tables;
})();
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

/**
 * CRC-32C of `data`, unsigned. kafkajs' own folds in one byte a step; for the half-megabyte batches of a relay
 * catch-up this one takes about a third of its time.
 */
export const crc32c = (data: Uint8Array): number => {
  let crc = -1;
  let i = 0;
  const whole = data.length - (data.length % 8);
  for (; i < whole; i += 8) {
    const low = crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    crc =
      T7[low & 0xff] ^
      T6[(low >>> 8) & 0xff] ^
      T5[(low >>> 16) & 0xff] ^
      T4[low >>> 24] ^
      T3[data[i + 4]] ^
      T2[data[i + 5]] ^
      T1[data[i + 6]] ^
      T0[data[i + 7]];
  }
  for (; i < data.length; i++) crc = T0[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
};
