import { certificateStreamName } from '@app/domain';
import { actors } from '@app/testing';
import {
  certificateChangesProjection,
  certificateStatusRecordsProjection,
  surveillanceRecordsProjection,
} from './certificate-records.projection';
import { certificateStory, NUMBER } from './certificate-story.fixtures';
import { given } from './projection-spec.fixtures';

const idsOf = (story: ReturnType<typeof certificateStory>, types: string[]): string[] =>
  story.events.filter((e) => types.includes(e.type)).map((e) => e.id);

describe('certificate-changes projection (Annex B.2, R-CERT-3)', () => {
  it('one record per change, reissue and renewal, keyed by event id, with approver and document revision', () => {
    const story = certificateStory();
    story.issue();
    const [name] = story.changeName();
    const [reissue] = story.reissue();
    story.surveil(); // not a B.2 record
    const [renewal] = story.renew();
    const result = given(certificateChangesProjection, story.events);

    expect([...result.documents.keys()]).toEqual([name.id, reissue.id, renewal.id]);
    expect(result.document(name.id)).toEqual({
      id: name.id,
      certificateNumber: NUMBER,
      date: '2026-02-02',
      kind: 'CHANGE',
      field: 'NAME',
      before: '示例智能客服有限公司',
      after: '示例智能科技有限公司',
      reason: 'Company renamed',
      approver: actors.registryOfficer,
      documentRevision: 2,
    });
    expect(result.document(reissue.id)).toEqual({
      id: reissue.id,
      certificateNumber: NUMBER,
      date: '2026-03-16',
      kind: 'REISSUE',
      reason: 'LOST',
      approver: actors.registryOfficer,
      documentRevision: 3,
    });
    expect(result.document(renewal.id)).toEqual({
      id: renewal.id,
      certificateNumber: NUMBER,
      date: '2028-12-01',
      kind: 'RENEWAL',
      field: 'EXPIRY_DATE',
      before: '2029-01-08',
      after: '2032-01-08',
      reason: 'RECERTIFICATION',
      approver: actors.decisionMaker,
      documentRevision: 4,
    });
  });

  it('address and scope changes are recorded with before and after', () => {
    const story = certificateStory();
    story.issue();
    const [address] = story.changeAddress();
    const [scope] = story.changeScope();
    const result = given(certificateChangesProjection, story.events);
    result.then(address.id, {
      field: 'ADDRESS',
      before: '北京市朝阳区示例路1号',
      after: '上海市浦东新区示例路2号',
    });
    result.then(scope.id, {
      field: 'SCOPE',
      before: '智能客户服务（在线客服、语音机器人）',
      after: '智能客户服务（在线客服）',
    });
  });

  it('declares its indexes', () => {
    expect(certificateChangesProjection.indexes).toEqual([
      { fields: ['certificateNumber'] },
      { fields: ['date'] },
    ]);
  });
});

describe('certificate-status-records projection (Annex B.3, R-CERT-4)', () => {
  it('one record per status change — issue, suspension, reinstatement, revocation — with approver', () => {
    const story = certificateStory();
    story.issue();
    story.changeName(); // not a status change
    story.suspend();
    story.reinstate();
    story.openRevocation(); // internal steps: no status change
    story.noticeRevocation();
    story.appeal();
    story.decideAppeal('REJECTED');
    story.finaliseRevocation();
    const result = given(certificateStatusRecordsProjection, story.events);
    const ids = idsOf(story, [
      'CertificateIssued',
      'CertificateSuspended',
      'CertificateReinstated',
      'CertificateRevoked',
    ]);
    expect([...result.documents.keys()]).toEqual(ids);
    expect(ids.map((id) => result.document(id))).toEqual([
      {
        id: ids[0],
        certificateNumber: NUMBER,
        date: '2026-01-10',
        before: 'NONE',
        after: 'VALID',
        reason: 'GRANT',
        approver: actors.decisionMaker,
      },
      {
        id: ids[1],
        certificateNumber: NUMBER,
        date: '2026-06-01',
        before: 'VALID',
        after: 'SUSPENDED',
        reason: 'NC-3 open past its due date',
        approver: actors.decisionMaker,
      },
      {
        id: ids[2],
        certificateNumber: NUMBER,
        date: '2026-08-20',
        before: 'SUSPENDED',
        after: 'VALID',
        reason: 'NC-3 verified closed',
        approver: actors.decisionMaker,
      },
      {
        id: ids[3],
        certificateNumber: NUMBER,
        date: '2029-03-29',
        before: 'VALID',
        after: 'REVOKED',
        reason: 'Revoked after rejected appeal',
        approver: actors.decisionMaker,
      },
    ]);
  });

  it('records a cancellation', () => {
    const story = certificateStory();
    story.issue();
    const [cancellation] = story.cancel();
    given(certificateStatusRecordsProjection, story.events).then(cancellation.id, {
      certificateNumber: NUMBER,
      date: '2026-05-04',
      before: 'VALID',
      after: 'CANCELLED',
      reason: 'Holder stopped the service',
      approver: actors.decisionMaker,
    });
  });

  it('ignores events that are not on a certificate stream', () => {
    const story = certificateStory();
    const [issue] = story.issue();
    expect(certificateStatusRecordsProjection.documentId({ ...issue, streamId: 'audit-1' })).toBeNull();
    expect(certificateStatusRecordsProjection.documentId(issue)).toBe(issue.id);
    expect(issue.streamId).toBe(certificateStreamName(NUMBER));
  });
});

describe('surveillance-records projection (Annex B.4, R-AUD-9)', () => {
  it('one record per surveillance decision: decision date, audit type, outcome, conclusion, lead auditor', () => {
    const story = certificateStory();
    story.issue();
    const [surveillance] = story.surveil();
    const result = given(surveillanceRecordsProjection, story.events);
    expect([...result.documents.keys()]).toEqual([surveillance.id]);
    expect(result.document(surveillance.id)).toEqual({
      id: surveillance.id,
      certificateNumber: NUMBER,
      date: '2026-12-15',
      auditType: 'SURVEILLANCE',
      outcome: 'MAINTAIN',
      conclusion: 'Continues to conform',
      leadAuditorId: 'user-lead',
      auditId: 'audit-surv-1',
    });
  });

  it('declares its indexes', () => {
    expect(surveillanceRecordsProjection.indexes).toEqual([
      { fields: ['certificateNumber'] },
      { fields: ['date'] },
    ]);
    expect(certificateStatusRecordsProjection.indexes).toEqual(surveillanceRecordsProjection.indexes);
  });
});
