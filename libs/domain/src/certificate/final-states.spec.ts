import { actors, ctx, spec } from '@app/testing';
import { certificateDecider } from './certificate.decider';
import type { CertificateCommand } from './certificate.commands';
import type { CertificateEvent } from './certificate.events';
import {
  at,
  cancelled,
  command,
  issueData,
  issued,
  noticeIssued,
  results,
  revocationOpened,
  revoked,
} from './certificate.fixtures';

const context = ctx(actors.decisionMaker, at('2029-06-01'));
const registry = ctx(actors.registryOfficer, at('2029-06-01'));

/** One command of every type, each valid in some state, so that only the state can refuse it. */
const everyCommand: CertificateCommand[] = [
  command('ChangeCertificate', { field: 'NAME', after: 'Other', reason: 'r' }, registry),
  command('ReissueCertificate', { reason: 'LOST' }, registry),
  command(
    'SuspendCertificate',
    { ground: 'OTHER', reason: 'r', correctionsRequired: ['c'], deadline: '2029-07-01' },
    context,
  ),
  command('ReinstateCertificate', { verification: { kind: 'AUDIT', reference: 'a' }, reason: 'r' }, context),
  command('OpenRevocation', { ground: 'SERIOUS_VIOLATION', investigation: { findings: 'f' } }, context),
  command('IssueRevocationNotice', { reasons: ['r'] }, context),
  command('LodgeRevocationAppeal', { grounds: 'g' }, context),
  command('DecideRevocationAppeal', { verdict: 'REJECTED', reason: 'r' }, context),
  command('FinaliseRevocation', { reason: 'r' }, context),
  command('CancelCertificate', { ground: 'EXPIRED', reason: 'r' }, ctx(actors.system, at('2029-06-01'))),
  command(
    'RecordSurveillance',
    {
      auditId: 'a',
      auditType: 'SURVEILLANCE',
      decisionDate: '2029-05-01',
      outcome: 'MAINTAIN',
      conclusion: 'c',
      leadAuditorId: 'l',
    },
    context,
  ),
  command(
    'RenewCertificate',
    {
      grant: {
        auditId: 'a',
        auditType: 'RECERTIFICATION',
        decisionDate: '2028-12-01',
        decisionMaker: actors.decisionMaker,
      },
      evaluationResults: results,
    },
    context,
  ),
];

const finalHistories: [string, CertificateEvent[]][] = [
  ['REVOKED', [issued(), revocationOpened(), noticeIssued(), revoked()]],
  ['CANCELLED', [issued(), cancelled()]],
];

describe('final and initial states', () => {
  it.each(finalHistories)(
    'R-CERT-7 R-CERT-8 a %s certificate refuses every command (INVALID_TRANSITION)',
    (status, history) => {
      [...everyCommand, command('IssueCertificate', issueData(), context)].forEach((cmd) =>
        spec(certificateDecider)
          .given(history)
          .when(cmd)
          .thenRefusedWith('INVALID_TRANSITION', { command: cmd.type, state: status }),
      );
    },
  );

  it('a final certificate refuses commands even from roles that could never send them', () => {
    spec(certificateDecider)
      .given([issued(), cancelled()])
      .when(command('ReissueCertificate', { reason: 'LOST' }, ctx(actors.admin, at('2029-06-01'))))
      .thenRefusedWith('INVALID_TRANSITION', { state: 'CANCELLED' });
  });

  it('a certificate that was never issued refuses everything but IssueCertificate (INVALID_TRANSITION)', () => {
    everyCommand.forEach((cmd) =>
      spec(certificateDecider)
        .given([])
        .when(cmd)
        .thenRefusedWith('INVALID_TRANSITION', { command: cmd.type, state: 'NONE' }),
    );
  });
});
