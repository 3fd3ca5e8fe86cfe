import { REFERENCING_EVENT_TYPES, streamReferencesOf } from './stream-references';

const CERTIFICATE = 'certificate-CMM-ICS-2026-00001';

describe('the streams an event refers to', () => {
  it('a certificate event: its application, its audit, and the audit of its grant', () => {
    expect(
      streamReferencesOf(CERTIFICATE, 'CertificateIssued', {
        applicationId: 'app-1',
        grant: { auditId: 'audit-1', auditType: 'INITIAL' },
      }),
    ).toEqual(['application-app-1', 'audit-audit-1']);
    expect(streamReferencesOf(CERTIFICATE, 'CertificateSuspended', { auditId: 'audit-2' })).toEqual([
      'audit-audit-2',
    ]);
    expect(streamReferencesOf(CERTIFICATE, 'CertificateSuspended', { auditId: null })).toEqual([]);
    expect(streamReferencesOf(CERTIFICATE, 'CertificateRenewed', { grant: { auditId: 'audit-3' } })).toEqual([
      'audit-audit-3',
    ]);
  });

  it('an application names the certificate it renews; an initial one names none', () => {
    const renewal = { applicationId: 'app-2', certificateNumber: 'CMM-ICS-2026-00001' };
    expect(streamReferencesOf('application-app-2', 'ApplicationSubmitted', renewal)).toEqual([CERTIFICATE]);
    const initial = { applicationId: 'app-1', certificateNumber: null };
    expect(streamReferencesOf('application-app-1', 'ApplicationSubmitted', initial)).toEqual([]);
  });

  it('an audit names its subject, an application or a certificate', () => {
    const ofApplication = { subject: { kind: 'APPLICATION', applicationId: 'app-1' } };
    expect(streamReferencesOf('audit-audit-1', 'AuditScheduled', ofApplication)).toEqual([
      'application-app-1',
    ]);
    const ofCertificate = { subject: { kind: 'CERTIFICATE', certificateNumber: 'CMM-ICS-2026-00001' } };
    expect(streamReferencesOf('audit-audit-2', 'AuditScheduled', ofCertificate)).toEqual([CERTIFICATE]);
    // The subject's kind says which field counts.
    const mislabelled = { subject: { kind: 'CERTIFICATE', applicationId: 'app-1' } };
    expect(streamReferencesOf('audit-audit-3', 'AuditScheduled', mislabelled)).toEqual([]);
  });

  it('only in the stream kind the event type belongs to, and nothing for other types or malformed data', () => {
    const renewal = { certificateNumber: 'CMM-ICS-2026-00001' };
    expect(streamReferencesOf('audit-x', 'ApplicationSubmitted', renewal)).toEqual([]);
    expect(streamReferencesOf('application-x', 'CertificateIssued', { applicationId: 'app-1' })).toEqual([]);
    expect(streamReferencesOf(CERTIFICATE, 'CertificateChanged', { applicationId: 'app-1' })).toEqual([]);
    expect(streamReferencesOf(CERTIFICATE, 'toString', { applicationId: 'app-1' })).toEqual([]);
    expect(streamReferencesOf(CERTIFICATE, 'CertificateIssued', null)).toEqual([]);
    expect(streamReferencesOf(CERTIFICATE, 'CertificateIssued', { applicationId: 7, grant: [] })).toEqual([]);
  });

  it('names each stream once', () => {
    const twice = { auditId: 'audit-1', grant: { auditId: 'audit-1' } };
    expect(streamReferencesOf(CERTIFICATE, 'CertificateIssued', twice)).toEqual(['audit-audit-1']);
  });

  it('lists the referencing event types, for stores that pre-select by type', () => {
    expect([...REFERENCING_EVENT_TYPES].sort()).toEqual([
      'ApplicationSubmitted',
      'AuditScheduled',
      'CertificateIssued',
      'CertificateRenewed',
      'CertificateSuspended',
      'RevocationOpened',
      'SurveillanceRecorded',
    ]);
  });
});
