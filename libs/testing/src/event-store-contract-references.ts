import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '@app/event-store';
import type { EventStore, EventToAppend, StreamReference } from '@app/event-store';

/**
 * `findStreamReferences` of the EventStore contract (`describeEventStoreContract` runs it on every adapter): the
 * references the domain's `streamReferencesOf` derives from appended events, found from either end. Every test
 * uses fresh ids, so the suite also runs against a shared, non-empty store.
 */
export const describeStreamReferencesContract = (
  storeOf: () => EventStore,
  anEvent: (type: string, data?: object) => EventToAppend,
): void => {
  describe('findStreamReferences', () => {
    /** A certificate's file: initial application and audit, the certificate, a surveillance, a renewal. */
    const aFile = async () => {
      const store = storeOf();
      const [number, otherNumber] = [`CMM-${randomUUID()}`, `CMM-${randomUUID()}`];
      const [initial, renewal, other, initialAudit, surveillance] = Array.from({ length: 5 }, randomUUID);
      const ids = {
        certificate: `certificate-${number}`,
        initial: `application-${initial}`,
        renewal: `application-${renewal}`,
        other: `application-${other}`,
        otherCertificate: `certificate-${otherNumber}`,
        initialAudit: `audit-${initialAudit}`,
        surveillance: `audit-${surveillance}`,
      };
      await store.append(
        ids.initial,
        [anEvent('ApplicationSubmitted', { certificateNumber: null })],
        'no_stream',
      );
      const ofInitial = { subject: { kind: 'APPLICATION', applicationId: initial } };
      await store.append(ids.initialAudit, [anEvent('AuditScheduled', ofInitial)], 'no_stream');
      const issued = anEvent('CertificateIssued', {
        applicationId: initial,
        grant: { auditId: initialAudit },
      });
      await store.append(
        ids.certificate,
        [issued, anEvent('CertificateChanged', { field: 'ADDRESS' })],
        'no_stream',
      );
      const ofCertificate = { subject: { kind: 'CERTIFICATE', certificateNumber: number } };
      await store.append(ids.surveillance, [anEvent('AuditScheduled', ofCertificate)], 'no_stream');
      const recorded = anEvent('SurveillanceRecorded', { auditId: surveillance });
      await store.append(ids.certificate, [recorded], 1);
      await store.append(
        ids.renewal,
        [anEvent('ApplicationSubmitted', { certificateNumber: number })],
        'no_stream',
      );
      // Another certificate's application, and an event of a referencing type in a stream of another kind.
      const ofOther = { certificateNumber: otherNumber };
      await store.append(ids.other, [anEvent('ApplicationSubmitted', ofOther)], 'no_stream');
      const misplaced = anEvent('ApplicationSubmitted', { certificateNumber: number });
      await store.append(`contract-${randomUUID()}`, [misplaced], 'no_stream');
      return { store, ids };
    };
    const sorted = (references: StreamReference[]) =>
      references
        .map(({ streamId, referencedStreamId }) => `${streamId} → ${referencedStreamId}`)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

    it('finds the references a stream makes and those made to it, each once', async () => {
      const { store, ids } = await aFile();
      expect(sorted(await store.findStreamReferences([ids.certificate]))).toEqual(
        sorted([
          { streamId: ids.certificate, referencedStreamId: ids.initial },
          { streamId: ids.certificate, referencedStreamId: ids.initialAudit },
          { streamId: ids.certificate, referencedStreamId: ids.surveillance },
          { streamId: ids.surveillance, referencedStreamId: ids.certificate },
          { streamId: ids.renewal, referencedStreamId: ids.certificate },
        ]),
      );
    });

    it('answers for several streams at once, and nothing for streams without references', async () => {
      const { store, ids } = await aFile();
      expect(
        sorted(await store.findStreamReferences([ids.initial, ids.other, `audit-${randomUUID()}`])),
      ).toEqual(
        sorted([
          { streamId: ids.certificate, referencedStreamId: ids.initial },
          { streamId: ids.initialAudit, referencedStreamId: ids.initial },
          { streamId: ids.other, referencedStreamId: ids.otherCertificate },
        ]),
      );
      expect(await store.findStreamReferences([])).toEqual([]);
    });

    it('records the references of appended events only: not of a rejected append, once for a replay', async () => {
      const store = storeOf();
      const [number, applicationId] = [`CMM-${randomUUID()}`, randomUUID()];
      const [certificate, application] = [`certificate-${number}`, `application-${applicationId}`];
      const submitted = anEvent('ApplicationSubmitted', { certificateNumber: number });
      await store.append(application, [anEvent('ApplicationAccepted')], 'no_stream');
      await expect(store.append(application, [submitted], 'no_stream')).rejects.toThrow(
        WrongExpectedVersionError,
      );
      expect(await store.findStreamReferences([certificate])).toEqual([]);
      await store.append(application, [submitted], 0);
      await store.append(application, [submitted], 0);
      expect(await store.findStreamReferences([certificate])).toEqual([
        { streamId: application, referencedStreamId: certificate },
      ]);
    });
  });
};
