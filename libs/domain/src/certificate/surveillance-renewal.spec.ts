import { CMM_525_0002_V1, SchemeCatalogue } from '@app/domain';
import type { Actor } from '@app/domain';
import { actAs, actors, ctx, defaultSchemes, schemesWith, spec } from '@app/testing';
import { certificateDecider } from './certificate.decider';
import type { RecordSurveillance, RenewCertificate } from './certificate.commands';
import type { IssuedCertificate } from './certificate.state';
import { recertificationWindowOpens } from './recertification';
import { EXPIRY_DATE, at, command, issued, results, suspended } from './certificate.fixtures';

const surveillanceData: RecordSurveillance['data'] = {
  auditId: 'audit-surv-1',
  auditType: 'SURVEILLANCE',
  decisionDate: '2026-12-15',
  outcome: 'MAINTAIN',
  conclusion: 'The management system continues to conform',
  leadAuditorId: 'user-lead',
};
const record = (data = surveillanceData, actor: Actor = actors.decisionMaker, date = '2026-12-16') =>
  command('RecordSurveillance', data, ctx(actor, at(date)));

const renewalGrant = {
  auditId: 'audit-recert-1',
  auditType: 'RECERTIFICATION' as const,
  decisionDate: '2028-12-20',
  decisionMaker: actors.decisionMaker,
};
const renewedResults = { ...results, composite: 85.1 };
const renew = (
  data: Partial<RenewCertificate['data']> = {},
  date = '2028-12-21',
  actor: Actor = actors.decisionMaker,
  schemes: SchemeCatalogue = defaultSchemes,
) =>
  command(
    'RenewCertificate',
    { grant: renewalGrant, evaluationResults: renewedResults, ...data },
    ctx(actor, at(date), schemes),
  );

describe('RecordSurveillance (Annex B.4)', () => {
  it('R-AUD-9 records date, audit type, conclusion and lead auditor of a surveillance decision', () => {
    const state = spec(certificateDecider)
      .given([issued()])
      .when(record())
      .then([
        {
          type: 'SurveillanceRecorded',
          data: { ...surveillanceData, approver: actors.decisionMaker, date: '2026-12-16' },
        },
      ]);
    expect(state).toMatchObject({ lastSurveillanceDate: '2026-12-15', status: 'VALID' });
  });

  it('R-AUD-9 records a special surveillance on a suspended certificate without changing its status', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(record({ ...surveillanceData, auditType: 'SPECIAL_SURVEILLANCE', outcome: 'SUSPEND' }))
      .thenEvents((_, state) =>
        expect(state).toMatchObject({ status: 'SUSPENDED', lastSurveillanceDate: '2026-12-15' }),
      );
  });

  it('R-AUD-9 refuses a record without conclusion or lead auditor, or with a future date', () => {
    [
      { ...surveillanceData, conclusion: '' },
      { ...surveillanceData, leadAuditorId: '' },
      { ...surveillanceData, auditType: 'INITIAL' as 'SURVEILLANCE' },
      { ...surveillanceData, decisionDate: '2026-12-17' },
    ].forEach((data) =>
      spec(certificateDecider).given([issued()]).when(record(data)).thenRefusedWith('R-AUD-9'),
    );
  });

  it('R-AUD-9 refuses a record by anyone but a decision maker', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(record(surveillanceData, actors.leadAuditor))
      .thenRefusedWith('R-AUD-9', { role: 'AUDITOR' });
  });
});

