import type { Actor } from '@app/domain';
import { actAs, actors, ctx, schemesWith, spec } from '@app/testing';
import { certificateDecider } from './certificate.decider';
import { certificateStreamName, type IssuedCertificate } from './certificate.state';
import {
  DECISION_DATE,
  EXPIRY_DATE,
  ISSUE_DATE,
  NUMBER,
  at,
  command,
  grant,
  issueData,
  issued,
  results,
} from './certificate.fixtures';

const issue = (
  data = issueData(),
  actor: Actor = actors.decisionMaker,
  now = at(ISSUE_DATE),
  schemes = ctx(actor, now).schemes,
) => command('IssueCertificate', data, ctx(actor, now, schemes));

describe('IssueCertificate', () => {
  it('R-CERT-1 issues a GRANT as a VALID certificate carrying every Annex B.1 field', () => {
    const state = spec(certificateDecider).given([]).when(issue()).then([issued()]);
    expect(state).toMatchObject({
      status: 'VALID',
      number: NUMBER,
      basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
      certificationBody: '北京希莫认证服务有限公司',
      issueDate: ISSUE_DATE,
      documentRevision: 1,
      suspension: null,
      revocation: null,
    });
  });

  it('R-CERT-2 sets the expiry to the decision date plus the scheme validity (3 years)', () => {
    spec(certificateDecider)
      .given([])
      .when(issue())
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({ decisionDate: DECISION_DATE, expiryDate: EXPIRY_DATE }),
      );
  });

  it('R-CERT-2 reads the validity from the scheme version, not from a constant', () => {
    spec(certificateDecider)
      .given([])
      .when(
        issue(
          issueData(),
          actors.decisionMaker,
          at(ISSUE_DATE),
          schemesWith({ certificateValidityYears: 5 }),
        ),
      )
      .thenEvents(([event]) => expect(event.data).toMatchObject({ expiryDate: '2031-01-08' }));
  });

  it('R-CERT-1 takes an effective date after the decision', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ effectiveDate: '2026-02-01' })))
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({ effectiveDate: '2026-02-01', expiryDate: EXPIRY_DATE }),
      );
  });

  it('R-CERT-1 refuses an effective date before the decision', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ effectiveDate: '2026-01-07' })))
      .thenRefusedWith('R-CERT-1', { effectiveDate: '2026-01-07', decisionDate: DECISION_DATE });
  });

  it('R-CERT-1 refuses a number that does not match the scheme format', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ number: 'ICS-2026-42' })))
      .thenRefusedWith('R-CERT-1', { number: 'ICS-2026-42', format: 'CMM-ICS-{year}-{seq:5}' });
  });

  it('R-CERT-1 refuses a missing holder name, scope or malformed 统一社会信用代码', () => {
    const refusals = [
      issueData({ holder: { name: ' ', address: 'addr', uscc: '91110105MA01ABCD13' } }),
      issueData({ holder: { name: 'Org', address: 'addr', uscc: '123' } }),
      issueData({ scope: '' }),
    ];
    refusals.forEach((data) =>
      spec(certificateDecider).given([]).when(issue(data)).thenRefusedWith('R-CERT-1'),
    );
  });

  it('R-CERT-1 refuses incomplete evaluation results (§7.2.2)', () => {
    const { CUSTOMER_EXPERIENCE: _dropped, ...characteristics } = results.characteristics;
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ evaluationResults: { ...results, characteristics } as typeof results })))
      .thenRefusedWith('R-CERT-1', { field: 'evaluationResults' });
  });

  it('R-CERT-1 refuses a decision dated in the future', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ grant: { ...grant, decisionDate: '2026-01-11' } })))
      .thenRefusedWith('R-CERT-1', { decisionDate: '2026-01-11' });
  });

  it('R-AUD-6 refuses issuing by anyone but a decision maker, ADMIN included', () => {
    [actors.registryOfficer, actors.admin, actors.system].forEach((actor) =>
      spec(certificateDecider)
        .given([])
        .when(issue(issueData(), actor))
        .thenRefusedWith('R-AUD-6', { role: actor.role }),
    );
  });

  it('R-AUD-6 refuses a GRANT not decided by a decision maker', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ grant: { ...grant, decisionMaker: actAs('user-x', 'AUDITOR') } })))
      .thenRefusedWith('R-AUD-6');
  });

  it('R-SCHEME-1 refuses an unknown scheme version', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData({ schemeVersion: 'CMM-525-0002@V9' })))
      .thenRefusedWith('R-SCHEME-1', { schemeVersion: 'CMM-525-0002@V9' });
  });

  it('R-SCORE-6 refuses a composite below the scheme pass threshold', () => {
    spec(certificateDecider)
      .given([])
      .when(issue(issueData(), actors.decisionMaker, at(ISSUE_DATE), schemesWith({ passThreshold: 85 })))
      .thenRefusedWith('R-SCORE-6', { composite: 82.25, passThreshold: 85 });
  });

  it('R-SCORE-7 keeps the scheme version and results the certificate was granted on', () => {
    const state = spec(certificateDecider).given([]).when(issue()).then([issued()]) as IssuedCertificate;
    expect(state.schemeVersion).toBe('CMM-525-0002@V1.0');
    expect(state.evaluationResults).toEqual(results);
  });

  it('refuses issuing a certificate twice (INVALID_TRANSITION)', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(issue())
      .thenRefusedWith('INVALID_TRANSITION', { state: 'VALID' });
  });

  it('names the stream certificate-<number>', () => {
    expect(certificateStreamName(NUMBER)).toBe('certificate-CMM-ICS-2026-00042');
  });
});
