import { addYears, compareDates } from '../shared/calendar';
import { invalidTransition, refuse, type RefusalCode } from '../shared/errors';
import type { EvaluationResults } from '../shared/evaluation';
import { matchesCertificateNumberFormat } from '../scheme/certificate-number';
import type { SchemeVersion } from '../scheme/scheme-definition';
import type { CertificateGrant, IssueCertificate, RenewCertificate } from './certificate.commands';
import { GRANT_AUDIT_TYPES } from './certificate.constants';
import type { CertificateIssued, CertificateRenewed, CertificationBasis } from './certificate.events';
import {
  approvalOf,
  requireEvaluationResults,
  requireIsoDate,
  requireLive,
  requireOneOf,
  requireRole,
  requireText,
  todayOf,
} from './certificate.guards';
import type { CertificateState } from './certificate.state';
import { isValidUscc } from '../shared/uscc';

/** GB 32100-2015 alphabet (no I, O, S, V, Z); the check character itself is verified at application (R-APP-1). */

const basisOf = (scheme: SchemeVersion): CertificationBasis => ({
  standard: scheme.standard,
  ruleCode: scheme.ruleCode,
  version: scheme.version,
});

/** The GRANT behind an issue or renewal: a decision maker's, dated no later than today. */
const requireGrant = (
  grant: CertificateGrant | undefined,
  today: string,
  code: RefusalCode,
): CertificateGrant => {
  if (!grant || typeof grant !== 'object')
    return refuse(code, 'the GRANT decision is required', { field: 'grant' });
  requireText(grant.auditId, 'grant.auditId', code);
  requireOneOf(grant.auditType, GRANT_AUDIT_TYPES, 'grant.auditType', code);
  const decisionDate = requireIsoDate(grant.decisionDate, 'grant.decisionDate', code);
  if (compareDates(decisionDate, today) > 0) {
    refuse(code, `the decision date ${decisionDate} is after today ${today}`, { decisionDate, today });
  }
  if (grant.decisionMaker?.role !== 'DECISION_MAKER' || !grant.decisionMaker.id) {
    refuse('R-AUD-6', 'a GRANT is decided by a DECISION_MAKER', { decisionMaker: grant.decisionMaker });
  }
  return grant;
};

/** R-SCORE-6: when the scheme sets a pass threshold, no certificate rests on a composite below it. */
const requirePassingComposite = (scheme: SchemeVersion, results: EvaluationResults): void => {
  if (scheme.passThreshold !== null && results.composite < scheme.passThreshold) {
    refuse(
      'R-SCORE-6',
      `composite ${results.composite} is below the pass threshold ${scheme.passThreshold}`,
      {
        composite: results.composite,
        passThreshold: scheme.passThreshold,
      },
    );
  }
};

/**
 * R-SCORE-7 / R-SCHEME-1: the results were computed under the scheme version the certificate is granted under
 * (the audit's); they are copied, never recomputed, so a later version's weights cannot change them.
 */
const requireResultsOfScheme = (scheme: SchemeVersion, results: EvaluationResults): void => {
  if (results.schemeVersion !== scheme.id) {
    refuse(
      'R-SCORE-7',
      `the results were computed under ${results.schemeVersion}, the certificate is granted under ${scheme.id}`,
      {
        field: 'evaluationResults.schemeVersion',
        resultsSchemeVersion: results.schemeVersion,
        schemeVersion: scheme.id,
      },
    );
  }
};

