import { actAs, actors, ctx, scoreSheet, spec } from '@app/testing';
import type { Actor } from '../shared/roles';
import { auditDecider } from './audit.decider';
import {
  AUDIT_ID,
  RESULTS,
  SHEET,
  T,
  auditCommand,
  cast,
  historyUntil,
  nonconformityAccepted,
  nonconformityAcceptedHistory,
  nonconformityClosed,
  nonconformityRaised,
  nonconformityResponded,
  nonconformityVerified,
  scoresRecorded,
} from './audit.fixtures';
import type { RaiseNonconformity } from './commands';
import { openMajorNonconformities } from './state';

const audit = spec(auditDecider);
const inProgress = historyUntil('IN_PROGRESS');
const outsider = actAs('user-other-auditor', 'AUDITOR');

const raise = (overrides: Partial<RaiseNonconformity['data']> = {}, actor: Actor = actors.auditor) =>
  auditCommand(
    'RaiseNonconformity',
    {
      nonconformityId: 'NC-1',
      grade: 'MINOR',
      clause: '§11.4 服务质量监控',
      evidence: 'No monitoring records for February.',
      ...overrides,
    },
    ctx(actor, T.findings),
  );

const respond = (id = 'NC-1', actor: Actor = actors.auditor, now: string = T.findings) =>
  auditCommand(
    'RespondToNonconformity',
    {
      nonconformityId: id,
      rootCause: 'No owner for monitoring.',
      correction: 'Records for February reconstructed.',
      correctiveAction: 'Monitoring owner appointed, weekly check.',
    },
    ctx(actor, now),
  );
const accept = (id = 'NC-1', actor: Actor = actors.auditor) =>
  auditCommand('AcceptNonconformityResponse', { nonconformityId: id }, ctx(actor, T.findings));
const reject = (reason: string, id = 'NC-1') =>
  auditCommand(
    'RejectNonconformityResponse',
    { nonconformityId: id, reason },
    ctx(actors.auditor, T.findings),
  );
const verify = (id = 'NC-1', now: string = T.findings, actor: Actor = actors.leadAuditor) =>
  auditCommand(
    'VerifyNonconformity',
    { nonconformityId: id, evidence: 'Weekly monitoring records since March.' },
    ctx(actor, now),
  );

