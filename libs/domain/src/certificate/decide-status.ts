import { addMonths, compareDates } from '../shared/calendar';
import { invalidTransition, refuse } from '../shared/errors';
import type { CancelCertificate, ReinstateCertificate, SuspendCertificate } from './certificate.commands';
import {
  CANCELLATION_GROUNDS,
  PUNITIVE_CANCELLATION_GROUNDS,
  SUSPENSION_GROUNDS,
  VERIFICATION_KINDS,
} from './certificate.constants';
import type { CertificateCancelled, CertificateReinstated, CertificateSuspended } from './certificate.events';
import {
  approvalOf,
  optionalText,
  requireIsoDate,
  requireLive,
  requireOneOf,
  requireRole,
  requireText,
  requireTextList,
  todayOf,
} from './certificate.guards';
import type { CertificateState } from './certificate.state';
import { surveillanceDueDate } from './surveillance-schedule';

/**
 * R-CERT-5 (§8.2.1, §8.3.1 暂停): the notice states reason, corrections required and a deadline of at most
 * `maxSuspensionMonths`. SYSTEM suspends only for overdue surveillance, once its due date has passed (R-TIME-3).
 */
export const suspendCertificate = (
  command: SuspendCertificate,
  state: CertificateState,
): CertificateSuspended[] => {
  const certificate = requireLive(command, state);
  if (certificate.status !== 'VALID') return invalidTransition(command.type, certificate.status);
  requireRole(command, ['DECISION_MAKER', 'SYSTEM'], 'R-CERT-5');
  const { data } = command;
  const ground = requireOneOf(data.ground, SUSPENSION_GROUNDS, 'ground', 'R-CERT-5');
  const today = todayOf(command);
  if (command.context.actor.role === 'SYSTEM') {
    if (ground !== 'SURVEILLANCE_OVERDUE') {
      refuse('R-CERT-5', 'SYSTEM suspends only for overdue surveillance (R-TIME-3)', { ground });
    }
    // R-TIME-3: the timer suspends only once the surveillance due date (R-TIME-2) has passed without a decision.
    const dueDate = surveillanceDueDate(certificate, command.context.schemes);
    if (dueDate === null || compareDates(today, dueDate) <= 0) {
      refuse(
        'R-TIME-3',
        dueDate === null
          ? 'no surveillance is due'
          : `surveillance is not overdue before ${dueDate} has passed`,
        { dueDate, today },
      );
    }
  }
  const reason = requireText(data.reason, 'reason', 'R-ACT-1');
  const correctionsRequired = requireTextList(data.correctionsRequired, 'correctionsRequired', 'R-CERT-5');
  const deadline = requireIsoDate(data.deadline, 'deadline', 'R-CERT-5');
  const latest = addMonths(today, command.context.schemes.get(certificate.schemeVersion).maxSuspensionMonths);
  if (compareDates(deadline, today) <= 0 || compareDates(deadline, latest) > 0) {
    refuse('R-CERT-5', `the suspension deadline must fall after ${today} and on or before ${latest}`, {
      deadline,
      today,
      latest,
    });
  }
  return [
    {
      type: 'CertificateSuspended',
      data: {
        statusBefore: 'VALID',
        statusAfter: 'SUSPENDED',
        ground,
        reason,
        correctionsRequired,
        deadline,
        auditId: optionalText(data.auditId, 'auditId', 'R-CERT-5'),
        ...approvalOf(command),
      },
    },
  ];
};

/** R-CERT-6 (恢复): only from SUSPENDED, on or before the deadline, once the correction was verified. */
export const reinstateCertificate = (
  command: ReinstateCertificate,
  state: CertificateState,
): CertificateReinstated[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER'], 'R-CERT-6');
  if (certificate.status !== 'SUSPENDED' || !certificate.suspension) {
    return refuse('R-CERT-6', 'only a suspended certificate can be reinstated', {
      status: certificate.status,
    });
  }
  const today = todayOf(command);
  const { deadline } = certificate.suspension;
  if (compareDates(today, deadline) > 0) {
    refuse('R-CERT-6', `the suspension deadline ${deadline} has passed`, { deadline, today });
  }
  const { verification } = command.data;
  const kind = requireOneOf(verification?.kind, VERIFICATION_KINDS, 'verification.kind', 'R-CERT-6');
  const reference = requireText(verification?.reference, 'verification.reference', 'R-CERT-6');
  const reason = requireText(command.data.reason, 'reason', 'R-ACT-1');
  return [
    {
      type: 'CertificateReinstated',
      data: {
        statusBefore: 'SUSPENDED',
        statusAfter: 'VALID',
        verification: { kind, reference },
        reason,
        ...approvalOf(command),
      },
    },
  ];
};

/**
 * R-CERT-8 (§8.2.3 注销). Punitive grounds go through revocation (Decision Q6). SYSTEM cancels only expired
 * certificates (R-TIME-5). While a revocation procedure is open, only expiry can end the certificate otherwise,
 * so that a holder cannot escape a revocation by asking for cancellation.
 */
export const cancelCertificate = (
  command: CancelCertificate,
  state: CertificateState,
): CertificateCancelled[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER', 'SYSTEM'], 'R-CERT-8');
  const { data } = command;
  if ((PUNITIVE_CANCELLATION_GROUNDS as readonly unknown[]).includes(data.ground)) {
    refuse(
      'R-CERT-8',
      `${data.ground} is a revocation ground: open a revocation procedure instead (Decision Q6)`,
      {
        ground: data.ground,
      },
    );
  }
  const ground = requireOneOf(data.ground, CANCELLATION_GROUNDS, 'ground', 'R-CERT-8');
  if (command.context.actor.role === 'SYSTEM' && ground !== 'EXPIRED') {
    refuse('R-CERT-8', 'SYSTEM cancels only expired certificates (R-TIME-5)', { ground });
  }
  const today = todayOf(command);
  if (ground === 'EXPIRED' && compareDates(today, certificate.expiryDate) <= 0) {
    refuse('R-CERT-8', `the certificate does not expire before ${certificate.expiryDate}`, {
      expiryDate: certificate.expiryDate,
      today,
    });
  }
  if (ground !== 'EXPIRED' && certificate.revocation) {
    refuse('R-CERT-8', 'a revocation procedure is open: decide it before cancelling', {
      revocationStage: certificate.revocation.stage,
    });
  }
  const reason = requireText(data.reason, 'reason', 'R-ACT-1');
  return [
    {
      type: 'CertificateCancelled',
      data: {
        statusBefore: certificate.status,
        statusAfter: 'CANCELLED',
        ground,
        reason,
        ...approvalOf(command),
      },
    },
  ];
};