/** R-CERT-1, R-CERT-2: a GRANT issues the certificate (B.1) under the scheme version the file was handled under. */
export const issueCertificate = (command: IssueCertificate, state: CertificateState): CertificateIssued[] => {
  if (state.status !== 'NONE') return invalidTransition(command.type, state.status);
  requireRole(command, ['DECISION_MAKER'], 'R-AUD-6');
  const { data } = command;
  const today = todayOf(command);
  const scheme = command.context.schemes.get(requireText(data.schemeVersion, 'schemeVersion', 'R-SCHEME-1'));

  const number = requireText(data.number, 'number', 'R-CERT-1');
  if (!matchesCertificateNumberFormat(scheme, number)) {
    refuse('R-CERT-1', `certificate number ${number} does not match ${scheme.certificateNumberFormat}`, {
      number,
      format: scheme.certificateNumberFormat,
    });
  }
  const applicationId = requireText(data.applicationId, 'applicationId', 'R-CERT-1');
  const grant = requireGrant(data.grant, today, 'R-CERT-1');
  const holder = {
    name: requireText(data.holder?.name, 'holder.name', 'R-CERT-1'),
    address: requireText(data.holder?.address, 'holder.address', 'R-CERT-1'),
    uscc: isValidUscc(data.holder?.uscc)
      ? data.holder.uscc
      : refuse('R-CERT-1', 'holder.uscc must be a valid 统一社会信用代码 (GB 32100-2015)', {
          field: 'holder.uscc',
        }),
  };
  const scope = requireText(data.scope, 'scope', 'R-CERT-1');
  const evaluationResults = requireEvaluationResults(data.evaluationResults, 'R-CERT-1');
  requireResultsOfScheme(scheme, evaluationResults);
  requirePassingComposite(scheme, evaluationResults);

  const decisionDate = grant.decisionDate;
  const expiryDate = addYears(decisionDate, scheme.certificateValidityYears);
  const effectiveDate = requireIsoDate(data.effectiveDate ?? decisionDate, 'effectiveDate', 'R-CERT-1');
  if (compareDates(effectiveDate, decisionDate) < 0 || compareDates(effectiveDate, expiryDate) >= 0) {
    refuse(
      'R-CERT-1',
      `effective date ${effectiveDate} must fall between the decision ${decisionDate} and expiry ${expiryDate}`,
      {
        effectiveDate,
        decisionDate,
        expiryDate,
      },
    );
  }

  return [
    {
      type: 'CertificateIssued',
      data: {
        number,
        applicationId,
        schemeVersion: scheme.id,
        basis: basisOf(scheme),
        certificationBody: scheme.certificationBody,
        holder,
        scope,
        evaluationResults,
        grant,
        decisionDate,
        issueDate: today,
        effectiveDate,
        expiryDate,
        statusBefore: 'NONE',
        statusAfter: 'VALID',
        reason: 'GRANT',
        documentRevision: 1,
        ...approvalOf(command),
      },
    },
  ];
};

/**
 * R-CERT-9 (§6.4.3 再认证): decided on or before expiry; the new term runs from the old expiry, not from the
 * decision, under the scheme version the recertification was handled under (R-SCHEME-1).
 */
export const renewCertificate = (
  command: RenewCertificate,
  state: CertificateState,
): CertificateRenewed[] => {
  const certificate = requireLive(command, state);
  if (certificate.status !== 'VALID') return invalidTransition(command.type, certificate.status);
  requireRole(command, ['DECISION_MAKER'], 'R-CERT-9');
  const { data } = command;
  const today = todayOf(command);
  const grant = requireGrant(data.grant, today, 'R-CERT-9');
  if (grant.auditType !== 'RECERTIFICATION') {
    refuse('R-CERT-9', 'a renewal rests on a RECERTIFICATION audit', { auditType: grant.auditType });
  }
  const decisionDate = grant.decisionDate;
  if (compareDates(decisionDate, certificate.expiryDate) > 0) {
    refuse('R-CERT-9', `the renewal decision ${decisionDate} comes after expiry ${certificate.expiryDate}`, {
      decisionDate,
      expiryDate: certificate.expiryDate,
    });
  }
  if (compareDates(decisionDate, certificate.decisionDate) < 0) {
    refuse('R-CERT-9', `the renewal decision ${decisionDate} predates the current grant`, {
      decisionDate,
      currentDecisionDate: certificate.decisionDate,
    });
  }
  const scheme = command.context.schemes.get(data.schemeVersion ?? certificate.schemeVersion);
  const evaluationResults = requireEvaluationResults(data.evaluationResults, 'R-CERT-9');
  requireResultsOfScheme(scheme, evaluationResults);
  requirePassingComposite(scheme, evaluationResults);

  return [
    {
      type: 'CertificateRenewed',
      data: {
        grant: grant as CertificateGrant<'RECERTIFICATION'>,
        decisionDate,
        previousExpiryDate: certificate.expiryDate,
        expiryDate: addYears(certificate.expiryDate, scheme.certificateValidityYears),
        evaluationResults,
        previousSchemeVersion: certificate.schemeVersion,
        schemeVersion: scheme.id,
        basis: basisOf(scheme),
        documentRevision: certificate.documentRevision + 1,
        ...approvalOf(command),
      },
    },
  ];
};
