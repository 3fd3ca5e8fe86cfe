import { CMM_525_0002_V1, SchemeCatalogue, fold } from '@app/domain';
import type { Actor, CertificateCommand, CertificateEvent, CertificateState } from '@app/domain';
import { actors, ctx, resultsOf, reweightedScheme, scoreSheet, spec } from '@app/testing';
import { certificateDecider } from './certificate.decider';
import type { IssuedCertificate } from './certificate.state';
import { ISSUE_DATE, at, command, issueData } from './certificate.fixtures';

// Version A is the shipped V1.0; version B weighs the dimensions 0.25 / 0.30 / 0.30 / 0.15.
const A = CMM_525_0002_V1;
const B = reweightedScheme('V2.0', { STRATEGY: 0.25, CAPABILITY: 0.3, OPERATIONS: 0.3, MULTIMODAL: 0.15 });
const onlyA = SchemeCatalogue.load([A]);
const both = SchemeCatalogue.load([A, B]);

const sheet = scoreSheet(); // dimensions 82 / 79 / 84 / 75
// A: 82×0.20 + 79×0.35 + 84×0.35 + 75×0.10 = 16.4 + 27.65 + 29.4 + 7.5 = 80.95
const underA = resultsOf(sheet, A);
// B: 82×0.25 + 79×0.30 + 84×0.30 + 75×0.15 = 20.5 + 23.7 + 25.2 + 11.25 = 80.65
const underB = resultsOf(sheet, B);

const run = (history: CertificateEvent[], next: CertificateCommand): CertificateEvent[] => [
  ...history,
  ...certificateDecider.decide(
    next,
    fold(certificateDecider.evolve, certificateDecider.initialState, history),
  ),
];
const stateOf = (history: CertificateEvent[]): CertificateState =>
  fold(certificateDecider.evolve, certificateDecider.initialState, history);
const as = (actor: Actor, date: string, schemes: SchemeCatalogue) => ctx(actor, at(date), schemes);

describe('R-SCORE-7 a certificate keeps the results it was granted on', () => {
  it('R-SCORE-7 given a certificate granted under A, when B (other weights) is loaded and the certificate changes, then its results stay those of A', () => {
    expect([underA.composite, underB.composite]).toEqual([80.95, 80.65]);
    const granted = run(
      [],
      command(
        'IssueCertificate',
        issueData({ evaluationResults: underA }),
        as(actors.decisionMaker, ISSUE_DATE, onlyA),
      ),
    );
    const later = [
      command(
        'ChangeCertificate',
        { field: 'NAME', after: '新名称有限公司', reason: 'Renamed' },
        as(actors.registryOfficer, '2026-05-04', both),
      ),
      command(
        'RecordSurveillance',
        {
          auditId: 'audit-surv-1',
          auditType: 'SURVEILLANCE',
          decisionDate: '2026-12-15',
          outcome: 'MAINTAIN',
          conclusion: 'Conforms',
          leadAuditorId: 'user-lead',
        },
        as(actors.decisionMaker, '2026-12-16', both),
      ),
    ].reduce(run, granted);
    const state = stateOf(later) as IssuedCertificate;
    expect(state.schemeVersion).toBe('CMM-525-0002@V1.0');
    expect(state.evaluationResults).toEqual(underA);
    expect(state.evaluationResults).toMatchObject({ schemeVersion: 'CMM-525-0002@V1.0', composite: 80.95 });
  });

  it('R-SCORE-7 refuses to issue under A on results computed under B', () => {
    spec(certificateDecider)
      .given([])
      .when(
        command(
          'IssueCertificate',
          issueData({ evaluationResults: underB }),
          as(actors.decisionMaker, ISSUE_DATE, both),
        ),
      )
      .thenRefusedWith('R-SCORE-7', {
        resultsSchemeVersion: 'CMM-525-0002@V2.0',
        schemeVersion: 'CMM-525-0002@V1.0',
      });
  });

  it('R-SCORE-7 a recertification handled under B renews the certificate on the results computed under B', () => {
    const granted = run(
      [],
      command(
        'IssueCertificate',
        issueData({ evaluationResults: underA }),
        as(actors.decisionMaker, ISSUE_DATE, onlyA),
      ),
    );
    const grant = {
      auditId: 'audit-recert-1',
      auditType: 'RECERTIFICATION' as const,
      decisionDate: '2028-12-20',
      decisionMaker: actors.decisionMaker,
    };
    const renewal = (evaluationResults = underB) =>
      command(
        'RenewCertificate',
        { grant, evaluationResults, schemeVersion: B.id },
        as(actors.decisionMaker, '2028-12-21', both),
      );
    spec(certificateDecider).given(granted).when(renewal(underA)).thenRefusedWith('R-SCORE-7');
    const state = stateOf(run(granted, renewal())) as IssuedCertificate;
    expect(state).toMatchObject({
      schemeVersion: 'CMM-525-0002@V2.0',
      evaluationResults: { composite: 80.65 },
    });
  });
});
