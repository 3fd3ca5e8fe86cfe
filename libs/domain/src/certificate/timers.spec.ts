import { actors, ctx, defaultSchemes, schemesWith, spec } from '@app/testing';
import type { SchemeCatalogue } from '../scheme/scheme-catalogue';
import type { Actor } from '../shared/roles';
import { certificateDecider } from './certificate.decider';
import type { SuspendCertificate } from './certificate.commands';
import { at, command, reinstated, suspended } from './certificate.fixtures';
import { grantedOn, renewedOn, surveilledOn } from './certificate-timeline.fixtures';

const certificate = spec(certificateDecider);

/** Granted 2026-01-08, expires 2029-01-08: first surveillance due 2027-01-08 (R-TIME-2). */
const granted = grantedOn('2026-01-08');

const overdueSuspension = (
  date: string,
  deadline: string,
  actor: Actor = actors.system,
  schemes: SchemeCatalogue = defaultSchemes,
  ground: SuspendCertificate['data']['ground'] = 'SURVEILLANCE_OVERDUE',
) =>
  command(
    'SuspendCertificate',
    {
      ground,
      reason: 'Surveillance not decided by its due date',
      correctionsRequired: ['Undergo the surveillance audit'],
      deadline,
    } satisfies SuspendCertificate['data'],
    ctx(actor, at(date), schemes),
  );

describe('R-TIME-3 SYSTEM suspends a certificate whose surveillance is overdue', () => {
  it('R-TIME-3 suspends the day after the due date', () => {
    const state = certificate
      .given([granted])
      .when(overdueSuspension('2027-01-09', '2027-07-09'))
      .then([
        {
          type: 'CertificateSuspended',
          data: {
            statusBefore: 'VALID',
            statusAfter: 'SUSPENDED',
            ground: 'SURVEILLANCE_OVERDUE',
            reason: 'Surveillance not decided by its due date',
            correctionsRequired: ['Undergo the surveillance audit'],
            deadline: '2027-07-09',
            auditId: null,
            approver: actors.system,
            date: '2027-01-09',
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'SUSPENDED', suspension: { ground: 'SURVEILLANCE_OVERDUE' } });
  });

  it('R-TIME-3 refuses on the due date itself', () => {
    certificate
      .given([granted])
      .when(overdueSuspension('2027-01-08', '2027-07-08'))
      .thenRefusedWith('R-TIME-3', { dueDate: '2027-01-08', today: '2027-01-08' });
  });

  it('R-TIME-3 refuses when the surveillance was decided in time', () => {
    // Surveillance 2026-12-15 → next due 2027-12-15.
    certificate
      .given([granted, surveilledOn('2026-12-15')])
      .when(overdueSuspension('2027-01-09', '2027-07-09'))
      .thenRefusedWith('R-TIME-3', { dueDate: '2027-12-15' });
  });

  it('R-TIME-3 refuses in the recertification year, when no surveillance is due', () => {
    // Granted 2025-03-10 (expires 2028-03-10); surveillance 2027-01-20 → 2028-01-20 falls in the expiry year.
    certificate
      .given([grantedOn('2025-03-10'), surveilledOn('2026-03-02'), surveilledOn('2027-01-20')])
      .when(overdueSuspension('2028-01-21', '2028-03-01'))
      .thenRefusedWith('R-TIME-3', { dueDate: null, today: '2028-01-21' });
  });

  it('R-TIME-3 reads the interval from the scheme version', () => {
    // 18 months: 2026-01-08 + 18 months = 2027-07-08, so 2027-01-09 is not overdue.
    const every18Months = schemesWith({ surveillanceIntervalMonths: 18 });
    certificate
      .given([granted])
      .when(overdueSuspension('2027-01-09', '2027-07-09', actors.system, every18Months))
      .thenRefusedWith('R-TIME-3', { dueDate: '2027-07-08' });
  });

  it('R-TIME-3 counts from the renewal decision after a renewal', () => {
    // Last surveillance 2027-12-10 would make 2028-12-10 due; the renewal of 2028-12-20 moves it to 2029-12-20.
    certificate
      .given([granted, surveilledOn('2027-12-10'), renewedOn('2028-12-20', '2029-01-08')])
      .when(overdueSuspension('2029-01-02', '2029-07-01'))
      .thenRefusedWith('R-TIME-3', { dueDate: '2029-12-20' });
  });

  it('R-TIME-3 still refuses SYSTEM on any other ground (R-CERT-5)', () => {
    certificate
      .given([granted])
      .when(overdueSuspension('2027-01-09', '2027-07-09', actors.system, defaultSchemes, 'OTHER'))
      .thenRefusedWith('R-CERT-5', { ground: 'OTHER' });
  });
});

describe('R-TIME-4 SYSTEM opens the revocation of an expired suspension', () => {
  const open = (date: string) =>
    command(
      'OpenRevocation',
      { ground: 'SUSPENSION_EXPIRED', investigation: { findings: 'No correction by the deadline' } },
      ctx(actors.system, at(date)),
    );

  it('R-TIME-4 opens the day after the suspension deadline (2026-09-01), refuses on it', () => {
    certificate
      .given([granted, suspended()])
      .when(open('2026-09-01'))
      .thenRefusedWith('R-CERT-7', { deadline: '2026-09-01', today: '2026-09-01' });
    certificate
      .given([granted, suspended()])
      .when(open('2026-09-02'))
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ type: 'RevocationOpened', data: { ground: 'SUSPENSION_EXPIRED' } }),
      );
  });

  it('R-TIME-4 refuses once the certificate was reinstated', () => {
    certificate
      .given([granted, suspended(), reinstated()])
      .when(open('2026-09-02'))
      .thenRefusedWith('R-CERT-7', { status: 'VALID', deadline: null });
  });
});

describe('R-TIME-5 SYSTEM cancels an expired certificate', () => {
  const cancel = (date: string) =>
    command(
      'CancelCertificate',
      { ground: 'EXPIRED', reason: 'Expired without recertification' },
      ctx(actors.system, at(date)),
    );

  it('R-TIME-5 cancels the day after expiry (2029-01-08), refuses on it, also when suspended', () => {
    certificate
      .given([granted])
      .when(cancel('2029-01-08'))
      .thenRefusedWith('R-CERT-8', { expiryDate: '2029-01-08', today: '2029-01-08' });
    certificate
      .given([granted, suspended()])
      .when(cancel('2029-01-09'))
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({
          statusBefore: 'SUSPENDED',
          statusAfter: 'CANCELLED',
          ground: 'EXPIRED',
        }),
      );
  });

  it('R-TIME-5 a renewal moves the expiry: no cancellation at the old one', () => {
    certificate
      .given([granted, renewedOn('2028-12-20', '2029-01-08')])
      .when(cancel('2029-01-09'))
      .thenRefusedWith('R-CERT-8', { expiryDate: '2032-01-08' });
  });
});
