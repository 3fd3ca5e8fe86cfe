import { assertNever } from '../shared/decider';
import type { AuditEvent } from './events';
import type { AuditFile, AuditState, Nonconformity } from './state';

const unique = (ids: string[]): string[] => [...new Set(ids)];

const withNonconformity = (
  file: AuditFile,
  id: string,
  change: (nc: Nonconformity) => Nonconformity,
): AuditFile => ({
  ...file,
  nonconformities: file.nonconformities.map((nc) => (nc.id === id ? change(nc) : nc)),
});

const evolveFile = (file: AuditFile, event: Exclude<AuditEvent, { type: 'AuditScheduled' }>): AuditFile => {
  switch (event.type) {
    case 'AuditTeamAssigned': {
      const [leadAuditor, ...rest] = event.data.team;
      return {
        ...file,
        status: event.data.statusAfter,
        team: { leadAuditor, members: [leadAuditor, ...rest] },
        formerTeamMemberIds: unique([...file.formerTeamMemberIds, ...event.data.team.map((m) => m.id)]),
      };
    }
    case 'AuditStarted':
      return { ...file, status: event.data.statusAfter, startedAt: event.data.startedAt };
    case 'NonconformityRaised': {
      const { nonconformityId: id, grade, clause, evidence, dueDate } = event.data;
      return {
        ...file,
        nonconformities: [...file.nonconformities, { id, grade, clause, evidence, dueDate, status: 'OPEN' }],
      };
    }
    case 'ObservationRecorded':
      return { ...file, observationIds: [...file.observationIds, event.data.observationId] };
    case 'ScoresRecorded':
      return { ...file, results: event.data.results };
    case 'NonconformityResponded':
    case 'NonconformityResponseAccepted':
    case 'NonconformityResponseRejected':
    case 'NonconformityVerified': {
      const status = event.data.statusAfter;
      return withNonconformity(file, event.data.nonconformityId, (nc) => ({ ...nc, status }));
    }
    case 'AuditReportCompleted': {
      const { conclusion, recommendation, lastAuditDay } = event.data;
      return {
        ...file,
        status: event.data.statusAfter,
        report: { conclusion, recommendation, lastAuditDay },
      };
    }
    case 'TechnicalReviewStarted': {
      const { reviewer } = event.data;
      const known = file.reviewers.some((r) => r.id === reviewer.id);
      return {
        ...file,
        status: event.data.statusAfter,
        currentReviewer: reviewer,
        reviewers: known ? file.reviewers : [...file.reviewers, reviewer],
      };
    }
    case 'TechnicalReviewCompleted':
      return { ...file, status: event.data.statusAfter, currentReviewer: null };
    case 'CertificationDecided': {
      const { outcome, decisionDate, decisionMaker, conditions } = event.data;
      return {
        ...file,
        status: event.data.statusAfter,
        decisions: [
          ...file.decisions,
          { outcome, decisionDate, decisionMaker, ...(conditions && { conditions }) },
        ],
      };
    }
    case 'DecisionNoticeSlaBreached': {
      // R-TIME-1: marks the last decision; the status does not change.
      const recordedOn = event.data.recordedOn;
      const last = file.decisions.length - 1;
      return {
        ...file,
        decisions: file.decisions.map((d, i) =>
          i === last ? { ...d, noticeSlaBreachRecordedOn: recordedOn } : d,
        ),
      };
    }
    case 'DecisionNoticeRecorded':
    case 'AuditCancelled':
      return { ...file, status: event.data.statusAfter };
    default:
      return assertNever(event);
  }
};

export const evolve = (state: AuditState, event: AuditEvent): AuditState => {
  if (event.type === 'AuditScheduled') {
    const { auditId, type, schemeVersion, subject, plannedStartDate, plannedEndDate, onSiteDays } =
      event.data;
    return {
      status: event.data.statusAfter,
      auditId,
      type,
      schemeVersion,
      subject,
      plannedStartDate,
      plannedEndDate,
      onSiteDays,
      team: null,
      formerTeamMemberIds: [],
      startedAt: null,
      nonconformities: [],
      observationIds: [],
      results: null,
      report: null,
      currentReviewer: null,
      reviewers: [],
      decisions: [],
    };
  }
  // Events of an audit that was never scheduled cannot exist in a well-formed stream; ignore them.
  if (state.status === 'NONE') return state;
  return evolveFile(state, event);
};
