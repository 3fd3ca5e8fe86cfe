import { StreamNotFoundError, type EventStore } from '@app/event-store';
import { eventsInLogOrder, findFileStreams, loadCertificateFile } from './certificate-file';
import { readStoredFile } from './verification';
import { eventsUpTo, stateAt } from './point-in-time';
import { DECIDER, NUMBER, STREAM, at, issued, storeWith, type StoryEvent } from './regulator.fixtures';

const PROGRAMME = { id: 'user-programme', role: 'PROGRAMME_MANAGER' };
const INTAKE = { id: 'user-intake', role: 'INTAKE_OFFICER' };

// Readable ids: the application and audit streams of the file, and some of another certificate's.
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [INITIAL_APP, RENEWAL_APP, OTHER_APP, LATE_APP] = [1, 2, 3, 4].map(id);
const [INITIAL_AUDIT, SURVEILLANCE, SPECIAL, RENEWAL_AUDIT, OTHER_AUDIT, REFERENCED_ONLY] = [
  11, 12, 13, 14, 15, 16,
].map(id);

const submitted = (applicationId: string, certificateNumber: string | null, date: string): StoryEvent => ({
  type: 'ApplicationSubmitted',
  occurredAt: at(date),
  actor: INTAKE,
  data: { applicationId, kind: certificateNumber ? 'RECERTIFICATION' : 'INITIAL', certificateNumber },
});
const scheduled = (auditId: string, subject: Record<string, string>, date: string): StoryEvent => ({
  type: 'AuditScheduled',
  occurredAt: at(date),
  actor: PROGRAMME,
  data: { auditId, subject },
});
const ofApplication = (applicationId: string) => ({ kind: 'APPLICATION', applicationId });
const ofCertificate = (certificateNumber: string) => ({ kind: 'CERTIFICATE', certificateNumber });

const surveillanceRecorded: StoryEvent = {
  type: 'SurveillanceRecorded',
  occurredAt: at('2027-05-17'),
  actor: DECIDER,
  data: { auditId: SURVEILLANCE, outcome: 'MAINTAIN', date: '2027-05-17', approver: DECIDER },
};
const renewedOn: StoryEvent = {
  type: 'CertificateRenewed',
  occurredAt: at('2029-05-14'),
  actor: DECIDER,
  data: {
    grant: { auditId: REFERENCED_ONLY },
    expiryDate: '2032-06-01',
    date: '2029-05-14',
    approver: DECIDER,
  },
};

/**
 * The log: the initial application and its audit; the certificate (issued on the initial audit's grant); a
 * surveillance; a special audit on the certificate that nothing else names; a renewal application naming the
 * certificate and its audit; an audit only the renewal names (whose application does not name the certificate);
 * and another certificate's application and audit.
 */
const log = (): [string, StoryEvent][] => [
  [`application-${INITIAL_APP}`, submitted(INITIAL_APP, null, '2026-05-04')],
  [`audit-${INITIAL_AUDIT}`, scheduled(INITIAL_AUDIT, ofApplication(INITIAL_APP), '2026-05-07')],
  [`application-${OTHER_APP}`, submitted(OTHER_APP, null, '2026-05-08')],
  [`audit-${OTHER_AUDIT}`, scheduled(OTHER_AUDIT, ofApplication(OTHER_APP), '2026-05-09')],
  [
    STREAM,
    {
      ...issued,
      data: { ...issued.data, applicationId: INITIAL_APP, grant: { auditId: INITIAL_AUDIT } },
    },
  ],
  [`audit-${SURVEILLANCE}`, scheduled(SURVEILLANCE, ofCertificate(NUMBER), '2027-05-10')],
  [STREAM, surveillanceRecorded],
  [`audit-${SPECIAL}`, scheduled(SPECIAL, ofCertificate(NUMBER), '2027-09-01')],
  [`audit-${OTHER_AUDIT}`, scheduled(OTHER_AUDIT, ofCertificate('CMM-ICS-2026-00099'), '2027-09-02')],
  [`application-${RENEWAL_APP}`, submitted(RENEWAL_APP, NUMBER, '2029-03-01')],
  [`audit-${RENEWAL_AUDIT}`, scheduled(RENEWAL_AUDIT, ofApplication(RENEWAL_APP), '2029-03-05')],
  [`application-${LATE_APP}`, submitted(LATE_APP, null, '2029-03-06')],
  [`audit-${REFERENCED_ONLY}`, scheduled(REFERENCED_ONLY, ofApplication(LATE_APP), '2029-03-07')],
  [STREAM, renewedOn],
];

