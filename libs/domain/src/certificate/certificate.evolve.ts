import { assertNever } from '../shared/decider';
import type { CertificateEvent } from './certificate.events';
import type { CertificateState, IssuedCertificate, RevocationProcedure } from './certificate.state';

const withRevocation = (
  state: IssuedCertificate,
  update: (procedure: RevocationProcedure) => RevocationProcedure | null,
): IssuedCertificate => (state.revocation ? { ...state, revocation: update(state.revocation) } : state);

/** Applies an event recorded on a certificate stream. Events never fail to apply. */
export const evolve = (state: CertificateState, event: CertificateEvent): CertificateState => {
  if (event.type === 'CertificateIssued') {
    const { data } = event;
    return {
      status: data.statusAfter,
      number: data.number,
      applicationId: data.applicationId,
      holder: data.holder,
      scope: data.scope,
      schemeVersion: data.schemeVersion,
      basis: data.basis,
      certificationBody: data.certificationBody,
      grant: data.grant,
      decisionDate: data.decisionDate,
      issueDate: data.issueDate,
      effectiveDate: data.effectiveDate,
      expiryDate: data.expiryDate,
      documentRevision: data.documentRevision,
      evaluationResults: data.evaluationResults,
      statusChangedOn: data.date,
      suspension: null,
      revocation: null,
      lastSurveillanceDate: null,
    };
  }
  // Every other event follows an issue on the same stream.
  if (state.status === 'NONE') return state;

  switch (event.type) {
    case 'CertificateChanged': {
      const { field, after, documentRevision } = event.data;
      const holder =
        field === 'NAME'
          ? { ...state.holder, name: after }
          : field === 'ADDRESS'
            ? { ...state.holder, address: after }
            : state.holder;
      const scope = field === 'SCOPE' ? after : state.scope;
      return { ...state, holder, scope, documentRevision };
    }
    case 'CertificateReissued':
      return { ...state, documentRevision: event.data.documentRevision };
    case 'CertificateSuspended':
      return {
        ...state,
        status: event.data.statusAfter,
        statusChangedOn: event.data.date,
        suspension: { ground: event.data.ground, deadline: event.data.deadline, since: event.data.date },
      };
    case 'CertificateReinstated':
      return { ...state, status: event.data.statusAfter, statusChangedOn: event.data.date, suspension: null };
    case 'RevocationOpened':
      return {
        ...state,
        revocation: {
          stage: 'INVESTIGATION',
          ground: event.data.ground,
          findings: event.data.findings,
          auditId: event.data.auditId,
          openedOn: event.data.date,
          reasons: [],
          noticeDate: null,
          appealWindowEndsAt: null,
          appeal: null,
        },
      };
    case 'RevocationNoticeIssued':
      return withRevocation(state, (procedure) => ({
        ...procedure,
        stage: 'NOTICE_ISSUED',
        reasons: event.data.reasons,
        noticeDate: event.data.date,
        appealWindowEndsAt: event.data.appealWindowEndsAt,
      }));
    case 'RevocationAppealLodged':
      return withRevocation(state, (procedure) => ({
        ...procedure,
        stage: 'APPEAL_LODGED',
        appeal: { grounds: event.data.grounds, lodgedOn: event.data.date, verdict: null },
      }));
    case 'RevocationAppealDecided':
      return withRevocation(state, (procedure) =>
        event.data.procedureClosed
          ? null
          : {
              ...procedure,
              stage: 'APPEAL_REJECTED',
              appeal: procedure.appeal && { ...procedure.appeal, verdict: event.data.verdict },
            },
      );
    case 'CertificateRevoked':
    case 'CertificateCancelled':
      return {
        ...state,
        status: event.data.statusAfter,
        statusChangedOn: event.data.date,
        suspension: null,
        revocation: null,
      };
    case 'SurveillanceRecorded': {
      // R-TIME-2 anchors on the latest surveillance decision, even when records arrive out of order.
      const last = state.lastSurveillanceDate;
      const { decisionDate } = event.data;
      return { ...state, lastSurveillanceDate: last !== null && last > decisionDate ? last : decisionDate };
    }
    case 'CertificateRenewed':
      return {
        ...state,
        grant: event.data.grant,
        decisionDate: event.data.decisionDate,
        expiryDate: event.data.expiryDate,
        evaluationResults: event.data.evaluationResults,
        schemeVersion: event.data.schemeVersion,
        basis: event.data.basis,
        documentRevision: event.data.documentRevision,
        // R-TIME-2: a new term starts; its surveillance is anchored on the renewal decision, not the old term's.
        lastSurveillanceDate: null,
      };
    default:
      return assertNever(event);
  }
};
