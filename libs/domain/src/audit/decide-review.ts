import { compareDates, dateOf, isIsoDate } from '../shared/calendar';
import { refuse } from '../shared/errors';
import type { CompleteAuditReport, CompleteTechnicalReview, StartTechnicalReview } from './commands';
import type { AuditReportCompleted, TechnicalReviewCompleted, TechnicalReviewStarted } from './events';
import { requireFile, requireLeadAuditor, requireRole, requireText, today } from './guards';
import type { AuditState } from './state';
import { TECHNICAL_REVIEW_VERDICTS } from './vocabulary';

export const completeAuditReport = (
  command: CompleteAuditReport,
  state: AuditState,
): AuditReportCompleted[] => {
  const file = requireFile(command, state, ['IN_PROGRESS', 'RETURNED']);
  const { data, context } = command;
  // R-AUD-5: the report is the lead auditor's (审核组长).
  requireLeadAuditor(file, context.actor, 'R-AUD-5', 'completing the audit report');
  const conclusion = requireText(data.conclusion, 'conclusion', 'R-AUD-5');
  const recommendation = requireText(data.recommendation, 'recommendation', 'R-AUD-5');
  const started = file.startedAt ? dateOf(file.startedAt) : file.plannedStartDate;
  if (
    !isIsoDate(data.lastAuditDay) ||
    compareDates(data.lastAuditDay, started) < 0 ||
    compareDates(data.lastAuditDay, today(context)) > 0
  ) {
    refuse('R-AUD-5', `the last audit day must be a date between ${started} and today`, {
      field: 'lastAuditDay',
      lastAuditDay: data.lastAuditDay,
    });
  }
  return [
    {
      type: 'AuditReportCompleted',
      data: {
        auditId: file.auditId,
        conclusion,
        recommendation,
        lastAuditDay: data.lastAuditDay,
        by: context.actor,
        at: context.now,
        statusBefore: file.status,
        statusAfter: 'REPORTED',
      },
    },
  ];
};

export const startTechnicalReview = (
  command: StartTechnicalReview,
  state: AuditState,
): TechnicalReviewStarted[] => {
  const file = requireFile(command, state, ['REPORTED']);
  const { actor } = command.context;
  // R-AUD-5: technical review (技术委员会审查, §6.3.1) is done by a committee member.
  requireRole(actor, ['TECHNICAL_REVIEWER'], 'R-AUD-5', 'technical review');
  // R-IND-2: nobody reviews an audit they were on the team of.
  if (file.formerTeamMemberIds.includes(actor.id)) {
    refuse('R-IND-2', 'a member of the audit team cannot review its report', { actorId: actor.id });
  }
  return [
    {
      type: 'TechnicalReviewStarted',
      data: {
        auditId: file.auditId,
        reviewer: actor,
        at: command.context.now,
        statusBefore: file.status,
        statusAfter: 'UNDER_TECHNICAL_REVIEW',
      },
    },
  ];
};

export const completeTechnicalReview = (
  command: CompleteTechnicalReview,
  state: AuditState,
): TechnicalReviewCompleted[] => {
  const file = requireFile(command, state, ['UNDER_TECHNICAL_REVIEW']);
  const { data, context } = command;
  if (context.actor.role !== 'TECHNICAL_REVIEWER' || file.currentReviewer?.id !== context.actor.id) {
    refuse('R-AUD-5', 'only the reviewer who started the technical review completes it', {
      actorId: context.actor.id,
      reviewerId: file.currentReviewer?.id,
    });
  }
  if (!TECHNICAL_REVIEW_VERDICTS.includes(data.verdict)) {
    refuse('R-AUD-5', 'the verdict is APPROVE or RETURN', { field: 'verdict' });
  }
  const { processConformity, nonconformitiesAccurate, conclusionSound } = data.checks ?? {};
  const checks = { processConformity, nonconformitiesAccurate, conclusionSound };
  const notChecked = Object.entries(checks)
    .filter(([, value]) => typeof value !== 'boolean')
    .map(([name]) => `checks.${name}`);
  if (notChecked.length > 0) refuse('R-AUD-5', 'every review check must be answered', { fields: notChecked });
  // R-AUD-5: approval needs the three §6.3.1 checks passed; a return says what to fix.
  const failed = Object.entries(checks)
    .filter(([, value]) => value !== true)
    .map(([name]) => name);
  if (data.verdict === 'APPROVE' && failed.length > 0) {
    refuse('R-AUD-5', 'a report can only be approved when every review check passed', { failed });
  }
  const comments = typeof data.comments === 'string' ? data.comments.trim() : '';
  if (data.verdict === 'RETURN' && comments.length === 0) {
    refuse('R-AUD-5', 'returning a report needs comments', { field: 'comments' });
  }
  return [
    {
      type: 'TechnicalReviewCompleted',
      data: {
        auditId: file.auditId,
        reviewer: context.actor,
        verdict: data.verdict,
        checks: data.checks,
        comments,
        at: context.now,
        statusBefore: file.status,
        statusAfter: data.verdict === 'APPROVE' ? 'REVIEWED' : 'RETURNED',
      },
    },
  ];
};
