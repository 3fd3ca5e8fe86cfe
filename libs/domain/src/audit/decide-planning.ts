import { compareDates, isIsoDate } from '../shared/calendar';
import { invalidTransition, refuse } from '../shared/errors';
import type { Actor } from '../shared/roles';
import { AUDIT_TYPES } from './audit-type';
import type { AuditType } from './audit-type';
import type { AssignAuditTeam, CancelAudit, ScheduleAudit, StartAudit } from './commands';
import type { AuditCancelled, AuditScheduled, AuditStarted, AuditTeamAssigned } from './events';
import { isNonEmptyText, requireFile, requireRole, requireTeamMember, requireText } from './guards';
import type { AuditState } from './state';
import type { AuditStatus, AuditSubject } from './vocabulary';

/** A certificate may be surveilled while suspended, to verify the corrections (R-CERT-6); renewed only while valid. */
const CERTIFICATE_STATUSES_BY_TYPE: Record<Exclude<AuditType, 'INITIAL'>, readonly string[]> = {
  SURVEILLANCE: ['VALID', 'SUSPENDED'],
  SPECIAL_SURVEILLANCE: ['VALID', 'SUSPENDED'],
  RECERTIFICATION: ['VALID'],
};

const checkSubject = (type: AuditType, subject: AuditSubject | undefined): void => {
  if (subject?.kind === 'APPLICATION') {
    // R-APP-5: an accepted application opens the programme; it leads to an initial (or recertification) audit.
    if (type !== 'INITIAL' && type !== 'RECERTIFICATION') {
      refuse('R-APP-5', `a ${type} audit concerns a certificate, not an application`, { type });
    }
    requireText(subject.applicationId, 'subject.applicationId', 'R-APP-5');
    if (subject.applicationStatus !== 'ACCEPTED') {
      refuse('R-APP-5', 'an audit can only be scheduled for an accepted application', {
        applicationStatus: subject.applicationStatus,
      });
    }
    return;
  }
  if (subject?.kind === 'CERTIFICATE') {
    if (type === 'INITIAL') refuse('R-APP-5', 'an initial audit follows an accepted application', { type });
    else {
      const code = type === 'RECERTIFICATION' ? 'R-CERT-9' : 'R-AUD-9';
      requireText(subject.certificateNumber, 'subject.certificateNumber', code);
      if (!CERTIFICATE_STATUSES_BY_TYPE[type].includes(subject.certificateStatus)) {
        refuse(code, `a ${type} audit cannot concern a ${subject.certificateStatus} certificate`, {
          certificateStatus: subject.certificateStatus,
        });
      }
    }
    return;
  }
  refuse('R-AUD-1', 'the subject must be an application or a certificate', { field: 'subject' });
};

export const scheduleAudit = (command: ScheduleAudit, state: AuditState): AuditScheduled[] => {
  if (state.status !== 'NONE') return invalidTransition(command.type, state.status);
  const { data, context } = command;
  requireRole(context.actor, ['PROGRAMME_MANAGER'], 'R-AUD-1', 'scheduling an audit');
  requireText(data.auditId, 'auditId', 'R-AUD-1');
  if (!AUDIT_TYPES.includes(data.type))
    refuse('R-AUD-1', `unknown audit type ${data.type}`, { field: 'type' });
  const scheme = context.schemes.get(data.schemeVersion);
  checkSubject(data.type, data.subject);

  if (!isIsoDate(data.plannedStartDate) || !isIsoDate(data.plannedEndDate)) {
    refuse('R-AUD-1', 'planned start and end must be ISO dates', { field: 'plannedStartDate' });
  }
  if (compareDates(data.plannedStartDate, data.plannedEndDate) > 0) {
    refuse('R-AUD-1', 'the planned end is before the planned start', { field: 'plannedEndDate' });
  }
  if (typeof data.onSiteDays !== 'number' || !Number.isFinite(data.onSiteDays) || data.onSiteDays <= 0) {
    refuse('R-AUD-1', 'onSiteDays must be a positive number', { field: 'onSiteDays' });
  }
  // R-AUD-1: a plan outside the scheme's range is allowed, but only with a recorded justification.
  const range = scheme.auditDays[data.type];
  const outsideRange = data.onSiteDays < range.min || data.onSiteDays > range.max;
  if (outsideRange && !isNonEmptyText(data.daysJustification)) {
    refuse(
      'R-AUD-1',
      `${data.onSiteDays} on-site days is outside ${range.min}–${range.max} and needs a justification`,
      {
        onSiteDays: data.onSiteDays,
        range,
      },
    );
  }

  return [
    {
      type: 'AuditScheduled',
      data: {
        auditId: data.auditId,
        type: data.type,
        schemeVersion: scheme.id,
        subject: data.subject,
        plannedStartDate: data.plannedStartDate,
        plannedEndDate: data.plannedEndDate,
        onSiteDays: data.onSiteDays,
        onSiteDayRange: { min: range.min, max: range.max },
        daysJustification: isNonEmptyText(data.daysJustification) ? data.daysJustification : null,
        by: context.actor,
        at: context.now,
        statusBefore: 'NONE',
        statusAfter: 'PLANNED',
      },
    },
  ];
};

