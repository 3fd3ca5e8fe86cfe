import type { AuditEvent, SchemeCatalogue } from '@app/domain';
import type { Deadline, DeadlineField, DeadlinesDocument } from './deadline';
import { breachRecorded, workingDayDeadline } from './working-day-deadline';

export const AUDIT_DEADLINE_EVENTS = [
  'AuditScheduled',
  'NonconformityRaised',
  'NonconformityVerified',
  'CertificationDecided',
  'DecisionNoticeRecorded',
  'DecisionNoticeSlaBreached',
  'AuditCancelled',
] as const satisfies readonly AuditEvent['type'][];

/** The slots an audit's document can fill. */
export const AUDIT_DEADLINE_SLOTS: readonly DeadlineField[] = [
  'decisionNotice',
  'nonconformity',
  'conditionalGrant',
];

/** Open nonconformities and their due dates (R-AUD-3), kept to list the one due first. */
export interface AuditDeadlinesDocument extends DeadlinesDocument {
  openNonconformities: Record<string, string>;
}

/** R-AUD-3: the open nonconformity due first; listed for follow-up, no timer acts on it. */
const firstNonconformityDue = (open: Record<string, string>): Deadline | null => {
  const [first] = Object.entries(open).sort(([a, x], [b, y]) => x.localeCompare(y) || a.localeCompare(b));
  if (!first) return null;
  const [nonconformityId, dueOn] = first;
  const others = Object.keys(open).length - 1;
  return {
    kind: 'nonconformity',
    ruleId: 'R-AUD-3',
    timerRuleId: null,
    startedOn: dueOn,
    dueOn,
    estimated: false,
    basis: `due date set when the nonconformity was raised${others > 0 ? `; ${others} more open` : ''}`,
    action: null,
    nonconformityId,
  };
};

/**
 * R-AUD-8 / R-TIME-1: the applicant is notified within `decisionNoticeWorkingDays` of every decision.
 * R-AUD-7 / R-TIME-6: a conditional grant lapses after its deadline unless a follow-up decision came first.
 */
export const evolveAuditDeadlines = (
  doc: AuditDeadlinesDocument | null,
  event: AuditEvent,
  streamId: string,
  schemes: SchemeCatalogue,
): AuditDeadlinesDocument | null => {
  if (event.type === 'AuditScheduled') {
    const { subject } = event.data;
    return {
      id: streamId,
      aggregate: 'audit',
      subject: event.data.auditId,
      label: subject.kind === 'CERTIFICATE' ? subject.certificateNumber : subject.applicationId,
      schemeVersion: event.data.schemeVersion,
      openNonconformities: {},
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'NonconformityRaised': {
      const open = { ...doc.openNonconformities, [event.data.nonconformityId]: event.data.dueDate };
      return { ...doc, openNonconformities: open, nonconformity: firstNonconformityDue(open) };
    }
    case 'NonconformityVerified': {
      const { [event.data.nonconformityId]: _closed, ...open } = doc.openNonconformities;
      return { ...doc, openNonconformities: open, nonconformity: firstNonconformityDue(open) };
    }
    case 'CertificationDecided': {
      const d = event.data;
      const conditions = d.outcome === 'CONDITIONAL_GRANT' ? d.conditions : undefined;
      return {
        ...doc,
        decisionNotice: workingDayDeadline(
          'decision-notice',
          'R-AUD-8',
          d.decisionDate,
          schemes.get(doc.schemeVersion).decisionNoticeWorkingDays,
          'RECORD_DECISION_NOTICE_BREACH',
        ),
        conditionalGrant: conditions
          ? {
              kind: 'conditional-grant',
              ruleId: 'R-AUD-7',
              timerRuleId: 'R-TIME-6',
              startedOn: d.decisionDate,
              dueOn: conditions.deadline,
              estimated: false,
              basis: `conditional grant of ${d.decisionDate}: ${conditions.nonconformityIds.length} condition(s) to verify by ${conditions.deadline}`,
              action: 'REFUSE_EXPIRED_CONDITIONAL_GRANT',
            }
          : null,
      };
    }
    case 'DecisionNoticeRecorded':
      return { ...doc, decisionNotice: null };
    case 'DecisionNoticeSlaBreached':
      return {
        ...doc,
        decisionNotice: breachRecorded(doc.decisionNotice, event.data.recordedOn),
        slaBreaches: (doc.slaBreaches ?? 0) + 1,
      };
    case 'AuditCancelled':
      return {
        ...doc,
        openNonconformities: {},
        nonconformity: null,
        decisionNotice: null,
        conditionalGrant: null,
      };
    default:
      return doc;
  }
};
