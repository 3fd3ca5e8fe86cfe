import { cancelStory, fullStory, NUMBER, organisation } from './contract-story.fixtures';
import { toStatusEvent } from './status-event.mapping';
import { validateStatusEvent } from './status-event.validate';
import {
  STATUS_EVENT_SOURCE,
  STATUS_EVENT_TYPES,
  ceTypeOf,
  type CertificateStatusEvent,
} from './status-event.types';
import type { RecordedEvent } from '@app/event-store';

/** Maps a stream as the relay does: tracking the latest holder name and status per certificate. */
const mapStream = (events: RecordedEvent[]): Array<CertificateStatusEvent | null> => {
  let holderName: string | null = null;
  let status: CertificateStatusEvent['data']['newStatus'] = null;
  return events.map((event) => {
    const mapped = toStatusEvent(event, holderName, status);
    if (mapped) {
      holderName = mapped.data.holderName;
      status = mapped.data.newStatus ?? status;
    }
    return mapped;
  });
};

describe('toStatusEvent on events of the real certificate decider', () => {
  const events = fullStory();
  const mapped = mapStream(events);
  const byType = (type: string) => mapped.find((event) => event?.type === ceTypeOf(type as never));

  it('maps each domain event to its integration type, everything else to null', () => {
    expect(events.map((event, i) => [event.type, mapped[i]?.type ?? null])).toEqual([
      ['CertificateIssued', ceTypeOf('issued')],
      ['CertificateChanged', ceTypeOf('changed')],
      ['CertificateSuspended', ceTypeOf('suspended')],
      ['CertificateReissued', ceTypeOf('reissued')],
      ['CertificateReinstated', ceTypeOf('reinstated')],
      ['SurveillanceRecorded', ceTypeOf('maintained')],
      ['SurveillanceRecorded', null],
      ['CertificateChanged', ceTypeOf('changed')],
      ['CertificateRenewed', ceTypeOf('renewed')],
      ['RevocationOpened', ceTypeOf('revocation-opened')],
      ['RevocationNoticeIssued', null],
      ['RevocationAppealLodged', null],
      ['RevocationAppealDecided', null],
      ['CertificateRevoked', ceTypeOf('revoked')],
    ]);
    expect(mapStream(cancelStory()).map((event) => event?.type)).toEqual([
      ceTypeOf('issued'),
      ceTypeOf('cancelled'),
    ]);
  });

  it('covers every integration event type, and every one validates against its schema', () => {
    const all = [...mapped, ...mapStream(cancelStory())].filter(
      (e): e is CertificateStatusEvent => e !== null,
    );
    expect(new Set(all.map((event) => event.type))).toEqual(new Set(STATUS_EVENT_TYPES.map(ceTypeOf)));
    all.forEach((event) =>
      expect({ type: event.type, problems: validateStatusEvent(event) }).toEqual({
        type: event.type,
        problems: [],
      }),
    );
  });

  it('fills the envelope from the recorded event: id, source, subject, time, position', () => {
    const source = events[2];
    expect(mapped[2]).toMatchObject({
      id: source.id,
      source: STATUS_EVENT_SOURCE,
      subject: NUMBER,
      time: '2026-06-01T02:00:00.000Z',
      data: {
        certificateNumber: NUMBER,
        effectiveTime: '2026-06-01T02:00:00.000Z',
        position: '3/3',
        schemeVersion: 'CMM-525-0002@V1.0',
      },
    });
  });

  it('carries status transitions, reason codes and reasons', () => {
    expect(byType('issued')?.data).toMatchObject({
      previousStatus: null,
      newStatus: 'VALID',
      reasonCode: 'GRANT',
      expiryDate: '2029-01-08',
      holderName: organisation.name,
    });
    expect(byType('suspended')?.data).toMatchObject({
      previousStatus: 'VALID',
      newStatus: 'SUSPENDED',
      reasonCode: 'MINOR_NC_NOT_CORRECTED',
      reason: 'NC-3 open past its due date',
    });
    expect(byType('reissued')?.data).toMatchObject({
      previousStatus: 'SUSPENDED',
      newStatus: 'SUSPENDED',
      reasonCode: 'LOST',
      reason: null,
    });
    expect(byType('reinstated')?.data).toMatchObject({
      previousStatus: 'SUSPENDED',
      newStatus: 'VALID',
      reasonCode: 'VERIFIED_BY_AUDIT',
    });
    expect(byType('maintained')?.data).toMatchObject({
      previousStatus: 'VALID',
      newStatus: 'VALID',
      reasonCode: 'MAINTAIN',
    });
    expect(byType('renewed')?.data).toMatchObject({
      reasonCode: 'RECERTIFICATION',
      expiryDate: '2032-01-08',
    });
    expect(byType('revocation-opened')?.data).toMatchObject({
      previousStatus: 'VALID',
      newStatus: 'VALID',
      reasonCode: 'SERIOUS_VIOLATION',
      reason: null,
    });
    expect(byType('revoked')?.data).toMatchObject({
      previousStatus: 'VALID',
      newStatus: 'REVOKED',
      reasonCode: 'SERIOUS_VIOLATION',
      reason: 'Revoked after rejected appeal',
    });
    expect(mapStream(cancelStory())[1]?.data).toMatchObject({
      previousStatus: 'VALID',
      newStatus: 'CANCELLED',
      reasonCode: 'HOLDER_REQUEST',
    });
  });

  it('takes the holder name from the event when it has one, else from the argument', () => {
    const [address, name] = mapped.filter((event) => event?.type === ceTypeOf('changed'));
    expect(address?.data).toMatchObject({
      holderName: organisation.name,
      change: { field: 'ADDRESS', after: '上海市浦东新区示例路2号' },
    });
    expect(name?.data).toMatchObject({
      holderName: '示例智能客服集团有限公司',
      change: { field: 'NAME', before: organisation.name },
    });
    expect(byType('revoked')?.data.holderName).toBe('示例智能客服集团有限公司');
    expect(toStatusEvent(events[2], null)?.data.holderName).toBeNull();
    expect(toStatusEvent(events[0], 'stale name')?.data.holderName).toBe(organisation.name);
  });

  it('reports an unknown unchanged status as null when the caller does not pass it', () => {
    expect(toStatusEvent(events[3], 'x')?.data).toMatchObject({ previousStatus: null, newStatus: null });
  });

  it('ignores events of other streams', () => {
    expect(toStatusEvent({ ...events[0], streamId: 'application-1' }, null)).toBeNull();
  });
});
