import { holder, results } from '@app/domain/certificate/certificate.fixtures';
import { certificateStory, NUMBER } from './certificate-story.fixtures';
import { certificatesProjection } from './certificates.projection';
import type { CertificateDocument } from './certificates.projection';
import { given } from './projection-spec.fixtures';

const certificates = (events: Parameters<typeof given>[1]) => given(certificatesProjection, events);

describe('certificates projection (Annex B.1, internal)', () => {
  it('R-CERT-1 an issue records every B.1 field with holder uscc, results, grant audit and decision date', () => {
    const story = certificateStory();
    story.issue();
    expect(certificates(story.events).document(NUMBER)).toEqual<CertificateDocument>({
      id: NUMBER,
      number: NUMBER,
      holder,
      scope: '智能客户服务（在线客服、语音机器人）',
      basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
      certificationBody: expect.any(String),
      issueDate: '2026-01-10',
      effectiveDate: '2026-01-08',
      expiryDate: '2029-01-08',
      status: 'VALID',
      applicationId: 'application-1',
      schemeVersion: 'CMM-525-0002@V1.0',
      documentRevision: 1,
      evaluationResults: results,
      grantAuditId: 'audit-initial-1',
      decisionDate: '2026-01-08',
      suspension: null,
      revocationProcedure: null,
      lastSurveillanceDate: null,
      statusChangedOn: '2026-01-10',
    });
  });

  it('R-CERT-3 changes and a reissue update the fields and the document revision', () => {
    const story = certificateStory();
    story.issue();
    story.changeName();
    story.changeAddress();
    story.changeScope();
    certificates(story.events).then(NUMBER, {
      holder: { name: '示例智能科技有限公司', address: '上海市浦东新区示例路2号', uscc: holder.uscc },
      scope: '智能客户服务（在线客服）',
      documentRevision: 4,
    });
    story.reissue();
    certificates(story.events).then(NUMBER, { documentRevision: 5 });
  });

  it('R-CERT-5/6 suspension with ground, reason and deadline; reinstatement clears it', () => {
    const story = certificateStory();
    story.issue();
    story.suspend();
    certificates(story.events).then(NUMBER, {
      status: 'SUSPENDED',
      statusChangedOn: '2026-06-01',
      suspension: {
        since: '2026-06-01',
        deadline: '2026-09-01',
        ground: 'MINOR_NC_NOT_CORRECTED',
        reason: 'NC-3 open past its due date',
      },
    });
    story.reinstate();
    certificates(story.events).then(NUMBER, {
      status: 'VALID',
      statusChangedOn: '2026-08-20',
      suspension: null,
    });
  });

  it('R-CERT-7 follows the revocation procedure stage by stage until it is final', () => {
    const story = certificateStory();
    story.issue();
    story.openRevocation();
    certificates(story.events).then(NUMBER, {
      status: 'VALID',
      revocationProcedure: { stage: 'INVESTIGATION', ground: 'SERIOUS_VIOLATION', appealWindowEndsAt: null },
    });
    story.noticeRevocation();
    certificates(story.events).then(NUMBER, {
      revocationProcedure: {
        stage: 'NOTICE_ISSUED',
        ground: 'SERIOUS_VIOLATION',
        appealWindowEndsAt: '2029-04-04',
      },
    });
    story.appeal();
    certificates(story.events).then(NUMBER, { revocationProcedure: { stage: 'APPEAL_LODGED' } });
    story.decideAppeal('REJECTED');
    certificates(story.events).then(NUMBER, {
      status: 'VALID',
      revocationProcedure: { stage: 'APPEAL_REJECTED', appealWindowEndsAt: '2029-04-04' },
    });
    story.finaliseRevocation();
    certificates(story.events).then(NUMBER, {
      status: 'REVOKED',
      statusChangedOn: '2029-03-29',
      revocationProcedure: null,
    });
  });

  it('R-CERT-7 an upheld appeal closes the procedure and the certificate keeps its status', () => {
    const story = certificateStory();
    story.issue();
    story.openRevocation();
    story.noticeRevocation();
    story.appeal();
    story.decideAppeal('UPHELD');
    certificates(story.events).then(NUMBER, { status: 'VALID', revocationProcedure: null });
  });

  it('R-CERT-8 cancellation is final and clears any suspension', () => {
    const story = certificateStory();
    story.issue();
    story.suspend();
    story.cancel('2026-07-01');
    certificates(story.events).then(NUMBER, {
      status: 'CANCELLED',
      statusChangedOn: '2026-07-01',
      suspension: null,
    });
  });

  it('R-AUD-9 a surveillance record sets the last surveillance date (decision date)', () => {
    const story = certificateStory();
    story.issue();
    story.surveil();
    certificates(story.events).then(NUMBER, { lastSurveillanceDate: '2026-12-15', status: 'VALID' });
  });

  it('R-CERT-9 a renewal moves the expiry, the grant audit, the decision date, the results and the revision', () => {
    const story = certificateStory();
    story.issue();
    story.renew();
    certificates(story.events).then(NUMBER, {
      expiryDate: '2032-01-08',
      grantAuditId: 'audit-recert-1',
      decisionDate: '2028-11-30',
      evaluationResults: { ...results, composite: 88 },
      documentRevision: 2,
      issueDate: '2026-01-10',
    });
  });

  it('declares its indexes', () => {
    expect(certificatesProjection.indexes).toEqual([
      { fields: ['number'], unique: true },
      { fields: ['holder.name'] },
      { fields: ['holder.uscc'] },
      { fields: ['status'] },
      { fields: ['expiryDate'] },
      { fields: ['applicationId'] },
      { fields: ['suspension.deadline'] },
    ]);
  });
});
