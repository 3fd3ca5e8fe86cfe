import { actAs, actors, ctx, schemesWith, spec } from '@app/testing';
import type { Actor } from '../shared/roles';
import { auditDecider } from './audit.decider';
import {
  T,
  auditCommand,
  certificationDecided,
  historyUntil,
  nonconformityClosed,
  nonconformityRaised,
  nonconformityVerified,
  nonconformityAcceptedHistory,
} from './audit.fixtures';
import type { AuditEvent } from './events';
import type { CertificationOutcome } from './vocabulary';
import { CONDITIONAL_GRANT_DEADLINE_PASSED } from './vocabulary';

const audit = spec(auditDecider);

// Decision 2026-03-20 + 90 days (scheme.conditionalGrantDeadlineDays)
const DEADLINE = '2026-06-18';
const AFTER_DEADLINE = '2026-06-18T16:00:00Z'; // 2026-06-19 in UTC+8
const BEFORE_DEADLINE = '2026-06-18T15:00:00Z'; // 2026-06-18 23:00 in UTC+8

const decide = (
  outcome: CertificationOutcome,
  now: string = T.decided,
  actor: Actor = actors.decisionMaker,
) => auditCommand('DecideCertification', { outcome, reasons: [] }, ctx(actor, now));

const refuseExpired = (now: string, actor: Actor = actors.system) =>
  auditCommand('RefuseExpiredConditionalGrant', {}, ctx(actor, now));

const minorFindings = [
  nonconformityRaised('NC-1', 'MINOR'),
  nonconformityRaised('NC-2', 'MINOR'),
  nonconformityRaised('NC-3', 'MINOR'),
  ...nonconformityClosed('NC-3'),
];
const reviewed = historyUntil('REVIEWED', { findings: minorFindings });
const conditions = { nonconformityIds: ['NC-1', 'NC-2'], deadline: DEADLINE };
const conditionallyGranted: AuditEvent[] = [
  ...reviewed,
  certificationDecided('CONDITIONAL_GRANT', { conditions }),
];
const conditionsVerified: AuditEvent[] = [
  ...conditionallyGranted,
  ...nonconformityClosed('NC-1', '2026-05-01T01:00:00Z'),
  ...nonconformityClosed('NC-2', '2026-05-02T01:00:00Z'),
];

