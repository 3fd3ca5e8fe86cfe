import {
  addMonths,
  certificateDecider,
  recertificationWindowOpens,
  surveillanceDueDate,
  type CertificateEvent,
  type CertificateState,
  type IssuedCertificate,
  type SchemeCatalogue,
} from '@app/domain';
import type { Deadline, DeadlineField, DeadlinesDocument } from './deadline';

export const CERTIFICATE_DEADLINE_EVENTS = [
  'CertificateIssued',
  'CertificateChanged',
  'CertificateSuspended',
  'CertificateReinstated',
  'RevocationOpened',
  'RevocationNoticeIssued',
  'RevocationAppealLodged',
  'RevocationAppealDecided',
  'CertificateRevoked',
  'CertificateCancelled',
  'SurveillanceRecorded',
  'CertificateRenewed',
] as const satisfies readonly CertificateEvent['type'][];

/** The slots a certificate's document can fill. */
export const CERTIFICATE_DEADLINE_SLOTS: readonly DeadlineField[] = [
  'surveillance',
  'recertificationWindow',
  'suspension',
  'revocationAppeal',
  'expiry',
];

/**
 * The certificate as its clocks need it: its state without the grant, the certification basis and the evaluation
 * results. No deadline reads them, and the domain's evolve only ever copies them from the events that carry them
 * (the issue, a renewal); they were more than half of the largest documents of the largest read model.
 */
export type CertificateOnTheClock = Omit<IssuedCertificate, 'grant' | 'basis' | 'evaluationResults'>;

const onTheClock = ({
  grant: _grant,
  basis: _basis,
  evaluationResults: _evaluationResults,
  ...clocked
}: IssuedCertificate): CertificateOnTheClock => clocked;

/** The document's certificate folded on as the domain's state: what it leaves out, evolve replaces and never reads. */
const asState = (certificate: CertificateOnTheClock): CertificateState => certificate as IssuedCertificate;

/**
 * The certificate folded with the domain's own evolve from the events that move its clocks (less what no clock
 * reads), so the deadlines computed here are the ones the timers' commands will be checked against.
 */
export interface CertificateDeadlinesDocument extends DeadlinesDocument {
  certificate: CertificateOnTheClock;
  /**
   * The suspension (its start date) for which a revocation procedure was opened: R-TIME-4 opens one once per
   * suspension, not again after an upheld appeal closed it.
   */
  revocationOpenedForSuspension?: string | null;
}

const live = (certificate: IssuedCertificate): boolean =>
  certificate.status === 'VALID' || certificate.status === 'SUSPENDED';

/** R-TIME-2 / R-TIME-3: surveillance due; a VALID certificate is suspended the day after. */
const surveillance = (certificate: IssuedCertificate, schemes: SchemeCatalogue): Deadline | null => {
  const dueOn = surveillanceDueDate(certificate, schemes);
  if (!dueOn) return null;
  const anchor = certificate.lastSurveillanceDate ?? certificate.decisionDate;
  const months = schemes.get(certificate.schemeVersion).surveillanceIntervalMonths;
  const from = certificate.lastSurveillanceDate ? 'the last surveillance' : 'the certification decision';
  return {
    kind: 'surveillance',
    ruleId: 'R-TIME-2',
    timerRuleId: 'R-TIME-3',
    startedOn: anchor,
    dueOn,
    estimated: false,
    basis:
      dueOn === addMonths(anchor, months)
        ? `${from} ${anchor} + ${months} months = ${dueOn}`
        : `${from} ${anchor}: at least once in the next calendar year, by ${dueOn}`,
    action: certificate.status === 'VALID' ? 'SUSPEND_FOR_OVERDUE_SURVEILLANCE' : null,
  };
};

