import type {
  CertificateEvent,
  CertificateHolder,
  CertificateStatus,
  CertificationBasis,
  EvaluationResults,
  RevocationGround,
  RevocationStage,
  SuspensionGround,
} from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';
import type { Projection, ReadDocument } from '../projection';
import { asDomainEvent, certificateDocumentId } from './event-data';

/** The Annex B.1 record of a certificate plus what the back office works with (internal). */
export interface CertificateDocument extends ReadDocument {
  number: string;
  holder: CertificateHolder;
  scope: string;
  basis: CertificationBasis;
  certificationBody: string;
  issueDate: string;
  effectiveDate: string;
  expiryDate: string;
  status: CertificateStatus;
  applicationId: string;
  schemeVersion: string;
  documentRevision: number;
  evaluationResults: EvaluationResults;
  /** The audit whose GRANT the current term rests on (initial or last recertification). */
  grantAuditId: string;
  decisionDate: string;
  suspension: { since: string; deadline: string; ground: SuspensionGround; reason: string } | null;
  /** An open revocation procedure (R-CERT-7); null when none is open or once it closed or became final. */
  revocationProcedure: {
    stage: RevocationStage;
    ground: RevocationGround;
    appealWindowEndsAt: string | null;
  } | null;
  lastSurveillanceDate: string | null;
  statusChangedOn: string;
}

const HANDLES = [
  'CertificateIssued',
  'CertificateChanged',
  'CertificateReissued',
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

const withProcedure = (
  doc: CertificateDocument,
  change: (
    procedure: NonNullable<CertificateDocument['revocationProcedure']>,
  ) => CertificateDocument['revocationProcedure'],
): CertificateDocument =>
  doc.revocationProcedure ? { ...doc, revocationProcedure: change(doc.revocationProcedure) } : doc;

const evolve = (
  doc: CertificateDocument | null,
  recorded: EventWithoutMetadata,
): CertificateDocument | null => {
  const event = asDomainEvent<CertificateEvent>(recorded);
  if (event.type === 'CertificateIssued') {
    const d = event.data;
    return {
      id: d.number,
      number: d.number,
      holder: { name: d.holder.name, address: d.holder.address, uscc: d.holder.uscc },
      scope: d.scope,
      basis: d.basis,
      certificationBody: d.certificationBody,
      issueDate: d.issueDate,
      effectiveDate: d.effectiveDate,
      expiryDate: d.expiryDate,
      status: d.statusAfter,
      applicationId: d.applicationId,
      schemeVersion: d.schemeVersion,
      documentRevision: d.documentRevision,
      evaluationResults: d.evaluationResults,
      grantAuditId: d.grant.auditId,
      decisionDate: d.decisionDate,
      suspension: null,
      revocationProcedure: null,
      lastSurveillanceDate: null,
      statusChangedOn: d.date,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'CertificateChanged': {
      const { field, after, documentRevision } = event.data;
      return {
        ...doc,
        holder: {
          ...doc.holder,
          ...(field === 'NAME' && { name: after }),
          ...(field === 'ADDRESS' && { address: after }),
        },
        scope: field === 'SCOPE' ? after : doc.scope,
        documentRevision,
      };
    }
    case 'CertificateReissued':
      return { ...doc, documentRevision: event.data.documentRevision };
    case 'CertificateSuspended': {
      const { date, deadline, ground, reason, statusAfter } = event.data;
      return {
        ...doc,
        status: statusAfter,
        statusChangedOn: date,
        suspension: { since: date, deadline, ground, reason },
      };
    }
    case 'CertificateReinstated':
      return { ...doc, status: event.data.statusAfter, statusChangedOn: event.data.date, suspension: null };
    case 'RevocationOpened':
      return {
        ...doc,
        revocationProcedure: { stage: 'INVESTIGATION', ground: event.data.ground, appealWindowEndsAt: null },
      };
    case 'RevocationNoticeIssued':
      return withProcedure(doc, (p) => ({
        ...p,
        stage: 'NOTICE_ISSUED',
        appealWindowEndsAt: event.data.appealWindowEndsAt,
      }));
    case 'RevocationAppealLodged':
      return withProcedure(doc, (p) => ({ ...p, stage: 'APPEAL_LODGED' }));
    case 'RevocationAppealDecided':
      // An upheld appeal closes the procedure; a rejected one lets the revocation become final.
      return withProcedure(doc, (p) =>
        event.data.procedureClosed ? null : { ...p, stage: 'APPEAL_REJECTED' },
      );
    case 'CertificateRevoked':
    case 'CertificateCancelled':
      return {
        ...doc,
        status: event.data.statusAfter,
        statusChangedOn: event.data.date,
        suspension: null,
        revocationProcedure: null,
      };
    case 'SurveillanceRecorded':
      return { ...doc, lastSurveillanceDate: event.data.decisionDate };
    case 'CertificateRenewed': {
      const d = event.data;
      return {
        ...doc,
        expiryDate: d.expiryDate,
        basis: d.basis,
        schemeVersion: d.schemeVersion,
        evaluationResults: d.evaluationResults,
        grantAuditId: d.grant.auditId,
        decisionDate: d.decisionDate,
        documentRevision: d.documentRevision,
      };
    }
    default:
      return doc;
  }
};

/** `certificates` — Annex B.1 register for the back office (internal); id = certificate number. */
export const certificatesProjection: Projection<CertificateDocument> = {
  name: 'certificates',
  version: 1,
  handles: HANDLES,
  documentId: certificateDocumentId(HANDLES),
  evolve,
  indexes: [
    { fields: ['number'], unique: true },
    { fields: ['holder.name'] },
    // R-APP-3: an applicant's own certificates, by its USCC (SanctionsLookup).
    { fields: ['holder.uscc'] },
    { fields: ['status'] },
    { fields: ['expiryDate'] },
    { fields: ['applicationId'] },
    { fields: ['suspension.deadline'] },
  ],
};