describe('Audit — conditional grant (Decision Q7)', () => {
  describe('CONDITIONAL_GRANT', () => {
    it('R-AUD-7 sets the unverified MINOR nonconformities as conditions with the scheme deadline', () => {
      const state = audit
        .given(reviewed)
        .when(decide('CONDITIONAL_GRANT'))
        .then([certificationDecided('CONDITIONAL_GRANT', { conditions })]);
      expect(state).toMatchObject({
        status: 'DECIDED',
        decisions: [{ outcome: 'CONDITIONAL_GRANT', conditions }],
      });
    });

    it('R-AUD-7 reads the deadline from the scheme version', () => {
      audit
        .given(reviewed)
        .when({
          ...decide('CONDITIONAL_GRANT'),
          context: ctx(actors.decisionMaker, T.decided, schemesWith({ conditionalGrantDeadlineDays: 30 })),
        })
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            conditions: { nonconformityIds: ['NC-1', 'NC-2'], deadline: '2026-04-19' },
          }),
        );
    });

    it('R-AUD-7 refuses a conditional grant while a MAJOR nonconformity is unverified', () => {
      const withMajor = historyUntil('REVIEWED', {
        findings: [...minorFindings, nonconformityRaised('NC-9', 'MAJOR')],
      });
      audit
        .given(withMajor)
        .when(decide('CONDITIONAL_GRANT'))
        .thenRefusedWith('R-AUD-7', { nonconformityIds: ['NC-9'] });
    });

    it('R-AUD-7 refuses a conditional grant when no minor nonconformity is open: that is a GRANT', () => {
      const allClosed = historyUntil('REVIEWED', {
        findings: [nonconformityRaised('NC-3'), ...nonconformityClosed('NC-3')],
      });
      audit.given(allClosed).when(decide('CONDITIONAL_GRANT')).thenRefusedWith('R-AUD-7');
    });

    it('R-SCORE-6 a conditional grant below the pass threshold is refused too (it leads to a GRANT)', () => {
      audit
        .given(reviewed)
        .when({
          ...decide('CONDITIONAL_GRANT'),
          context: ctx(actors.decisionMaker, T.decided, schemesWith({ passThreshold: 90 })),
        })
        .thenRefusedWith('R-SCORE-6');
    });

    it('R-AUD-8 the notice of a conditional grant carries reasons and the right to appeal', () => {
      const notice = (appealRightsStated: boolean) =>
        auditCommand(
          'RecordDecisionNotice',
          { sentOn: '2026-03-23', reference: 'DN-1', reasons: ['Conditions NC-1, NC-2'], appealRightsStated },
          ctx(actors.decisionMaker, T.notified),
        );
      audit.given(conditionallyGranted).when(notice(false)).thenRefusedWith('R-AUD-8');
      audit
        .given(conditionallyGranted)
        .when(notice(true))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ outcome: 'CONDITIONAL_GRANT' }));
    });
  });

  describe('follow-up GRANT', () => {
    const notified: AuditEvent[] = [
      ...conditionsVerified,
      {
        type: 'DecisionNoticeRecorded',
        data: {
          auditId: conditionallyGranted[0].data.auditId,
          outcome: 'CONDITIONAL_GRANT',
          decisionDate: T.decisionDate,
          sentOn: '2026-03-23',
          reference: 'DN-1',
          reasons: ['Conditions NC-1, NC-2'],
          appealRightsStated: true,
          by: actors.decisionMaker,
          at: T.notified,
          statusBefore: 'DECIDED',
          statusAfter: 'NOTIFIED',
        },
      },
    ];

    it('R-AUD-7 grants once every condition is verified, before the deadline', () => {
      const events = audit
        .given(notified)
        .when(decide('GRANT', '2026-05-10T01:00:00Z'))
        .thenEvents(([event], after) => {
          expect(event.data).toMatchObject({
            outcome: 'GRANT',
            followsConditionalGrant: true,
            decisionDate: '2026-05-10',
            statusBefore: 'NOTIFIED',
            statusAfter: 'DECIDED',
          });
          expect(event.data).not.toHaveProperty('conditions');
          expect(after.status).toBe('DECIDED');
        });
      expect(events).toHaveLength(1);
      audit
        .given(conditionsVerified)
        .when(decide('GRANT', BEFORE_DEADLINE))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({ statusBefore: 'DECIDED', followsConditionalGrant: true }),
        );
    });

    it('R-AUD-7 refuses the follow-up GRANT while a condition is not verified', () => {
      const oneLeft = [
        ...conditionallyGranted,
        ...nonconformityClosed('NC-1'),
        ...nonconformityAcceptedHistory('NC-2'),
      ];
      audit
        .given(oneLeft)
        .when(decide('GRANT', '2026-05-10T01:00:00Z'))
        .thenRefusedWith('R-AUD-7', { nonconformityIds: ['NC-2'] });
      audit
        .given([...oneLeft, nonconformityVerified('NC-2', '2026-05-09T01:00:00Z')])
        .when(decide('GRANT', '2026-05-10T01:00:00Z'))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ outcome: 'GRANT' }));
    });

    it('R-AUD-7 refuses the follow-up GRANT after the deadline', () => {
      audit
        .given(conditionsVerified)
        .when(decide('GRANT', AFTER_DEADLINE))
        .thenRefusedWith('R-AUD-7', { deadline: DEADLINE });
    });

    it('R-AUD-7 after a conditional grant only the follow-up GRANT can be decided', () => {
      audit
        .given(conditionsVerified)
        .when(decide('REFUSE', '2026-05-10T01:00:00Z'))
        .thenRefusedWith('R-AUD-7');
    });

    it('R-IND-1 the follow-up GRANT follows the same independence rules', () => {
      audit
        .given(conditionsVerified)
        .when(decide('GRANT', '2026-05-10T01:00:00Z', actAs(actors.leadAuditor.id, 'DECISION_MAKER')))
        .thenRefusedWith('R-IND-1');
      audit
        .given(conditionsVerified)
        .when(decide('GRANT', '2026-05-10T01:00:00Z', actors.admin))
        .thenRefusedWith('R-AUD-6');
    });

    it('no further decision after the follow-up GRANT', () => {
      const granted = [
        ...conditionsVerified,
        ...audit
          .given(conditionsVerified)
          .when(decide('GRANT', '2026-05-10T01:00:00Z'))
          .thenEvents(() => undefined),
      ];
      audit
        .given(granted)
        .when(decide('GRANT', '2026-05-11T01:00:00Z'))
        .thenRefusedWith('INVALID_TRANSITION');
      audit.given(granted).when(refuseExpired(AFTER_DEADLINE)).thenRefusedWith('INVALID_TRANSITION');
    });
  });

  describe('RefuseExpiredConditionalGrant', () => {
    it('R-TIME-6 SYSTEM refuses the file once the conditional-grant deadline passed', () => {
      const events = audit
        .given(conditionallyGranted)
        .when(refuseExpired(AFTER_DEADLINE))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            outcome: 'REFUSE',
            reasons: [CONDITIONAL_GRANT_DEADLINE_PASSED],
            decisionDate: '2026-06-19',
            decisionMaker: actors.system,
            followsConditionalGrant: true,
            statusAfter: 'DECIDED',
          }),
        );
      expect(events).toHaveLength(1);
    });

    it('R-TIME-6 refuses to act on or before the deadline', () => {
      audit
        .given(conditionallyGranted)
        .when(refuseExpired(BEFORE_DEADLINE))
        .thenRefusedWith('R-AUD-7', { deadline: DEADLINE });
    });

    it('R-TIME-6 only SYSTEM refuses an expired conditional grant', () => {
      audit
        .given(conditionallyGranted)
        .when(refuseExpired(AFTER_DEADLINE, actors.decisionMaker))
        .thenRefusedWith('R-AUD-7');
      audit
        .given(conditionallyGranted)
        .when(refuseExpired(AFTER_DEADLINE, actors.admin))
        .thenRefusedWith('R-AUD-7');
    });

    it('R-TIME-6 does not apply without a conditional grant', () => {
      audit
        .given(historyUntil('DECIDED'))
        .when(refuseExpired(AFTER_DEADLINE))
        .thenRefusedWith('INVALID_TRANSITION');
      audit.given(reviewed).when(refuseExpired(AFTER_DEADLINE)).thenRefusedWith('INVALID_TRANSITION');
    });
  });
});
