import { fullStory } from './contract-story.fixtures';
import { toStatusEvent } from './status-event.mapping';
import { statusEventSchemas } from './status-event.schemas';
import { validateStatusEvent } from './status-event.validate';
import { STATUS_EVENT_TYPES, ceTypeOf, type CertificateStatusEvent } from './status-event.types';

const suspended = (): CertificateStatusEvent => {
  const event = toStatusEvent(fullStory()[2], 'Holder');
  if (!event) throw new Error('fixture: suspension not mapped');
  return event;
};

describe('validateStatusEvent', () => {
  it('has one closed JSON Schema per ce_type', () => {
    const schemas = statusEventSchemas();
    expect(Object.keys(schemas).sort()).toEqual(STATUS_EVENT_TYPES.map(ceTypeOf).sort());
    Object.values(schemas).forEach((schema) => expect(schema).toMatchObject({ additionalProperties: false }));
  });

  it('accepts a valid event', () => {
    expect(validateStatusEvent(suspended())).toEqual([]);
  });

  it.each<[string, (event: CertificateStatusEvent) => CertificateStatusEvent, RegExp]>([
    [
      'an extra data field',
      (e) => ({ ...e, data: { ...e.data, email: 'x@y.cn' } as CertificateStatusEvent['data'] }),
      /additional properties/,
    ],
    ['a wrong transition', (e) => ({ ...e, data: { ...e.data, newStatus: 'VALID' } }), /newStatus/],
    [
      'a missing field',
      (e) => {
        const { reasonCode: _omit, ...data } = e.data;
        return { ...e, data: data as CertificateStatusEvent['data'] };
      },
      /reasonCode/,
    ],
    [
      'an unknown type',
      (e) => ({ ...e, type: 'cn.cmm.certification.certificate.exploded.v1' }),
      /unknown ce_type/,
    ],
    ['a subject that is not the number', (e) => ({ ...e, subject: 'other' }), /subject/],
    ['a bad position', (e) => ({ ...e, data: { ...e.data, position: '12' } }), /position/],
    ['a bad time', (e) => ({ ...e, time: 'yesterday' }), /time/],
  ])('refuses %s', (_name, mutate, problem) => {
    expect(validateStatusEvent(mutate(suspended())).join('\n')).toMatch(problem);
  });
});
