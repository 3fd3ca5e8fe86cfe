import { randomBytes, randomUUID } from 'node:crypto';
import { encodeRecord, type EncodedRecord, type RecordInput } from './compact-record';

type RecordEncoder = (record: RecordInput) => EncodedRecord;

/** kafkajs' own record encoder (nothing in this file puts encodeRecord in its place). */
const theirs = module.require('kafkajs/src/protocol/recordBatch/record/v0') as RecordEncoder;

const statusHeaders = (id: string) => ({
  ce_specversion: '1.0',
  ce_id: id,
  ce_type: 'cn.cmm.certification.certificate.suspended.v1',
  ce_source: 'urn:cmm:certification:certificate-registry',
  ce_subject: 'CMM-525-0002-2026-00001',
  ce_time: '2026-06-01T02:00:00.000Z',
  'content-type': 'application/json',
});

describe('encodeRecord', () => {
  it('writes the bytes kafkajs writes for a status record', () => {
    const record = {
      offsetDelta: 17,
      timestampDelta: 0,
      key: 'CMM-525-0002-2026-00001',
      value: JSON.stringify({ holderName: '华信认证（北京）有限公司', reason: 'x'.repeat(300) }),
      headers: statusHeaders(randomUUID()),
    };
    expect(encodeRecord(record).buffer).toEqual(theirs(record).buffer);
  });

  it('writes the bytes kafkajs writes for keys, values and headers of every kind and size', () => {
    const texts = ['', 'a', 'é', '证书', '\u{1f600}', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(20_000)];
    const records: RecordInput[] = [
      { key: null, value: 'v' },
      { key: undefined, value: null },
      { key: Buffer.from([0, 255, 7]), value: randomBytes(300) },
      {
        key: 'k',
        value: 'v',
        headers: { empty: '', bytes: Buffer.from('b'), repeated: ['1', Buffer.from('2')] },
      },
      { key: 'k', value: 'v', headers: {} },
      ...texts.map((text) => ({ key: text, value: text, headers: { [text || 'h']: text } })),
      ...[0, 1, 63, 64, 127, 128, 8191, 8192, 999_999].map((offsetDelta) => ({
        offsetDelta,
        key: 'k',
        value: 'v',
      })),
      ...[-1, 1, 64, -65, 2 ** 31, -(2 ** 40), 1_750_000_000_000].map((timestampDelta) => ({
        timestampDelta,
        key: 'k',
        value: 'v',
      })),
    ];
    for (const record of records)
      expect([record, encodeRecord(record).buffer]).toEqual([record, theirs(record).buffer]);
  });

  it('refuses bytes kafkajs could not write either', () => {
    expect(() => encodeRecord({ key: 'k', value: 42 as unknown as string })).toThrow(TypeError);
    expect(() => encodeRecord({ key: 'k', value: 'v', offsetDelta: 0.5 })).toThrow(RangeError);
  });
});