describe('the file of a certificate, found from the events', () => {
  it('takes the applications and audits that led to it and followed it, and nothing of another certificate', async () => {
    const store = await storeWith(log());
    try {
      expect(new Set(await findFileStreams(store, NUMBER))).toEqual(
        new Set([
          STREAM,
          `application-${INITIAL_APP}`, // carried by CertificateIssued
          `audit-${INITIAL_AUDIT}`, // of that application (and the grant's audit)
          `audit-${SURVEILLANCE}`, // of the certificate
          `audit-${SPECIAL}`, // of the certificate, named by nothing else
          `application-${RENEWAL_APP}`, // names the certificate
          `audit-${RENEWAL_AUDIT}`, // of that application
          `audit-${REFERENCED_ONLY}`, // named by the renewal's grant …
          `application-${LATE_APP}`, // … which brings in its application
        ]),
      );
      const file = await loadCertificateFile(store, NUMBER);
      // Ordered by each stream's first position in the log.
      expect(file.streams.map((s) => s.streamId)).toEqual([
        `application-${INITIAL_APP}`,
        `audit-${INITIAL_AUDIT}`,
        STREAM,
        `audit-${SURVEILLANCE}`,
        `audit-${SPECIAL}`,
        `application-${RENEWAL_APP}`,
        `audit-${RENEWAL_AUDIT}`,
        `application-${LATE_APP}`,
        `audit-${REFERENCED_ONLY}`,
      ]);
      // 14 events in the log, 3 of them the other certificate's (its application and its audit's two).
      expect(eventsInLogOrder(file)).toHaveLength(11);
    } finally {
      await store.close();
    }
  });

  it('is found through the store’s references, without reading the whole log', async () => {
    const store = await storeWith(log());
    try {
      const withoutLogReads = Object.assign(Object.create(store) as EventStore, {
        readAll: () => Promise.reject(new Error('the whole log was read')),
        subscribeToAll: () => {
          throw new Error('the whole log was read');
        },
      });
      expect(await findFileStreams(withoutLogReads, NUMBER)).toEqual(await findFileStreams(store, NUMBER));
      expect(await findFileStreams(store, NUMBER)).toHaveLength(9);
    } finally {
      await store.close();
    }
  });

  it('does not exist for an unknown number', async () => {
    const store = await storeWith(log());
    try {
      await expect(findFileStreams(store, 'CMM-ICS-2026-00099')).rejects.toBeInstanceOf(StreamNotFoundError);
    } finally {
      await store.close();
    }
  });

  it('is read in pages, reporting progress against the streams’ lengths', async () => {
    const reissues: [string, StoryEvent][] = Array.from({ length: 1100 }, (_, i) => [
      STREAM,
      {
        type: 'CertificateReissued',
        occurredAt: at('2026-07-01'),
        actor: DECIDER,
        data: { documentRevision: i + 2 },
      },
    ]);
    const store = await storeWith([[STREAM, issued], ...reissues]);
    try {
      const progress: [number, number][] = [];
      const streams = await readStoredFile(store, NUMBER, (done, total) => progress.push([done, total]));
      expect(streams[0].events).toHaveLength(1101);
      // 1 101 events: pages of 500, 500 and 101.
      expect(progress).toEqual([
        [0, 1101],
        [500, 1101],
        [1000, 1101],
        [1101, 1101],
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('the state at a moment', () => {
  it('folds each stream’s prefix up to the moment: a later event never counts, whatever its clock said', async () => {
    const store = await storeWith(log());
    try {
      const events = (await loadCertificateFile(store, NUMBER)).streams.find(
        (s) => s.kind === 'certificate',
      )!.events;
      const skewed = [
        events[0],
        { ...events[1], metadata: { ...events[1].metadata, occurredAt: at('2030-01-01') } },
        events[2],
      ];
      // The renewal (2029) comes after an event stamped 2030: at 2029-12-31 only the issue has happened.
      expect(eventsUpTo(skewed, Date.parse(at('2029-12-31'))).map((e) => e.type)).toEqual([
        'CertificateIssued',
      ]);
    } finally {
      await store.close();
    }
  });

  it('counts an event that occurred exactly at the moment', async () => {
    const store = await storeWith(log());
    try {
      const file = await loadCertificateFile(store, NUMBER);
      expect(stateAt(file, at('2026-06-01')).certificate.state.status).toBe('VALID');
      expect(stateAt(file, '2026-06-01T01:59:59.999Z')).toMatchObject({
        certificate: { revision: null, state: { status: 'NONE' } },
        registryEntry: null,
      });
    } finally {
      await store.close();
    }
  });
});
