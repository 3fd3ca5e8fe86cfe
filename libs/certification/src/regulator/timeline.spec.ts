import { DECIDER, NUMBER, REGISTRY, STORY, at, issued, storyEvents, suspended } from './regulator.fixtures';
import { buildTimeline } from './timeline';

describe('buildTimeline — status intervals of a certificate (R-CERT-4, §8.1)', () => {
  it('cuts the stream into VALID → SUSPENDED → VALID, with the reasons that began and ended each interval', async () => {
    const timeline = buildTimeline(NUMBER, await storyEvents());

    expect(timeline.status).toBe('VALID');
    expect(
      timeline.intervals.map(({ status, fromDate, toDate, start, end }) => ({
        status,
        fromDate,
        toDate,
        began: [start.eventType, start.reasonCode, start.reason],
        ended: end && [end.eventType, end.reasonCode, end.reason],
      })),
    ).toEqual([
      {
        // Issued on the grant: the reason is the code GRANT, no text.
        status: 'VALID',
        fromDate: '2026-06-01',
        toDate: '2026-09-01',
        began: ['CertificateIssued', 'GRANT', null],
        ended: ['CertificateSuspended', 'MAJOR_CHANGE_NOT_REPORTED', 'relocation not reported'],
      },
      {
        // Suspended 2026-09-01 → reinstated 2026-10-15: the suspension lasted 44 days (30 in September + 14).
        status: 'SUSPENDED',
        fromDate: '2026-09-01',
        toDate: '2026-10-15',
        began: ['CertificateSuspended', 'MAJOR_CHANGE_NOT_REPORTED', 'relocation not reported'],
        ended: ['CertificateReinstated', null, 'the correction was verified'],
      },
      {
        // Still open: no event has ended it.
        status: 'VALID',
        fromDate: '2026-10-15',
        toDate: null,
        began: ['CertificateReinstated', null, 'the correction was verified'],
        ended: null,
      },
    ]);
  });

  it('lists the other events inside the interval they happened in, with a summary', async () => {
    const [first, suspension, current] = buildTimeline(NUMBER, await storyEvents()).intervals;
    expect(first.events).toEqual([
      expect.objectContaining({
        eventType: 'CertificateChanged',
        date: '2026-07-15',
        summary: 'ADDRESS: 福州市鼓楼区 1 号 → 福州市台江区 8 号',
        reason: 'relocation',
        approver: REGISTRY,
      }),
    ]);
    expect(suspension.events).toEqual([]);
    expect(suspension.start).toMatchObject({
      summary: 'correct by 2026-12-31',
      approver: DECIDER,
      occurredAt: at('2026-09-01'),
      streamRevision: 2,
    });
    expect(suspension.end).toMatchObject({ summary: 'verified by REVIEW REV-2026-031' });
    expect(current.events.map((event) => [event.eventType, event.date, event.summary])).toEqual([
      ['SurveillanceRecorded', '2027-05-17', 'SURVEILLANCE decided 2027-05-17: MAINTAIN'],
      // R-CERT-9: old expiry + 3 years.
      ['CertificateRenewed', '2029-05-14', 'expiry 2029-06-01 → 2032-06-01'],
    ]);
  });

  it('ends with a final status that has no end (REVOKED, CANCELLED)', async () => {
    const revoked = {
      type: 'CertificateRevoked',
      occurredAt: at('2026-10-21'),
      actor: DECIDER,
      data: {
        statusBefore: 'SUSPENDED',
        statusAfter: 'REVOKED',
        ground: 'SERIOUS_VIOLATION',
        reasons: ['serious violation'],
        reason: 'appeal rejected',
        appealVerdict: 'REJECTED',
        approver: DECIDER,
        date: '2026-10-21',
      },
    };
    const timeline = buildTimeline(NUMBER, await storyEvents([issued, suspended, revoked]));
    expect(timeline.status).toBe('REVOKED');
    expect(timeline.intervals.map((i) => [i.status, i.fromDate, i.toDate])).toEqual([
      ['VALID', '2026-06-01', '2026-09-01'],
      ['SUSPENDED', '2026-09-01', '2026-10-21'],
      ['REVOKED', '2026-10-21', null],
    ]);
    expect(timeline.intervals[2].start).toMatchObject({
      reasonCode: 'SERIOUS_VIOLATION',
      reason: 'appeal rejected',
    });
  });

  it('is empty (status NONE) for no events, and runs on any prefix of the stream', async () => {
    expect(buildTimeline(NUMBER, [])).toEqual({ certificateNumber: NUMBER, status: 'NONE', intervals: [] });
    const prefix = (await storyEvents()).slice(0, 3);
    expect(buildTimeline(NUMBER, prefix).intervals.map((i) => [i.status, i.toDate])).toEqual([
      ['VALID', '2026-09-01'],
      ['SUSPENDED', null],
    ]);
  });

  it('dates an event without an Annex B date by its occurredAt in UTC+8', async () => {
    const late = {
      ...issued,
      occurredAt: '2026-05-31T18:30:00.000Z',
      data: { ...issued.data, date: undefined },
    };
    // 18:30 UTC is 02:30 the next morning in Beijing.
    expect(buildTimeline(NUMBER, await storyEvents([late])).intervals[0].fromDate).toBe('2026-06-01');
  });

  it('keeps the whole story in order', async () => {
    const timeline = buildTimeline(NUMBER, await storyEvents());
    const revisions = timeline.intervals.flatMap((i) => [i.start, ...i.events].map((e) => e.streamRevision));
    expect(revisions).toEqual(STORY.map((_, revision) => revision));
  });
});