/** R-CERT-9: recertification may be applied for from this day; listed so the holder can be reminded. */
const recertificationWindow = (certificate: IssuedCertificate, schemes: SchemeCatalogue): Deadline => {
  const months = schemes.get(certificate.schemeVersion).recertificationWindowMonths;
  const opens = recertificationWindowOpens(certificate, schemes);
  return {
    kind: 'recertification-window',
    ruleId: 'R-CERT-9',
    timerRuleId: null,
    startedOn: opens,
    dueOn: opens,
    estimated: false,
    basis: `expiry ${certificate.expiryDate} − ${months} months = ${opens}`,
    action: null,
  };
};

/** R-CERT-5 / R-TIME-4: the last day to reinstate; the day after, SYSTEM opens the revocation procedure. */
const suspension = (certificate: IssuedCertificate, revocationOpenedFor: string | null): Deadline | null => {
  const open = certificate.status === 'SUSPENDED' ? certificate.suspension : null;
  if (!open) return null;
  const revocationOpened = certificate.revocation !== null || revocationOpenedFor === open.since;
  return {
    kind: 'suspension',
    ruleId: 'R-CERT-5',
    timerRuleId: 'R-TIME-4',
    startedOn: open.since,
    dueOn: open.deadline,
    estimated: false,
    basis: `suspended on ${open.since} (${open.ground}); reinstatement possible until ${open.deadline}`,
    action: revocationOpened ? null : 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION',
  };
};

/** R-CERT-7: once the appeal window closed (and any appeal was decided), a decision maker finalises. */
const revocationAppeal = (certificate: IssuedCertificate): Deadline | null => {
  const procedure = certificate.revocation;
  if (!procedure?.appealWindowEndsAt || !procedure.noticeDate) return null;
  const appeal = procedure.appeal;
  return {
    kind: 'revocation-appeal',
    ruleId: 'R-CERT-7',
    timerRuleId: null,
    startedOn: procedure.noticeDate,
    dueOn: procedure.appealWindowEndsAt,
    estimated: false,
    basis:
      `revocation notice of ${procedure.noticeDate}; appeal window until ${procedure.appealWindowEndsAt}` +
      (appeal
        ? `; appeal lodged ${appeal.lodgedOn}${appeal.verdict ? `, ${appeal.verdict}` : ', pending'}`
        : ''),
    action: null,
  };
};

/** R-CERT-2 / R-TIME-5: the last day of validity; without a renewal decision SYSTEM cancels the day after. */
const expiry = (certificate: IssuedCertificate): Deadline => ({
  kind: 'expiry',
  ruleId: 'R-CERT-2',
  timerRuleId: 'R-TIME-5',
  startedOn: certificate.decisionDate,
  dueOn: certificate.expiryDate,
  estimated: false,
  basis: `term decided on ${certificate.decisionDate}, valid until ${certificate.expiryDate}`,
  action: 'CANCEL_EXPIRED_CERTIFICATE',
});

export const evolveCertificateDeadlines = (
  doc: CertificateDeadlinesDocument | null,
  event: CertificateEvent,
  streamId: string,
  schemes: SchemeCatalogue,
): CertificateDeadlinesDocument | null => {
  const certificate = certificateDecider.evolve(
    doc ? asState(doc.certificate) : certificateDecider.initialState,
    event,
  );
  if (certificate.status === 'NONE') return null;
  const running = live(certificate);
  const revocationOpenedForSuspension =
    event.type === 'RevocationOpened' && certificate.suspension
      ? certificate.suspension.since
      : (doc?.revocationOpenedForSuspension ?? null);
  return {
    id: streamId,
    aggregate: 'certificate',
    subject: certificate.number,
    label: certificate.holder.name,
    schemeVersion: certificate.schemeVersion,
    certificate: onTheClock(certificate),
    revocationOpenedForSuspension,
    surveillance: surveillance(certificate, schemes),
    recertificationWindow: running ? recertificationWindow(certificate, schemes) : null,
    suspension: suspension(certificate, revocationOpenedForSuspension),
    revocationAppeal: running ? revocationAppeal(certificate) : null,
    expiry: running ? expiry(certificate) : null,
  };
};