describe('RenewCertificate (§6.4.3 再认证)', () => {
  it('R-CERT-9 extends the old expiry by 3 years, keeps the number and adds a revision', () => {
    const state = spec(certificateDecider)
      .given([issued()])
      .when(renew())
      .then([
        {
          type: 'CertificateRenewed',
          data: {
            grant: renewalGrant,
            decisionDate: '2028-12-20',
            previousExpiryDate: EXPIRY_DATE,
            expiryDate: '2032-01-08',
            evaluationResults: renewedResults,
            previousSchemeVersion: 'CMM-525-0002@V1.0',
            schemeVersion: 'CMM-525-0002@V1.0',
            basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
            approver: actors.decisionMaker,
            date: '2028-12-21',
            documentRevision: 2,
          },
        },
      ]) as IssuedCertificate;
    expect(state).toMatchObject({ number: 'CMM-ICS-2026-00042', status: 'VALID', expiryDate: '2032-01-08' });
    expect(state.evaluationResults.composite).toBe(85.1);
  });

  it('R-CERT-9 accepts a renewal decided on the expiry date', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(renew({ grant: { ...renewalGrant, decisionDate: EXPIRY_DATE } }, EXPIRY_DATE))
      .thenEvents(([event]) => expect(event.data).toMatchObject({ expiryDate: '2032-01-08' }));
  });

  it('R-CERT-9 refuses a renewal decided after expiry', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(renew({ grant: { ...renewalGrant, decisionDate: '2029-01-09' } }, '2029-01-09'))
      .thenRefusedWith('R-CERT-9', { decisionDate: '2029-01-09', expiryDate: EXPIRY_DATE });
  });

  it('R-CERT-9 refuses a renewal that does not rest on a recertification audit', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(renew({ grant: { ...renewalGrant, auditType: 'INITIAL' as 'RECERTIFICATION' } }))
      .thenRefusedWith('R-CERT-9', { auditType: 'INITIAL' });
  });

  it('R-CERT-9 refuses a renewal by anyone but a decision maker', () => {
    [actors.registryOfficer, actors.system, actors.admin].forEach((actor) =>
      spec(certificateDecider)
        .given([issued()])
        .when(renew({}, '2028-12-21', actor))
        .thenRefusedWith('R-CERT-9', { role: actor.role }),
    );
  });

  it('R-AUD-6 refuses a renewal GRANT not decided by a decision maker', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(renew({ grant: { ...renewalGrant, decisionMaker: actAs('user-lead', 'AUDITOR') } }))
      .thenRefusedWith('R-AUD-6');
  });

  it('refuses renewing a suspended certificate (INVALID_TRANSITION)', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(renew())
      .thenRefusedWith('INVALID_TRANSITION', { state: 'SUSPENDED' });
  });

  it('R-SCHEME-1 renews under a newer scheme version whose validity applies from the old expiry', () => {
    const v2 = { ...CMM_525_0002_V1, id: 'CMM-525-0002@V2.0', version: 'V2.0', certificateValidityYears: 4 };
    const schemes = SchemeCatalogue.load([CMM_525_0002_V1, v2]);
    spec(certificateDecider)
      .given([issued()])
      .when(
        renew(
          { schemeVersion: v2.id, evaluationResults: { ...renewedResults, schemeVersion: v2.id } },
          '2028-12-21',
          actors.decisionMaker,
          schemes,
        ),
      )
      .thenEvents(([event], state) => {
        expect(event.data).toMatchObject({
          previousSchemeVersion: 'CMM-525-0002@V1.0',
          schemeVersion: 'CMM-525-0002@V2.0',
          basis: { version: 'V2.0' },
          expiryDate: '2033-01-08',
        });
        expect(state).toMatchObject({ schemeVersion: 'CMM-525-0002@V2.0' });
      });
    spec(certificateDecider)
      .given([issued()])
      .when(renew({ schemeVersion: 'CMM-525-0002@V7' }))
      .thenRefusedWith('R-SCHEME-1');
  });

  it('R-SCORE-6 refuses a renewal below the pass threshold', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(renew({}, '2028-12-21', actors.decisionMaker, schemesWith({ passThreshold: 90 })))
      .thenRefusedWith('R-SCORE-6', { composite: 85.1 });
  });

  it('R-CERT-9 opens the recertification window 3 months (scheme parameter) before expiry', () => {
    const certificate = { expiryDate: EXPIRY_DATE, schemeVersion: 'CMM-525-0002@V1.0' };
    expect(recertificationWindowOpens(certificate, defaultSchemes)).toBe('2028-10-08');
    expect(recertificationWindowOpens(certificate, schemesWith({ recertificationWindowMonths: 6 }))).toBe(
      '2028-07-08',
    );
  });
});
