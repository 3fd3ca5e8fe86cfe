import { actors, ctx, schemesWith, spec } from '@app/testing';
import type { Actor } from '@app/domain';
import { certificateDecider } from './certificate.decider';
import type { ReinstateCertificate, SuspendCertificate } from './certificate.commands';
import { at, command, grant, issued, suspended } from './certificate.fixtures';

const today = '2026-06-01';
const suspendData = (overrides: Partial<SuspendCertificate['data']> = {}): SuspendCertificate['data'] => ({
  ground: 'MINOR_NC_NOT_CORRECTED',
  reason: 'NC-3 not corrected by its due date',
  correctionsRequired: ['Correct NC-3 (complaint handling records)'],
  deadline: '2026-09-01',
  auditId: 'audit-surv-1',
  ...overrides,
});
const suspend = (
  data = suspendData(),
  actor: Actor = actors.decisionMaker,
  context = ctx(actor, at(today)),
) => command('SuspendCertificate', data, context);

const reinstateData: ReinstateCertificate['data'] = {
  verification: { kind: 'REVIEW', reference: 'review-7' },
  reason: 'Correction verified',
};
const reinstate = (date: string, data = reinstateData, actor: Actor = actors.decisionMaker) =>
  command('ReinstateCertificate', data, ctx(actor, at(date)));

describe('SuspendCertificate (§8.2.1, §8.3.1 暂停)', () => {
  it('R-CERT-5 suspends a valid certificate with the reason, corrections required and deadline', () => {
    const state = spec(certificateDecider).given([issued()]).when(suspend()).then([suspended()]);
    expect(state).toMatchObject({
      status: 'SUSPENDED',
      statusChangedOn: today,
      suspension: { ground: 'MINOR_NC_NOT_CORRECTED', deadline: '2026-09-01', since: today },
    });
  });

  it('R-CERT-4 records the Annex B.3 status change: date, before, after, reason, approver', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(suspend())
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({
          date: today,
          statusBefore: 'VALID',
          statusAfter: 'SUSPENDED',
          reason: 'NC-3 not corrected by its due date',
          approver: actors.decisionMaker,
        }),
      );
  });

  it('R-CERT-5 accepts a deadline exactly at the scheme maximum (6 months)', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(suspend(suspendData({ deadline: '2026-12-01' })))
      .thenEvents(([event]) => expect(event.data).toMatchObject({ deadline: '2026-12-01' }));
  });

  it('R-CERT-5 refuses a deadline beyond the scheme maximum, or not after today', () => {
    ['2026-12-02', today, '2026-05-31'].forEach((deadline) =>
      spec(certificateDecider)
        .given([issued()])
        .when(suspend(suspendData({ deadline })))
        .thenRefusedWith('R-CERT-5', { deadline, latest: '2026-12-01' }),
    );
  });

  it('R-CERT-5 reads the maximum suspension from the scheme version', () => {
    const context = ctx(actors.decisionMaker, at(today), schemesWith({ maxSuspensionMonths: 2 }));
    spec(certificateDecider)
      .given([issued()])
      .when(suspend(suspendData({ deadline: '2026-09-01' }), actors.decisionMaker, context))
      .thenRefusedWith('R-CERT-5', { latest: '2026-08-01' });
  });

  it('R-CERT-5 refuses a notice without corrections required or with an unknown ground', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(suspend(suspendData({ correctionsRequired: [] })))
      .thenRefusedWith('R-CERT-5', { field: 'correctionsRequired' });
    spec(certificateDecider)
      .given([issued()])
      .when(suspend(suspendData({ ground: 'SERIOUS_NONCONFORMITY' as 'OTHER' })))
      .thenRefusedWith('R-CERT-5', { field: 'ground' });
  });

  it('R-ACT-1 refuses a suspension without a reason', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(suspend(suspendData({ reason: ' ' })))
      .thenRefusedWith('R-ACT-1', { field: 'reason' });
  });

  it('R-CERT-5 refuses a suspension by a registry officer or ADMIN', () => {
    [actors.registryOfficer, actors.admin].forEach((actor) =>
      spec(certificateDecider)
        .given([issued()])
        .when(suspend(suspendData(), actor))
        .thenRefusedWith('R-CERT-5', { role: actor.role }),
    );
  });

  it('R-TIME-3 lets SYSTEM suspend for overdue surveillance', () => {
    // Granted 2025-05-31: first surveillance due 2026-05-31 (+12 months), overdue on 2026-06-01.
    const overdue = issued({
      grant: { ...grant, decisionDate: '2025-05-31' },
      decisionDate: '2025-05-31',
      effectiveDate: '2025-05-31',
      issueDate: '2025-06-02',
      expiryDate: '2028-05-31',
      date: '2025-06-02',
    });
    spec(certificateDecider)
      .given([overdue])
      .when(
        suspend(
          suspendData({ ground: 'SURVEILLANCE_OVERDUE', reason: 'Surveillance due 2026-05-31' }),
          actors.system,
        ),
      )
      .thenEvents(([event], state) => {
        expect(event.data).toMatchObject({ ground: 'SURVEILLANCE_OVERDUE', approver: actors.system });
        expect(state).toMatchObject({ status: 'SUSPENDED' });
      });
  });

  it('R-CERT-5 refuses a SYSTEM suspension on any ground but overdue surveillance (R-TIME-3)', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(suspend(suspendData(), actors.system))
      .thenRefusedWith('R-CERT-5', { ground: 'MINOR_NC_NOT_CORRECTED' });
  });

  it('refuses suspending a suspended certificate (INVALID_TRANSITION)', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(suspend())
      .thenRefusedWith('INVALID_TRANSITION', { state: 'SUSPENDED' });
  });
});

describe('ReinstateCertificate (恢复)', () => {
  it('R-CERT-6 reinstates a suspended certificate on the deadline after verification', () => {
    const state = spec(certificateDecider)
      .given([issued(), suspended()])
      .when(reinstate('2026-09-01'))
      .then([
        {
          type: 'CertificateReinstated',
          data: {
            statusBefore: 'SUSPENDED',
            statusAfter: 'VALID',
            verification: { kind: 'REVIEW', reference: 'review-7' },
            reason: 'Correction verified',
            approver: actors.decisionMaker,
            date: '2026-09-01',
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'VALID', suspension: null, statusChangedOn: '2026-09-01' });
  });

  it('R-CERT-6 refuses reinstatement after the suspension deadline', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(reinstate('2026-09-02'))
      .thenRefusedWith('R-CERT-6', { deadline: '2026-09-01', today: '2026-09-02' });
  });

  it('R-CERT-6 refuses reinstating a certificate that is not suspended', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(reinstate('2026-07-01'))
      .thenRefusedWith('R-CERT-6', { status: 'VALID' });
  });

  it('R-CERT-6 refuses reinstatement without a verification reference', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(reinstate('2026-07-01', { ...reinstateData, verification: { kind: 'AUDIT', reference: '' } }))
      .thenRefusedWith('R-CERT-6', { field: 'verification.reference' });
  });

  it('R-ACT-1 refuses reinstatement without a reason', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(reinstate('2026-07-01', { ...reinstateData, reason: '' }))
      .thenRefusedWith('R-ACT-1', { field: 'reason' });
  });

  it('R-CERT-6 refuses reinstatement by SYSTEM or a registry officer', () => {
    [actors.system, actors.registryOfficer].forEach((actor) =>
      spec(certificateDecider)
        .given([issued(), suspended()])
        .when(reinstate('2026-07-01', reinstateData, actor))
        .thenRefusedWith('R-CERT-6', { role: actor.role }),
    );
  });
});
