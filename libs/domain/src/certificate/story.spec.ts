import { fold } from '@app/domain';
import type { Actor } from '@app/domain';
import { actors, ctx } from '@app/testing';
import { certificateDecider } from './certificate.decider';
import type { CertificateCommand } from './certificate.commands';
import type { CertificateEvent } from './certificate.events';
import type { CertificateState } from './certificate.state';
import { at, command, issueData, results } from './certificate.fixtures';

/** Replays the stream after every command, as the command handler does (read → fold → decide → append). */
const story = () => {
  const stream: CertificateEvent[] = [];
  const state = (): CertificateState =>
    fold(certificateDecider.evolve, certificateDecider.initialState, stream);
  const run = (cmd: CertificateCommand): CertificateState => {
    stream.push(...certificateDecider.decide(cmd, state()));
    return state();
  };
  return { stream, run };
};
const on = (date: string, actor: Actor = actors.decisionMaker) => ctx(actor, at(date));

describe('certificate story: granted → changed → suspended → reinstated → surveilled → renewed → revoked', () => {
  it('R-CERT-1…R-CERT-9 and R-ACT-1: the folded state follows every step and every event names its approver', () => {
    const { stream, run } = story();

    // Decision 2026-01-08, issued 2026-01-10, expiry = decision + 3 years (R-CERT-2).
    expect(run(command('IssueCertificate', issueData(), on('2026-01-10')))).toMatchObject({
      status: 'VALID',
      expiryDate: '2029-01-08',
      documentRevision: 1,
    });

    expect(
      run(
        command(
          'ChangeCertificate',
          { field: 'ADDRESS', after: '上海市浦东新区示例路2号', reason: 'Head office moved' },
          on('2026-03-02', actors.registryOfficer),
        ),
      ),
    ).toMatchObject({ holder: { address: '上海市浦东新区示例路2号' }, documentRevision: 2 });

    // Deadline 2026-09-01 ≤ 2026-06-01 + 6 months (R-CERT-5).
    expect(
      run(
        command(
          'SuspendCertificate',
          {
            ground: 'MINOR_NC_NOT_CORRECTED',
            reason: 'NC-3 open past its due date',
            correctionsRequired: ['Close NC-3'],
            deadline: '2026-09-01',
          },
          on('2026-06-01'),
        ),
      ),
    ).toMatchObject({ status: 'SUSPENDED', suspension: { deadline: '2026-09-01' } });

    expect(
      run(
        command(
          'ReinstateCertificate',
          { verification: { kind: 'AUDIT', reference: 'audit-special-1' }, reason: 'NC-3 verified closed' },
          on('2026-08-20'),
        ),
      ),
    ).toMatchObject({ status: 'VALID', suspension: null });

    expect(
      run(
        command(
          'RecordSurveillance',
          {
            auditId: 'audit-surv-1',
            auditType: 'SURVEILLANCE',
            decisionDate: '2026-12-15',
            outcome: 'MAINTAIN',
            conclusion: 'Continues to conform',
            leadAuditorId: 'user-lead',
          },
          on('2026-12-16'),
        ),
      ),
    ).toMatchObject({ lastSurveillanceDate: '2026-12-15' });

    // New expiry = old expiry + 3 years, not decision + 3 years (R-CERT-9).
    expect(
      run(
        command(
          'RenewCertificate',
          {
            grant: {
              auditId: 'audit-recert-1',
              auditType: 'RECERTIFICATION',
              decisionDate: '2028-11-30',
              decisionMaker: actors.decisionMaker,
            },
            evaluationResults: { ...results, composite: 88 },
          },
          on('2028-12-01'),
        ),
      ),
    ).toMatchObject({ number: 'CMM-ICS-2026-00042', expiryDate: '2032-01-08', documentRevision: 3 });

    run(
      command(
        'OpenRevocation',
        { ground: 'SERIOUS_VIOLATION', investigation: { findings: 'Customer data sold to third parties' } },
        on('2029-03-01'),
      ),
    );
    // The public status does not change until the revocation is final (R-CERT-7).
    expect(
      run(command('IssueRevocationNotice', { reasons: ['Serious violation of PIPL'] }, on('2029-03-05'))),
    ).toMatchObject({
      status: 'VALID',
      revocation: { stage: 'NOTICE_ISSUED', appealWindowEndsAt: '2029-04-04' },
    });
    run(command('LodgeRevocationAppeal', { grounds: 'A contractor acted alone' }, on('2029-03-20')));
    run(
      command(
        'DecideRevocationAppeal',
        { verdict: 'REJECTED', reason: 'Contractor acted on instruction' },
        on('2029-03-28'),
      ),
    );
    const final = run(
      command('FinaliseRevocation', { reason: 'Revoked after rejected appeal' }, on('2029-03-29')),
    );

    expect(final).toMatchObject({ status: 'REVOKED', statusChangedOn: '2029-03-29', revocation: null });
    expect(stream.map((e) => e.type)).toEqual([
      'CertificateIssued',
      'CertificateChanged',
      'CertificateSuspended',
      'CertificateReinstated',
      'SurveillanceRecorded',
      'CertificateRenewed',
      'RevocationOpened',
      'RevocationNoticeIssued',
      'RevocationAppealLodged',
      'RevocationAppealDecided',
      'CertificateRevoked',
    ]);
    // R-ACT-1 / R-CERT-4: every event records its approver and date; every status change its before/after.
    stream.forEach((event) =>
      expect(event.data).toMatchObject({ approver: expect.any(Object), date: expect.any(String) }),
    );
    stream
      .filter((event) => 'statusAfter' in event.data)
      .forEach((event) =>
        expect(event.data).toMatchObject({ statusBefore: expect.any(String), reason: expect.any(String) }),
      );
    expect(() =>
      run(command('ReissueCertificate', { reason: 'LOST' }, on('2029-04-01', actors.registryOfficer))),
    ).toThrow(/INVALID_TRANSITION/);
  });
});
