import { actors, ctx, spec } from '@app/testing';
import type { Actor } from '@app/domain';
import { certificateDecider } from './certificate.decider';
import type { ChangeCertificate, ReissueCertificate } from './certificate.commands';
import type { IssuedCertificate } from './certificate.state';
import { at, command, holder, issued, suspended } from './certificate.fixtures';

const today = '2026-05-04';
const change = (data: ChangeCertificate['data'], actor: Actor = actors.registryOfficer) =>
  command('ChangeCertificate', data, ctx(actor, at(today)));
const reissue = (data: ReissueCertificate['data'], actor: Actor = actors.registryOfficer) =>
  command('ReissueCertificate', data, ctx(actor, at(today)));

describe('ChangeCertificate (§7.4.1 证书变更)', () => {
  it('R-CERT-3 changes the holder name with a B.2 record and a new document revision', () => {
    const state = spec(certificateDecider)
      .given([issued()])
      .when(
        change({
          field: 'NAME',
          after: '新名称智能客服有限公司',
          reason: 'Renamed by the registration authority',
        }),
      )
      .then([
        {
          type: 'CertificateChanged',
          data: {
            field: 'NAME',
            before: holder.name,
            after: '新名称智能客服有限公司',
            reason: 'Renamed by the registration authority',
            approver: actors.registryOfficer,
            date: today,
            documentRevision: 2,
          },
        },
      ]) as IssuedCertificate;
    expect(state.holder).toEqual({ ...holder, name: '新名称智能客服有限公司' });
    expect(state.documentRevision).toBe(2);
  });

  it('R-CERT-3 changes the address and the scope of a suspended certificate', () => {
    const events = spec(certificateDecider)
      .given([issued(), suspended()])
      .when(change({ field: 'SCOPE', after: '智能客户服务（在线客服）', reason: 'Voice bot discontinued' }))
      .thenEvents(([event], folded) => {
        expect(event.data).toMatchObject({
          field: 'SCOPE',
          after: '智能客户服务（在线客服）',
          documentRevision: 2,
        });
        expect(folded).toMatchObject({ scope: '智能客户服务（在线客服）', status: 'SUSPENDED' });
      });
    expect(events).toHaveLength(1);
    spec(certificateDecider)
      .given([issued()])
      .when(change({ field: 'ADDRESS', after: '上海市浦东新区示例路2号', reason: 'Moved' }))
      .thenEvents((_, folded) =>
        expect(folded).toMatchObject({ holder: { address: '上海市浦东新区示例路2号' } }),
      );
  });

  it('R-CERT-3 refuses a change to the current value', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(change({ field: 'NAME', after: holder.name, reason: 'No change' }))
      .thenRefusedWith('R-CERT-3', { field: 'NAME', before: holder.name });
  });

  it('R-CERT-3 refuses an unknown field or an empty value', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(change({ field: 'LEGAL_REPRESENTATIVE' as 'NAME', after: 'x', reason: 'r' }))
      .thenRefusedWith('R-CERT-3', { field: 'field' });
    spec(certificateDecider)
      .given([issued()])
      .when(change({ field: 'SCOPE', after: '  ', reason: 'r' }))
      .thenRefusedWith('R-CERT-3', { field: 'after' });
  });

  it('R-ACT-1 refuses a change without a reason', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(change({ field: 'ADDRESS', after: 'Elsewhere', reason: '' }))
      .thenRefusedWith('R-ACT-1', { field: 'reason' });
  });

  it('R-CERT-3 refuses changes by anyone but a registry officer', () => {
    [actors.decisionMaker, actors.admin, actors.system].forEach((actor) =>
      spec(certificateDecider)
        .given([issued()])
        .when(change({ field: 'ADDRESS', after: 'Elsewhere', reason: 'Moved' }, actor))
        .thenRefusedWith('R-CERT-3', { role: actor.role }),
    );
  });
});

describe('ReissueCertificate (§7.4.2 补发)', () => {
  it('R-CERT-3 reissues a lost certificate as a new document revision with a B.2 record', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(reissue({ reason: 'LOST', note: 'Original lost during office move' }))
      .then([
        {
          type: 'CertificateReissued',
          data: {
            reason: 'LOST',
            note: 'Original lost during office move',
            approver: actors.registryOfficer,
            date: today,
            documentRevision: 2,
          },
        },
      ]);
  });

  it('R-CERT-3 counts revisions across changes and reissues', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(reissue({ reason: 'DAMAGED' }))
      .thenEvents(([event], state) => {
        expect(event.data).toMatchObject({ reason: 'DAMAGED', note: null, documentRevision: 2 });
        expect(state).toMatchObject({ documentRevision: 2 });
      });
  });

  it('R-CERT-3 refuses an unknown reissue reason and a reissue by a decision maker', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(reissue({ reason: 'STOLEN' as 'LOST' }))
      .thenRefusedWith('R-CERT-3', { field: 'reason' });
    spec(certificateDecider)
      .given([issued()])
      .when(reissue({ reason: 'LOST' }, actors.decisionMaker))
      .thenRefusedWith('R-CERT-3', { role: 'DECISION_MAKER' });
  });

  it('refuses a reissue of a certificate that was never issued (INVALID_TRANSITION)', () => {
    spec(certificateDecider)
      .given([])
      .when(reissue({ reason: 'LOST' }))
      .thenRefusedWith('INVALID_TRANSITION');
  });
});
