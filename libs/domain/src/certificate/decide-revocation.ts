import { addDays, compareDates } from '../shared/calendar';
import type { Command } from '../shared/decider';
import { refuse } from '../shared/errors';
import type {
  DecideRevocationAppeal,
  FinaliseRevocation,
  IssueRevocationNotice,
  LodgeRevocationAppeal,
  OpenRevocation,
} from './certificate.commands';
import { APPEAL_VERDICTS, REVOCATION_GROUNDS, type RevocationStage } from './certificate.constants';
import type {
  CertificateRevoked,
  RevocationAppealDecided,
  RevocationAppealLodged,
  RevocationNoticeIssued,
  RevocationOpened,
} from './certificate.events';
import {
  approvalOf,
  optionalText,
  requireLive,
  requireOneOf,
  requireRole,
  requireText,
  requireTextList,
  todayOf,
  type LiveCertificate,
} from './certificate.guards';
import type { CertificateState, RevocationProcedure } from './certificate.state';

/** The open procedure, in one of the stages the step may follow (R-CERT-7: 调查 → 通知 → 申诉 → 决定). */
const requireProcedure = (
  command: Command,
  certificate: LiveCertificate,
  stages: readonly RevocationStage[],
): RevocationProcedure => {
  const procedure = certificate.revocation;
  if (!procedure)
    return refuse('R-CERT-7', `${command.type} needs an open revocation procedure`, { stage: null });
  if (!stages.includes(procedure.stage)) {
    refuse('R-CERT-7', `${command.type} does not follow ${procedure.stage}`, {
      stage: procedure.stage,
      expected: [...stages],
    });
  }
  return procedure;
};

/**
 * R-CERT-7 (§8.3.2 调查): the investigation is recorded; the public status does not change until the final decision.
 * SYSTEM opens one only when a suspension deadline has passed without reinstatement (R-TIME-4).
 */
export const openRevocation = (command: OpenRevocation, state: CertificateState): RevocationOpened[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER', 'SYSTEM'], 'R-CERT-7');
  const { data } = command;
  const ground = requireOneOf(data.ground, REVOCATION_GROUNDS, 'ground', 'R-CERT-7');
  if (command.context.actor.role === 'SYSTEM' && ground !== 'SUSPENSION_EXPIRED') {
    refuse('R-CERT-7', 'SYSTEM opens a revocation only when a suspension has expired (R-TIME-4)', { ground });
  }
  if (certificate.revocation) {
    refuse('R-CERT-7', 'a revocation procedure is already open', { stage: certificate.revocation.stage });
  }
  const today = todayOf(command);
  if (ground === 'SUSPENSION_EXPIRED') {
    const deadline = certificate.suspension?.deadline;
    if (certificate.status !== 'SUSPENDED' || !deadline || compareDates(today, deadline) <= 0) {
      refuse('R-CERT-7', 'the ground SUSPENSION_EXPIRED needs a suspension whose deadline has passed', {
        status: certificate.status,
        deadline: deadline ?? null,
        today,
      });
    }
  }
  return [
    {
      type: 'RevocationOpened',
      data: {
        ground,
        findings: requireText(data.investigation?.findings, 'investigation.findings', 'R-CERT-7'),
        auditId: optionalText(data.auditId, 'auditId', 'R-CERT-7'),
        ...approvalOf(command),
      },
    },
  ];
};

/** R-CERT-7 (通知): the notice states the reasons and opens the appeal window (`revocationAppealWindowDays`). */
export const issueRevocationNotice = (
  command: IssueRevocationNotice,
  state: CertificateState,
): RevocationNoticeIssued[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER'], 'R-CERT-7');
  requireProcedure(command, certificate, ['INVESTIGATION']);
  const reasons = requireTextList(command.data.reasons, 'reasons', 'R-CERT-7');
  const { revocationAppealWindowDays } = command.context.schemes.get(certificate.schemeVersion);
  return [
    {
      type: 'RevocationNoticeIssued',
      data: {
        reasons,
        appealWindowEndsAt: addDays(todayOf(command), revocationAppealWindowDays),
        ...approvalOf(command),
      },
    },
  ];
};

/** R-CERT-7 (申诉): the holder's appeal is recorded only after the notice and within the window. */
export const lodgeRevocationAppeal = (
  command: LodgeRevocationAppeal,
  state: CertificateState,
): RevocationAppealLodged[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER'], 'R-CERT-7');
  const procedure = requireProcedure(command, certificate, ['NOTICE_ISSUED']);
  const today = todayOf(command);
  const windowEnd = procedure.appealWindowEndsAt ?? today;
  if (compareDates(today, windowEnd) > 0) {
    refuse('R-CERT-7', `the appeal window closed on ${windowEnd}`, { appealWindowEndsAt: windowEnd, today });
  }
  const grounds = requireText(command.data.grounds, 'grounds', 'R-CERT-7');
  return [{ type: 'RevocationAppealLodged', data: { grounds, ...approvalOf(command) } }];
};

/** R-CERT-7: an appeal lodged in the window is decided before the revocation can become final. */
export const decideRevocationAppeal = (
  command: DecideRevocationAppeal,
  state: CertificateState,
): RevocationAppealDecided[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER'], 'R-CERT-7');
  requireProcedure(command, certificate, ['APPEAL_LODGED']);
  const verdict = requireOneOf(command.data.verdict, APPEAL_VERDICTS, 'verdict', 'R-CERT-7');
  const reason = requireText(command.data.reason, 'reason', 'R-ACT-1');
  return [
    {
      type: 'RevocationAppealDecided',
      data: { verdict, reason, procedureClosed: verdict === 'UPHELD', ...approvalOf(command) },
    },
  ];
};

/** R-CERT-7 (决定): final once the window passed without appeal, or the appeal was rejected. */
export const finaliseRevocation = (
  command: FinaliseRevocation,
  state: CertificateState,
): CertificateRevoked[] => {
  const certificate = requireLive(command, state);
  requireRole(command, ['DECISION_MAKER'], 'R-CERT-7');
  const procedure = requireProcedure(command, certificate, ['NOTICE_ISSUED', 'APPEAL_REJECTED']);
  const today = todayOf(command);
  if (
    procedure.stage === 'NOTICE_ISSUED' &&
    compareDates(today, procedure.appealWindowEndsAt ?? today) <= 0
  ) {
    refuse('R-CERT-7', `the appeal window is open until ${procedure.appealWindowEndsAt}`, {
      appealWindowEndsAt: procedure.appealWindowEndsAt,
      today,
    });
  }
  const reason = requireText(command.data.reason, 'reason', 'R-ACT-1');
  return [
    {
      type: 'CertificateRevoked',
      data: {
        statusBefore: certificate.status,
        statusAfter: 'REVOKED',
        ground: procedure.ground,
        reasons: procedure.reasons,
        reason,
        appealVerdict: procedure.stage === 'APPEAL_REJECTED' ? 'REJECTED' : null,
        ...approvalOf(command),
      },
    },
  ];
};
