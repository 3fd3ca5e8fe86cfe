import { actAs, actors, ctx, spec } from '@app/testing';
import type { Actor } from '../shared/roles';
import { auditDecider } from './audit.decider';
import {
  AUDIT_ID,
  CONCLUSION,
  T,
  auditCommand,
  historyUntil,
  reportCompleted,
  reviewCompleted,
  reviewStarted,
} from './audit.fixtures';
import type { CompleteTechnicalReview } from './commands';

const audit = spec(auditDecider);

const completeReport = (
  overrides: { lastAuditDay?: string; conclusion?: string } = {},
  actor: Actor = actors.leadAuditor,
) =>
  auditCommand(
    'CompleteAuditReport',
    {
      conclusion: CONCLUSION,
      recommendation: 'Recommend certification.',
      lastAuditDay: T.lastAuditDay,
      ...overrides,
    },
    ctx(actor, T.reported),
  );

const startReview = (actor: Actor = actors.reviewer) =>
  auditCommand('StartTechnicalReview', {}, ctx(actor, T.reviewStarted));

const completeReview = (
  data: Partial<CompleteTechnicalReview['data']> = {},
  actor: Actor = actors.reviewer,
) =>
  auditCommand(
    'CompleteTechnicalReview',
    {
      verdict: 'APPROVE',
      checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
      comments: '',
      ...data,
    },
    ctx(actor, T.reviewed),
  );

describe('Audit — report and technical review', () => {
  describe('CompleteAuditReport', () => {
    it('R-AUD-5 the lead auditor completes the report', () => {
      const state = audit.given(historyUntil('IN_PROGRESS')).when(completeReport()).then([reportCompleted()]);
      expect(state).toMatchObject({
        status: 'REPORTED',
        report: { conclusion: CONCLUSION, lastAuditDay: T.lastAuditDay },
      });
    });

    it('R-AUD-5 refuses a report by a team member who is not the lead', () => {
      audit
        .given(historyUntil('IN_PROGRESS'))
        .when(completeReport({}, actors.auditor))
        .thenRefusedWith('R-AUD-5');
    });

    it('R-AUD-5 refuses a report without conclusion, or with a last audit day outside the audit', () => {
      const given = audit.given(historyUntil('IN_PROGRESS'));
      given.when(completeReport({ conclusion: '' })).thenRefusedWith('R-AUD-5', { field: 'conclusion' });
      given
        .when(completeReport({ lastAuditDay: '2026-03-09' }))
        .thenRefusedWith('R-AUD-5', { field: 'lastAuditDay' });
      given
        .when(completeReport({ lastAuditDay: '2026-03-14' }))
        .thenRefusedWith('R-AUD-5', { field: 'lastAuditDay' });
    });

    it('R-AUD-5 a returned report is completed again', () => {
      const returned = [...historyUntil('UNDER_TECHNICAL_REVIEW'), reviewCompleted('RETURN')];
      audit
        .given(returned)
        .when(completeReport())
        .then([reportCompleted('RETURNED')]);
      audit.given(historyUntil('REPORTED')).when(completeReport()).thenRefusedWith('INVALID_TRANSITION');
    });
  });

  describe('Technical review', () => {
    it('R-AUD-5 a technical reviewer starts the review', () => {
      const state = audit.given(historyUntil('REPORTED')).when(startReview()).then([reviewStarted()]);
      expect(state).toMatchObject({ status: 'UNDER_TECHNICAL_REVIEW', reviewers: [actors.reviewer] });
    });

    it('R-AUD-5 only a technical reviewer reviews, once the report is complete', () => {
      audit
        .given(historyUntil('REPORTED'))
        .when(startReview(actors.decisionMaker))
        .thenRefusedWith('R-AUD-5');
      audit.given(historyUntil('IN_PROGRESS')).when(startReview()).thenRefusedWith('INVALID_TRANSITION');
    });

    it('R-AUD-5 approves when process, nonconformities and conclusion all pass', () => {
      const state = audit
        .given(historyUntil('UNDER_TECHNICAL_REVIEW'))
        .when(completeReview())
        .then([
          {
            type: 'TechnicalReviewCompleted',
            data: {
              auditId: AUDIT_ID,
              reviewer: actors.reviewer,
              verdict: 'APPROVE',
              checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
              comments: '',
              at: T.reviewed,
              statusBefore: 'UNDER_TECHNICAL_REVIEW',
              statusAfter: 'REVIEWED',
            },
          },
        ]);
      expect(state).toMatchObject({ status: 'REVIEWED', currentReviewer: null });
    });

    it.each(['processConformity', 'nonconformitiesAccurate', 'conclusionSound'])(
      'R-AUD-5 refuses approval when %s fails',
      (check) => {
        const checks = {
          processConformity: true,
          nonconformitiesAccurate: true,
          conclusionSound: true,
          [check]: false,
        };
        audit
          .given(historyUntil('UNDER_TECHNICAL_REVIEW'))
          .when(completeReview({ checks }))
          .thenRefusedWith('R-AUD-5', { failed: [check] });
      },
    );

    it('R-AUD-5 returns the report with comments, not without', () => {
      const checks = { processConformity: true, nonconformitiesAccurate: false, conclusionSound: true };
      audit
        .given(historyUntil('UNDER_TECHNICAL_REVIEW'))
        .when(
          completeReview({ verdict: 'RETURN', checks, comments: 'Nonconformity NC-1 misses its evidence.' }),
        )
        .then([reviewCompleted('RETURN')]);
      audit
        .given(historyUntil('UNDER_TECHNICAL_REVIEW'))
        .when(completeReview({ verdict: 'RETURN', checks, comments: ' ' }))
        .thenRefusedWith('R-AUD-5', { field: 'comments' });
    });

    it('R-AUD-5 refuses unanswered checks and completion by another reviewer', () => {
      const given = audit.given(historyUntil('UNDER_TECHNICAL_REVIEW'));
      given
        .when(completeReview({ checks: { processConformity: true } as never }))
        .thenRefusedWith('R-AUD-5', { fields: ['checks.nonconformitiesAccurate', 'checks.conclusionSound'] });
      given
        .when(completeReview({}, actAs('user-reviewer-2', 'TECHNICAL_REVIEWER')))
        .thenRefusedWith('R-AUD-5');
    });

    it('R-AUD-5 reviewers accumulate over review rounds', () => {
      const second = actAs('user-reviewer-2', 'TECHNICAL_REVIEWER');
      const history = [
        ...historyUntil('UNDER_TECHNICAL_REVIEW'),
        reviewCompleted('RETURN'),
        reportCompleted('RETURNED'),
      ];
      const state = audit
        .given(history)
        .when(startReview(second))
        .then([reviewStarted(second)]);
      expect(state).toMatchObject({ reviewers: [actors.reviewer, second], currentReviewer: second });
    });
  });
});
