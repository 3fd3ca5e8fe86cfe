import { actors, ctx, schemesWith, spec } from '@app/testing';
import type { Actor } from '@app/domain';
import { certificateDecider } from './certificate.decider';
import type { DecideRevocationAppeal, OpenRevocation } from './certificate.commands';
import {
  appealDecided,
  appealLodged,
  at,
  command,
  issued,
  noticeIssued,
  revocationOpened,
  revoked,
  suspended,
} from './certificate.fixtures';

const dm: Actor = actors.decisionMaker;
const openData: OpenRevocation['data'] = {
  ground: 'FALSE_INFORMATION',
  investigation: { findings: 'Performance data of Q3 were fabricated' },
};
const open = (date: string, data = openData, actor: Actor = dm) =>
  command('OpenRevocation', data, ctx(actor, at(date)));
const notice = (
  date: string,
  reasons = ['False performance data submitted'],
  actor: Actor = dm,
  schemes = ctx(dm, at(date)).schemes,
) => command('IssueRevocationNotice', { reasons }, ctx(actor, at(date), schemes));
const appeal = (date: string, grounds = 'The data were a draft sent by mistake') =>
  command('LodgeRevocationAppeal', { grounds }, ctx(dm, at(date)));
const decideAppeal = (verdict: DecideRevocationAppeal['data']['verdict'], date = '2026-04-01') =>
  command('DecideRevocationAppeal', { verdict, reason: 'Appeal examined' }, ctx(dm, at(date)));
const finalise = (date: string, actor: Actor = dm, reason = 'Revocation final') =>
  command('FinaliseRevocation', { reason }, ctx(actor, at(date)));

const noticed = [issued(), revocationOpened(), noticeIssued()];