const isActor = (value: unknown): value is Actor =>
  typeof value === 'object' && value !== null && isNonEmptyText((value as Actor).id);

export const assignAuditTeam = (command: AssignAuditTeam, state: AuditState): AuditTeamAssigned[] => {
  const file = requireFile(command, state, ['PLANNED', 'TEAM_ASSIGNED']);
  const { data, context } = command;
  requireRole(context.actor, ['PROGRAMME_MANAGER'], 'R-AUD-2', 'assigning the audit team');

  // R-AUD-2: exactly one lead auditor, and everyone on the team holds the AUDITOR role.
  if (!isActor(data.leadAuditor))
    refuse('R-AUD-2', 'the team needs exactly one lead auditor', { field: 'leadAuditor' });
  if (!Array.isArray(data.members) || !data.members.every(isActor)) {
    refuse('R-AUD-2', 'members must be a list of users', { field: 'members' });
  }
  const team = [data.leadAuditor, ...data.members].filter(
    (member, i, all) => all.findIndex((m) => m.id === member.id) === i,
  );
  const notAuditors = [data.leadAuditor, ...data.members].filter((m) => m.role !== 'AUDITOR');
  if (notAuditors.length > 0) {
    refuse('R-AUD-2', 'every team member must hold the AUDITOR role', {
      userIds: notAuditors.map((m) => m.id),
    });
  }
  // R-IND-2: nobody who reviewed this audit's report can join its team.
  const reviewersOnTeam = team.filter((m) => file.reviewers.some((r) => r.id === m.id));
  if (reviewersOnTeam.length > 0) {
    refuse('R-IND-2', 'a technical reviewer of this audit cannot be on its team', {
      userIds: reviewersOnTeam.map((m) => m.id),
    });
  }

  return [
    {
      type: 'AuditTeamAssigned',
      data: {
        auditId: file.auditId,
        leadAuditor: data.leadAuditor,
        team,
        previousTeam: file.team?.members ?? null,
        by: context.actor,
        at: context.now,
        statusBefore: file.status,
        statusAfter: 'TEAM_ASSIGNED',
      },
    },
  ];
};

export const startAudit = (command: StartAudit, state: AuditState): AuditStarted[] => {
  const file = requireFile(command, state, ['TEAM_ASSIGNED']);
  requireTeamMember(file, command.context.actor, 'R-AUD-2', 'starting the audit');
  return [
    {
      type: 'AuditStarted',
      data: {
        auditId: file.auditId,
        startedAt: command.context.now,
        by: command.context.actor,
        statusBefore: file.status,
        statusAfter: 'IN_PROGRESS',
      },
    },
  ];
};

/** Any state before a decision: once decided, the file is closed by the decision itself. */
const CANCELLABLE: readonly AuditStatus[] = [
  'PLANNED',
  'TEAM_ASSIGNED',
  'IN_PROGRESS',
  'REPORTED',
  'UNDER_TECHNICAL_REVIEW',
  'RETURNED',
  'REVIEWED',
];

export const cancelAudit = (command: CancelAudit, state: AuditState): AuditCancelled[] => {
  const file = requireFile(command, state, CANCELLABLE);
  const { data, context } = command;
  requireRole(context.actor, ['PROGRAMME_MANAGER'], 'R-AUD-1', 'cancelling an audit');
  // R-ACT-1: a cancellation says why.
  const reason = requireText(data.reason, 'reason', 'R-ACT-1');
  return [
    {
      type: 'AuditCancelled',
      data: {
        auditId: file.auditId,
        reason,
        by: context.actor,
        at: context.now,
        statusBefore: file.status,
        statusAfter: 'CANCELLED',
      },
    },
  ];
};
