import { actors, ctx, spec } from '@app/testing';
import type { Actor } from '@app/domain';
import { certificateDecider } from './certificate.decider';
import type { CancellationGround } from './certificate.constants';
import {
  EXPIRY_DATE,
  at,
  cancelled,
  command,
  issued,
  revocationOpened,
  suspended,
} from './certificate.fixtures';

const cancel = (
  date: string,
  ground: CancellationGround,
  actor: Actor = actors.decisionMaker,
  reason = 'r',
) => command('CancelCertificate', { ground, reason }, ctx(actor, at(date)));

describe('CancelCertificate (§8.2.3, §8.3.3 注销)', () => {
  it('R-CERT-8 cancels on the holder request with a B.3 record', () => {
    const state = spec(certificateDecider)
      .given([issued()])
      .when(cancel('2026-05-01', 'HOLDER_REQUEST', actors.decisionMaker, 'Holder stopped the service'))
      .then([cancelled()]);
    expect(state).toMatchObject({ status: 'CANCELLED', statusChangedOn: '2026-05-01' });
  });

  it('R-CERT-8 cancels a suspended certificate of a terminated holder', () => {
    spec(certificateDecider)
      .given([issued(), suspended()])
      .when(cancel('2026-07-01', 'HOLDER_TERMINATED'))
      .thenEvents(([event], state) => {
        expect(event.data).toMatchObject({
          statusBefore: 'SUSPENDED',
          statusAfter: 'CANCELLED',
          ground: 'HOLDER_TERMINATED',
        });
        expect(state).toMatchObject({ status: 'CANCELLED', suspension: null });
      });
  });

  it('R-CERT-8 refuses punitive grounds: they go through revocation (Decision Q6)', () => {
    ['NO_LONGER_CONFORMS', 'SERIOUS_VIOLATION'].forEach((ground) => {
      const refusal = spec(certificateDecider)
        .given([issued()])
        .when(cancel('2026-05-01', ground as CancellationGround))
        .thenRefusedWith('R-CERT-8', { ground });
      expect(refusal.message).toMatch(/revocation/);
    });
  });

  it('R-CERT-8 refuses cancelling for expiry on or before the expiry date', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(cancel(EXPIRY_DATE, 'EXPIRED'))
      .thenRefusedWith('R-CERT-8', { expiryDate: EXPIRY_DATE, today: EXPIRY_DATE });
  });

  it('R-CERT-8 cancels an expired certificate on a decision maker’s decision', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(cancel('2029-01-09', 'EXPIRED'))
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({ ground: 'EXPIRED', statusAfter: 'CANCELLED' }),
      );
  });

  it('R-TIME-5 lets SYSTEM cancel a certificate once its expiry date has passed', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(cancel('2029-01-09', 'EXPIRED', actors.system, 'Expired without recertification'))
      .thenEvents(([event], state) => {
        expect(event.data).toMatchObject({ ground: 'EXPIRED', approver: actors.system, date: '2029-01-09' });
        expect(state).toMatchObject({ status: 'CANCELLED' });
      });
  });

  it('R-CERT-8 refuses SYSTEM cancellation before expiry or on any other ground (R-TIME-5)', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(cancel(EXPIRY_DATE, 'EXPIRED', actors.system))
      .thenRefusedWith('R-CERT-8', { expiryDate: EXPIRY_DATE });
    spec(certificateDecider)
      .given([issued()])
      .when(cancel('2029-01-09', 'HOLDER_REQUEST', actors.system))
      .thenRefusedWith('R-CERT-8', { ground: 'HOLDER_REQUEST' });
  });

  it('R-CERT-8 refuses a holder-request cancellation while a revocation procedure is open', () => {
    spec(certificateDecider)
      .given([issued(), revocationOpened()])
      .when(cancel('2026-03-05', 'HOLDER_REQUEST'))
      .thenRefusedWith('R-CERT-8', { revocationStage: 'INVESTIGATION' });
  });

  it('R-CERT-8 refuses cancellation by a registry officer or ADMIN', () => {
    [actors.registryOfficer, actors.admin].forEach((actor) =>
      spec(certificateDecider)
        .given([issued()])
        .when(cancel('2026-05-01', 'HOLDER_REQUEST', actor))
        .thenRefusedWith('R-CERT-8', { role: actor.role }),
    );
  });

  it('R-ACT-1 refuses a cancellation without a reason', () => {
    spec(certificateDecider)
      .given([issued()])
      .when(cancel('2026-05-01', 'OTHER', actors.decisionMaker, ''))
      .thenRefusedWith('R-ACT-1', { field: 'reason' });
  });
});