describe('Revocation procedure (§8.2.2, §8.3.2 撤销)', () => {
  it('R-CERT-7 records the investigation without changing the public status', () => {
    const state = spec(certificateDecider)
      .given([issued()])
      .when(open('2026-03-01'))
      .then([revocationOpened()]);
    expect(state).toMatchObject({
      status: 'VALID',
      revocation: { stage: 'INVESTIGATION', ground: 'FALSE_INFORMATION', openedOn: '2026-03-01' },
    });
  });

  it('R-CERT-7 refuses a second procedure while one is open', () => {
    spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(open('2026-03-02'))
      .thenRefusedWith('R-CERT-7', { stage: 'INVESTIGATION' });
  });

  it('R-CERT-7 refuses an investigation without findings or with an unknown ground', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(open('2026-03-01', { ground: 'FALSE_INFORMATION', investigation: { findings: '' } }))
      .thenRefusedWith('R-CERT-7', { field: 'investigation.findings' });
    spec(certificateDecider)
      .given([issued()])
      .when(open('2026-03-01', { ...openData, ground: 'HOLDER_REQUEST' as 'FALSE_INFORMATION' }))
      .thenRefusedWith('R-CERT-7', { field: 'ground' });
  });

  it('R-CERT-7 refuses opening a revocation by a registry officer or ADMIN', () => {
    [actors.registryOfficer, actors.admin].forEach((actor) =>
      spec(certificateDecider)
        .given([issued()])
        .when(open('2026-03-01', openData, actor))
        .thenRefusedWith('R-CERT-7', { role: actor.role }),
    );
  });

  it('R-TIME-4 lets SYSTEM open a revocation once the suspension deadline has passed', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(
        open(
          '2026-09-02',
          { ground: 'SUSPENSION_EXPIRED', investigation: { findings: 'No correction by 2026-09-01' } },
          actors.system,
        ),
      )
      .thenEvents(([event], state) => {
        expect(event).toEqual(
          revocationOpened({
            ground: 'SUSPENSION_EXPIRED',
            findings: 'No correction by 2026-09-01',
            approver: actors.system,
            date: '2026-09-02',
          }),
        );
        expect(state).toMatchObject({ status: 'SUSPENDED', revocation: { stage: 'INVESTIGATION' } });
      });
  });

  it('R-CERT-7 refuses SUSPENSION_EXPIRED before the deadline has passed (R-TIME-4)', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(
        open(
          '2026-09-01',
          { ground: 'SUSPENSION_EXPIRED', investigation: { findings: 'Not corrected' } },
          actors.system,
        ),
      )
      .thenRefusedWith('R-CERT-7', { deadline: '2026-09-01', today: '2026-09-01' });
    spec(certificateDecider)
      .given([issued()])
      .when(
        open('2026-09-02', { ground: 'SUSPENSION_EXPIRED', investigation: { findings: 'Not corrected' } }),
      )
      .thenRefusedWith('R-CERT-7', { status: 'VALID' });
  });

  it('R-CERT-7 refuses a SYSTEM revocation on any other ground (R-TIME-4)', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(open('2026-09-02', openData, actors.system))
      .thenRefusedWith('R-CERT-7', { ground: 'FALSE_INFORMATION' });
  });

  it('R-CERT-7 issues the notice with reasons and the appeal window from the scheme (30 days)', () => {
    const state = spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(notice('2026-03-10'))
      .then([noticeIssued()]);
    expect(state).toMatchObject({
      revocation: { stage: 'NOTICE_ISSUED', appealWindowEndsAt: '2026-04-09', noticeDate: '2026-03-10' },
    });
  });

  it('R-CERT-7 reads the appeal window from the scheme version', () => {
    spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(notice('2026-03-10', ['r'], dm, schemesWith({ revocationAppealWindowDays: 15 })))
      .thenEvents(([event]) => expect(event.data).toMatchObject({ appealWindowEndsAt: '2026-03-25' }));
  });

  it('R-CERT-7 refuses a notice without reasons, without investigation, or twice', () => {
    spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(notice('2026-03-10', []))
      .thenRefusedWith('R-CERT-7', { field: 'reasons' });
    spec(certificateDecider)
      .given([issued()])
      .when(notice('2026-03-10'))
      .thenRefusedWith('R-CERT-7', { stage: null });
    spec(certificateDecider)
      .given(noticed)
      .when(notice('2026-03-11'))
      .thenRefusedWith('R-CERT-7', { stage: 'NOTICE_ISSUED' });
  });

  it('R-CERT-7 records an appeal lodged on the last day of the window', () => {
    spec(certificateDecider)
      .given(noticed)
      .when(appeal('2026-04-09'))
      .thenEvents(([event], state) => {
        expect(event).toEqual({ ...appealLodged(), data: { ...appealLodged().data, date: '2026-04-09' } });
        expect(state).toMatchObject({ revocation: { stage: 'APPEAL_LODGED', appeal: { verdict: null } } });
      });
  });

  it('R-CERT-7 refuses an appeal after the window or before the notice', () => {
    spec(certificateDecider)
      .given(noticed)
      .when(appeal('2026-04-10'))
      .thenRefusedWith('R-CERT-7', { appealWindowEndsAt: '2026-04-09' });
    spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(appeal('2026-03-05'))
      .thenRefusedWith('R-CERT-7', { stage: 'INVESTIGATION' });
  });

  it('R-CERT-7 closes the procedure when the appeal is upheld; the certificate keeps its status', () => {
    const state = spec(certificateDecider)
      .given([...noticed, appealLodged()])
      .when(decideAppeal('UPHELD'))
      .then([appealDecided('UPHELD')]);
    expect(state).toMatchObject({ status: 'VALID', revocation: null });
    spec(certificateDecider)
      .given([...noticed, appealLodged(), appealDecided('UPHELD')])
      .when(finalise('2026-05-01'))
      .thenRefusedWith('R-CERT-7', { stage: null });
  });

  it('R-CERT-7 refuses deciding an appeal that was not lodged', () => {
    spec(certificateDecider).given(noticed).when(decideAppeal('REJECTED')).thenRefusedWith('R-CERT-7');
  });

  it('R-CERT-7 finalises after a rejected appeal, recording the B.3 status change', () => {
    const state = spec(certificateDecider)
      .given([...noticed, appealLodged(), appealDecided('REJECTED')])
      .when(finalise('2026-04-02'))
      .then([
        {
          type: 'CertificateRevoked',
          data: { ...revoked().data, appealVerdict: 'REJECTED', date: '2026-04-02' },
        },
      ]);
    expect(state).toMatchObject({ status: 'REVOKED', revocation: null, statusChangedOn: '2026-04-02' });
  });

  it('R-CERT-7 finalises once the appeal window has passed without appeal', () => {
    spec(certificateDecider).given(noticed).when(finalise('2026-04-10')).then([revoked()]);
  });

  it('R-CERT-7 revokes a suspended certificate with status before SUSPENDED', () => {
    spec(certificateDecider)
      .given([issued(), suspended(), revocationOpened(), noticeIssued()])
      .when(finalise('2026-04-10'))
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({ statusBefore: 'SUSPENDED', statusAfter: 'REVOKED' }),
      );
  });

  it('R-CERT-7 refuses finalising while the window is open, an appeal is pending, or before the notice', () => {
    spec(certificateDecider)
      .given(noticed)
      .when(finalise('2026-04-09'))
      .thenRefusedWith('R-CERT-7', { appealWindowEndsAt: '2026-04-09' });
    spec(certificateDecider)
      .given([...noticed, appealLodged()])
      .when(finalise('2026-04-20'))
      .thenRefusedWith('R-CERT-7', { stage: 'APPEAL_LODGED' });
    spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(finalise('2026-04-20'))
      .thenRefusedWith('R-CERT-7', { stage: 'INVESTIGATION' });
    spec(certificateDecider).given([issued()]).when(finalise('2026-04-20')).thenRefusedWith('R-CERT-7');
  });

  it('R-CERT-7 refuses a final decision by SYSTEM (a decision maker finalises, R-TIME-4)', () => {
    spec(certificateDecider)
      .given(noticed)
      .when(finalise('2026-04-10', actors.system))
      .thenRefusedWith('R-CERT-7', { role: 'SYSTEM' });
  });

  it('R-ACT-1 refuses a final decision without a reason', () => {
    spec(certificateDecider)
      .given(noticed)
      .when(finalise('2026-04-10', dm, ''))
      .thenRefusedWith('R-ACT-1', { field: 'reason' });
  });
});
