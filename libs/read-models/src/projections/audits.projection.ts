import type {
  AuditEvent,
  AuditStatus,
  AuditType,
  CertificationOutcome,
  NonconformityGrade,
  NonconformityStatus,
} from '@app/domain';
import type { EventWithoutMetadata } from '@app/event-store';
import type { Projection, ReadDocument } from '../projection';
import { appended, asDomainEvent } from './event-data';

export interface AuditNonconformityCounts {
  /** Not yet VERIFIED (R-AUD-4). */
  open: number;
  major: number;
  /** MAJOR and not yet VERIFIED: these block a grant (R-AUD-7). */
  majorOpen: number;
  total: number;
}

/**
 * The back-office list of audits. `nonconformityItems` (id, grade, status) is what the counts are derived
 * from: a verification event names the nonconformity but not its grade.
 */
export interface AuditDocument extends ReadDocument {
  type: AuditType;
  status: AuditStatus;
  subject: { kind: 'APPLICATION' | 'CERTIFICATE'; applicationId?: string; certificateNumber?: string };
  schemeVersion: string;
  plannedStartDate: string;
  plannedEndDate: string;
  onSiteDays: number;
  leadAuditorId: string | null;
  teamIds: string[];
  reviewerIds: string[];
  nonconformities: AuditNonconformityCounts;
  nonconformityItems: { id: string; grade: NonconformityGrade; status: NonconformityStatus }[];
  lastOutcome: CertificationOutcome | null;
  decisionDate: string | null;
  /** Deadline of the conditions of a CONDITIONAL_GRANT (R-AUD-7); null after any other decision. */
  conditionsDeadline: string | null;
  noticeSentOn: string | null;
}

const HANDLES = [
  'AuditScheduled',
  'AuditTeamAssigned',
  'AuditStarted',
  'NonconformityRaised',
  'NonconformityResponded',
  'NonconformityResponseAccepted',
  'NonconformityResponseRejected',
  'NonconformityVerified',
  'AuditReportCompleted',
  'TechnicalReviewStarted',
  'TechnicalReviewCompleted',
  'CertificationDecided',
  'DecisionNoticeRecorded',
  'AuditCancelled',
] as const satisfies readonly AuditEvent['type'][];

const countsOf = (items: AuditDocument['nonconformityItems']): AuditNonconformityCounts => {
  const open = items.filter((nc) => nc.status !== 'VERIFIED');
  return {
    open: open.length,
    major: items.filter((nc) => nc.grade === 'MAJOR').length,
    majorOpen: open.filter((nc) => nc.grade === 'MAJOR').length,
    total: items.length,
  };
};

const withItems = (doc: AuditDocument, items: AuditDocument['nonconformityItems']): AuditDocument => ({
  ...doc,
  nonconformityItems: items,
  nonconformities: countsOf(items),
});

const evolve = (doc: AuditDocument | null, recorded: EventWithoutMetadata): AuditDocument | null => {
  const event = asDomainEvent<AuditEvent>(recorded);
  if (event.type === 'AuditScheduled') {
    const d = event.data;
    return {
      id: d.auditId,
      type: d.type,
      status: d.statusAfter,
      subject:
        d.subject.kind === 'APPLICATION'
          ? { kind: 'APPLICATION', applicationId: d.subject.applicationId }
          : { kind: 'CERTIFICATE', certificateNumber: d.subject.certificateNumber },
      schemeVersion: d.schemeVersion,
      plannedStartDate: d.plannedStartDate,
      plannedEndDate: d.plannedEndDate,
      onSiteDays: d.onSiteDays,
      leadAuditorId: null,
      teamIds: [],
      reviewerIds: [],
      nonconformities: countsOf([]),
      nonconformityItems: [],
      lastOutcome: null,
      decisionDate: null,
      conditionsDeadline: null,
      noticeSentOn: null,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'AuditTeamAssigned':
      return {
        ...doc,
        status: event.data.statusAfter,
        leadAuditorId: event.data.leadAuditor.id,
        teamIds: event.data.team.map((member) => member.id),
      };
    case 'NonconformityRaised': {
      const { nonconformityId: id, grade } = event.data;
      if (doc.nonconformityItems.some((nc) => nc.id === id)) return doc;
      return withItems(doc, appended(doc.nonconformityItems, { id, grade, status: 'OPEN' }));
    }
    case 'NonconformityResponded':
    case 'NonconformityResponseAccepted':
    case 'NonconformityResponseRejected':
    case 'NonconformityVerified': {
      const { nonconformityId, statusAfter } = event.data;
      return withItems(
        doc,
        doc.nonconformityItems.map((nc) => (nc.id === nonconformityId ? { ...nc, status: statusAfter } : nc)),
      );
    }
    case 'TechnicalReviewStarted': {
      const { reviewer, statusAfter } = event.data;
      const reviewerIds = doc.reviewerIds.includes(reviewer.id)
        ? doc.reviewerIds
        : appended(doc.reviewerIds, reviewer.id);
      return { ...doc, status: statusAfter, reviewerIds };
    }
    case 'CertificationDecided': {
      const { outcome, decisionDate, conditions, statusAfter } = event.data;
      return {
        ...doc,
        status: statusAfter,
        lastOutcome: outcome,
        decisionDate,
        conditionsDeadline: conditions?.deadline ?? null,
      };
    }
    case 'DecisionNoticeRecorded':
      return { ...doc, status: event.data.statusAfter, noticeSentOn: event.data.sentOn };
    case 'AuditStarted':
    case 'AuditReportCompleted':
    case 'TechnicalReviewCompleted':
    case 'AuditCancelled':
      return { ...doc, status: event.data.statusAfter };
    default:
      return doc;
  }
};

/** `audits` — back-office list of audits by state; id = audit id. */
export const auditsProjection: Projection<AuditDocument> = {
  name: 'audits',
  version: 1,
  handles: HANDLES,
  documentId: (event) => {
    if (!(HANDLES as readonly string[]).includes(event.type)) return null;
    const { auditId } = event.data;
    return typeof auditId === 'string' ? auditId : null;
  },
  evolve,
  indexes: [
    { fields: ['status'] },
    { fields: ['type'] },
    { fields: ['subject.certificateNumber'] },
    { fields: ['subject.applicationId'] },
    { fields: ['plannedStartDate'] },
  ],
};