describe('Audit — findings and nonconformities', () => {
  describe('RaiseNonconformity', () => {
    it('R-AUD-3 raises a nonconformity with clause and evidence; the due date defaults to the scheme days', () => {
      const state = audit
        .given(inProgress)
        .when(raise())
        .then([nonconformityRaised('NC-1')]);
      // 2026-03-11 + 90 days
      expect(state).toMatchObject({
        nonconformities: [{ id: 'NC-1', status: 'OPEN', dueDate: '2026-06-09' }],
      });
    });

    it('R-AUD-3 keeps an explicit due date', () => {
      audit
        .given(inProgress)
        .when(raise({ dueDate: '2026-04-30', grade: 'MAJOR' }))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            grade: 'MAJOR',
            dueDate: '2026-04-30',
            dueDateDefaulted: false,
          }),
        );
    });

    it('R-AUD-3 refuses a nonconformity without clause or objective evidence', () => {
      audit
        .given(inProgress)
        .when(raise({ clause: '' }))
        .thenRefusedWith('R-AUD-3', { field: 'clause' });
      audit
        .given(inProgress)
        .when(raise({ evidence: '   ' }))
        .thenRefusedWith('R-AUD-3', { field: 'evidence' });
    });

    it('R-AUD-3 refuses an unknown grade, a past due date and a duplicate id', () => {
      audit
        .given(inProgress)
        .when(raise({ grade: 'SEVERE' as never }))
        .thenRefusedWith('R-AUD-3', { field: 'grade' });
      audit
        .given(inProgress)
        .when(raise({ dueDate: '2026-03-10' }))
        .thenRefusedWith('R-AUD-3', { field: 'dueDate' });
      audit
        .given([...inProgress, nonconformityRaised('NC-1')])
        .when(raise())
        .thenRefusedWith('R-AUD-3');
    });

    it('R-AUD-3 only the audit team raises nonconformities, while the audit is in progress', () => {
      audit.given(inProgress).when(raise({}, outsider)).thenRefusedWith('R-AUD-3');
      audit.given(inProgress).when(raise({}, actors.reviewer)).thenRefusedWith('R-AUD-3');
      audit.given(historyUntil('TEAM_ASSIGNED')).when(raise()).thenRefusedWith('INVALID_TRANSITION');
      audit.given(historyUntil('REPORTED')).when(raise()).thenRefusedWith('INVALID_TRANSITION');
    });
  });

  describe('RecordObservation', () => {
    const observe = (text: string, actor: Actor = actors.auditor) =>
      auditCommand('RecordObservation', { observationId: 'OBS-1', text }, ctx(actor, T.findings));

    it('R-AUD-3 records an observation', () => {
      const state = audit
        .given(inProgress)
        .when(observe('Queue times peak on Mondays.'))
        .then([
          {
            type: 'ObservationRecorded',
            data: {
              auditId: AUDIT_ID,
              observationId: 'OBS-1',
              text: 'Queue times peak on Mondays.',
              by: actors.auditor,
              at: T.findings,
            },
          },
        ]);
      expect(state).toMatchObject({ observationIds: ['OBS-1'] });
    });

    it('R-AUD-3 refuses an empty or duplicate observation, or one from outside the team', () => {
      audit.given(inProgress).when(observe('')).thenRefusedWith('R-AUD-3', { field: 'text' });
      audit.given(inProgress).when(observe('x', outsider)).thenRefusedWith('R-AUD-3');
      const recorded = audit
        .given(inProgress)
        .when(observe('x'))
        .thenEvents(() => undefined);
      audit
        .given([...inProgress, ...recorded])
        .when(observe('y'))
        .thenRefusedWith('R-AUD-3');
    });
  });

  describe('RecordScores', () => {
    const score = (sheet: unknown = SHEET, actor: Actor = actors.auditor) =>
      auditCommand('RecordScores', { sheet } as never, ctx(actor, T.findings));

    it('R-AUD-3 records the score sheet with the computed results, keeping the results replaced', () => {
      const corrected = scoreSheet({ management: { STRATEGY: 90 } });
      const state = audit
        .given(historyUntil('IN_PROGRESS'))
        .when(score(corrected))
        .then([scoresRecorded(corrected, RESULTS)]);
      // 90×0.20 + 79×0.35 + 84×0.35 + 75×0.10 = 18 + 27.65 + 29.4 + 7.5 = 82.55
      expect(state).toMatchObject({ results: { composite: 82.55, management: { STRATEGY: 90 } } });
    });

    it('R-SCORE-1 refuses a sheet that is not one, listing the problem', () => {
      const given = audit.given(historyUntil('IN_PROGRESS', { withScores: false }));
      given.when(score(null)).thenRefusedWith('R-SCORE-1', { problems: [{ field: '' }] });
      given
        .when(auditCommand('RecordScores', {} as never, ctx(actors.auditor, T.findings)))
        .thenRefusedWith('R-SCORE-1', { problems: [{ field: '' }] });
    });

    it('R-AUD-3 scores are recorded by the team, in progress or after a return', () => {
      audit.given(inProgress).when(score(SHEET, outsider)).thenRefusedWith('R-AUD-3');
      audit.given(historyUntil('REPORTED')).when(score()).thenRefusedWith('INVALID_TRANSITION');
    });
  });

  describe('Nonconformity lifecycle', () => {
    const raised = [...inProgress, nonconformityRaised('NC-1', 'MAJOR')];

    it('R-AUD-4 OPEN → RESPONDED → ACCEPTED → VERIFIED', () => {
      let state = audit
        .given(raised)
        .when(respond())
        .then([nonconformityResponded('NC-1')]);
      expect(state).toMatchObject({ nonconformities: [{ status: 'RESPONDED' }] });
      state = audit
        .given([...raised, nonconformityResponded('NC-1')])
        .when(accept())
        .then([nonconformityAccepted('NC-1')]);
      expect(state).toMatchObject({ nonconformities: [{ status: 'ACCEPTED' }] });
      expect(openMajorNonconformities(state).map((nc) => nc.id)).toEqual(['NC-1']);
      state = audit
        .given([...raised, ...nonconformityAcceptedHistory('NC-1')])
        .when(verify())
        .then([nonconformityVerified('NC-1')]);
      expect(state).toMatchObject({ nonconformities: [{ status: 'VERIFIED' }] });
      expect(openMajorNonconformities(state)).toEqual([]);
    });

    it('R-AUD-4 a rejected response is answered again', () => {
      const rejected = audit
        .given([...raised, nonconformityResponded('NC-1')])
        .when(reject('Root cause not analysed'))
        .then([
          {
            type: 'NonconformityResponseRejected',
            data: {
              auditId: AUDIT_ID,
              nonconformityId: 'NC-1',
              statusBefore: 'RESPONDED',
              statusAfter: 'RESPONSE_REJECTED',
              reason: 'Root cause not analysed',
              by: actors.auditor,
              at: T.findings,
            },
          },
        ]);
      expect(rejected).toMatchObject({ nonconformities: [{ status: 'RESPONSE_REJECTED' }] });
      const history = [
        ...raised,
        nonconformityResponded('NC-1'),
        ...audit
          .given([...raised, nonconformityResponded('NC-1')])
          .when(reject('Root cause not analysed'))
          .thenEvents(() => undefined),
      ];
      audit
        .given(history)
        .when(respond())
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({ statusBefore: 'RESPONSE_REJECTED', statusAfter: 'RESPONDED' }),
        );
      audit
        .given([...raised, nonconformityResponded('NC-1')])
        .when(reject(' '))
        .thenRefusedWith('R-AUD-4');
    });

    it('R-AUD-4 a response names root cause, correction and corrective action', () => {
      const incomplete = { ...respond(), data: { ...respond().data, correctiveAction: '' } };
      audit.given(raised).when(incomplete).thenRefusedWith('R-AUD-4', { field: 'correctiveAction' });
    });

    it('R-AUD-4 refuses steps out of order', () => {
      audit.given(raised).when(accept()).thenRefusedWith('R-AUD-4', { status: 'OPEN' });
      audit.given(raised).when(verify()).thenRefusedWith('R-AUD-4', { status: 'OPEN' });
      audit
        .given([...raised, nonconformityResponded('NC-1')])
        .when(verify())
        .thenRefusedWith('R-AUD-4', { status: 'RESPONDED' });
      audit
        .given([...raised, ...nonconformityClosed('NC-1')])
        .when(respond())
        .thenRefusedWith('R-AUD-4', { status: 'VERIFIED' });
    });

    it('R-AUD-4 refuses an unknown nonconformity', () => {
      audit.given(raised).when(respond('NC-9')).thenRefusedWith('R-AUD-4', { nonconformityId: 'NC-9' });
    });

    it('R-AUD-4 only the lead auditor verifies; only the team records responses', () => {
      const accepted = [...raised, ...nonconformityAcceptedHistory('NC-1')];
      audit
        .given(accepted)
        .when(verify('NC-1', T.findings, actors.auditor))
        .thenRefusedWith('R-AUD-4');
      audit.given(raised).when(respond('NC-1', outsider)).thenRefusedWith('R-AUD-4');
      audit
        .given([...raised, nonconformityResponded('NC-1')])
        .when(accept('NC-1', actors.decisionMaker))
        .thenRefusedWith('R-AUD-4');
    });

    it('R-AUD-4 a MAJOR nonconformity is verified within 6 months of the last audit day, not later', () => {
      const reported = historyUntil('NOTIFIED', { findings: [nonconformityRaised('NC-1', 'MAJOR')] });
      const accepted = [...reported, ...nonconformityAcceptedHistory('NC-1', T.notified)];
      // last audit day 2026-03-12 + 6 months = 2026-09-12 (UTC+8 dates)
      audit
        .given(accepted)
        .when(verify('NC-1', '2026-09-12T10:00:00Z'))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ statusAfter: 'VERIFIED' }));
      audit
        .given(accepted)
        .when(verify('NC-1', '2026-09-12T17:00:00Z'))
        .thenRefusedWith('R-AUD-4', { deadline: '2026-09-12' });
    });

    it('R-AUD-4 a late MINOR nonconformity can still be verified', () => {
      const reported = historyUntil('NOTIFIED', { findings: [nonconformityRaised('NC-2', 'MINOR')] });
      audit
        .given([...reported, ...nonconformityAcceptedHistory('NC-2', T.notified)])
        .when(verify('NC-2', '2026-10-01T01:00:00Z'))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ nonconformityId: 'NC-2' }));
    });

    it('R-AUD-4 follow-up runs from the audit to after the notice, never on a cancelled audit', () => {
      const notified = historyUntil('NOTIFIED', { findings: [nonconformityRaised('NC-1')] });
      audit
        .given(notified)
        .when(respond('NC-1', actors.auditor, T.notified))
        .thenEvents(([event]) => expect(event.type).toBe('NonconformityResponded'));
      const cancelled = [
        ...raised,
        {
          type: 'AuditCancelled' as const,
          data: {
            auditId: AUDIT_ID,
            reason: 'Withdrawn',
            by: cast.programmeManager,
            at: T.findings,
            statusBefore: 'IN_PROGRESS' as const,
            statusAfter: 'CANCELLED' as const,
          },
        },
      ];
      audit.given(cancelled).when(respond()).thenRefusedWith('INVALID_TRANSITION');
    });
  });
});
