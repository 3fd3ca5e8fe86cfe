import { actors, ctx, defaultSchemes, schemesWith, spec } from '@app/testing';
import type { Actor } from '../shared/roles';
import { auditDecider } from './audit.decider';
import {
  AUDIT_ID,
  CONCLUSION,
  RESULTS,
  SCHEME_ID,
  T,
  auditCommand,
  auditScheduled,
  certificationDecided,
  historyUntil,
  nonconformityClosed,
  nonconformityRaised,
  noticeRecorded,
  reviewCompleted,
  surveillanceScheduled,
} from './audit.fixtures';
import type { RecordDecisionNotice } from './commands';
import type { CertificationOutcome } from './vocabulary';

const audit = spec(auditDecider);

const decide = (
  outcome: CertificationOutcome,
  reasons: string[] = [],
  actor: Actor = actors.decisionMaker,
  schemes = defaultSchemes,
) => auditCommand('DecideCertification', { outcome, reasons }, ctx(actor, T.decided, schemes));

const notice = (data: Partial<RecordDecisionNotice['data']> = {}, actor: Actor = actors.decisionMaker) =>
  auditCommand(
    'RecordDecisionNotice',
    { sentOn: '2026-03-23', reference: 'CMM-DN-2026-0042', appealRightsStated: false, ...data },
    ctx(actor, T.notified),
  );

const surveillanceReviewed = historyUntil('REVIEWED', { scheduled: surveillanceScheduled() });

describe('Audit — decision and notice', () => {
  describe('DecideCertification', () => {
    it('R-AUD-6 grants after an approved technical review, carrying what the certificate needs', () => {
      const state = audit
        .given(historyUntil('REVIEWED'))
        .when(decide('GRANT'))
        .then([certificationDecided('GRANT')]);
      expect(state).toMatchObject({
        status: 'DECIDED',
        decisions: [{ outcome: 'GRANT', decisionDate: T.decisionDate }],
      });
    });

    it('R-AUD-6 no decision before the technical review approved the report', () => {
      audit
        .given(historyUntil('UNDER_TECHNICAL_REVIEW'))
        .when(decide('GRANT'))
        .thenRefusedWith('INVALID_TRANSITION');
      const returned = [...historyUntil('UNDER_TECHNICAL_REVIEW'), reviewCompleted('RETURN')];
      audit.given(returned).when(decide('GRANT')).thenRefusedWith('INVALID_TRANSITION');
      audit.given(historyUntil('DECIDED')).when(decide('GRANT')).thenRefusedWith('INVALID_TRANSITION');
    });

    it('R-AUD-6 only a DECISION_MAKER decides', () => {
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide('GRANT', [], actors.programmeManager))
        .thenRefusedWith('R-AUD-6');
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide('GRANT', [], actors.admin))
        .thenRefusedWith('R-AUD-6');
    });

    it.each(['MAINTAIN', 'SUSPEND', 'REVOKE'] as const)(
      'R-AUD-6 refuses %s for an initial audit',
      (outcome) => {
        audit
          .given(historyUntil('REVIEWED'))
          .when(decide(outcome, ['x']))
          .thenRefusedWith('R-AUD-6', { outcome });
      },
    );

    it.each(['GRANT', 'CONDITIONAL_GRANT', 'REFUSE'] as const)(
      'R-AUD-6 refuses %s for a surveillance',
      (outcome) => {
        audit
          .given(surveillanceReviewed)
          .when(decide(outcome, ['x']))
          .thenRefusedWith('R-AUD-6', { outcome });
      },
    );

    it('R-AUD-6 a REFUSE decision states its reasons', () => {
      const outcome = 'REFUSE';
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide(outcome))
        .thenRefusedWith('R-AUD-6', { field: 'reasons' });
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide(outcome, ['Service management system not in operation']))
        .then([certificationDecided(outcome, { reasons: ['Service management system not in operation'] })]);
    });

    it.each(['SUSPEND', 'REVOKE'] as const)('R-AUD-6 a surveillance %s states its reasons', (outcome) => {
      audit
        .given(surveillanceReviewed)
        .when(decide(outcome, ['']))
        .thenRefusedWith('R-AUD-6');
      audit
        .given(surveillanceReviewed)
        .when(decide(outcome))
        .thenRefusedWith('R-AUD-6', { field: 'reasons' });
    });

    it('R-AUD-9 a surveillance decision carries the B.4 record: date, audit type, conclusion, lead auditor', () => {
      audit
        .given(surveillanceReviewed)
        .when(decide('MAINTAIN'))
        .thenEvents(([event]) =>
          expect(event.data).toEqual({
            auditId: AUDIT_ID,
            auditType: 'SURVEILLANCE',
            subject: {
              kind: 'CERTIFICATE',
              certificateNumber: 'CMM-ICS-2026-00042',
              certificateStatus: 'VALID',
            },
            outcome: 'MAINTAIN',
            reasons: [],
            decisionDate: T.decisionDate,
            decidedAt: T.decided,
            decisionMaker: actors.decisionMaker,
            leadAuditorId: actors.leadAuditor.id,
            conclusion: CONCLUSION,
            evaluationResults: RESULTS,
            schemeVersion: SCHEME_ID,
            followsConditionalGrant: false,
            statusBefore: 'REVIEWED',
            statusAfter: 'DECIDED',
          }),
        );
    });

    it('R-AUD-7 refuses GRANT while a MAJOR nonconformity is not verified', () => {
      const findings = [
        nonconformityRaised('NC-1', 'MAJOR'),
        nonconformityRaised('NC-2', 'MAJOR'),
        ...nonconformityClosed('NC-2'),
      ];
      audit
        .given(historyUntil('REVIEWED', { findings }))
        .when(decide('GRANT'))
        .thenRefusedWith('R-AUD-7', { nonconformityIds: ['NC-1'] });
      audit
        .given(
          historyUntil('REVIEWED', {
            findings: [nonconformityRaised('NC-1', 'MAJOR'), ...nonconformityClosed('NC-1')],
          }),
        )
        .when(decide('GRANT'))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ outcome: 'GRANT' }));
    });

    it('R-AUD-7 a MAJOR nonconformity also blocks a recertification GRANT, not a REFUSE', () => {
      const recertification = auditScheduled({ type: 'RECERTIFICATION' });
      const history = historyUntil('REVIEWED', {
        scheduled: recertification,
        findings: [nonconformityRaised('NC-1', 'MAJOR')],
      });
      audit.given(history).when(decide('GRANT')).thenRefusedWith('R-AUD-7');
      audit
        .given(history)
        .when(decide('REFUSE', ['Major nonconformity NC-1']))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({ outcome: 'REFUSE', auditType: 'RECERTIFICATION' }),
        );
    });

    describe('R-SCORE-6 pass threshold', () => {
      const threshold = (passThreshold: number | null) => schemesWith({ passThreshold });

      it('R-SCORE-6 refuses GRANT when the composite is below the scheme threshold', () => {
        audit
          .given(historyUntil('REVIEWED'))
          .when(decide('GRANT', [], actors.decisionMaker, threshold(81)))
          .thenRefusedWith('R-SCORE-6', { composite: 80.95, passThreshold: 81 });
      });

      it('R-SCORE-6 refuses GRANT when no results were recorded and a threshold is set', () => {
        audit
          .given(historyUntil('REVIEWED', { withScores: false }))
          .when(decide('GRANT', [], actors.decisionMaker, threshold(60)))
          .thenRefusedWith('R-SCORE-6', { composite: null });
      });

      it('R-SCORE-6 grants at or above the threshold, and without threshold whatever the score', () => {
        audit
          .given(historyUntil('REVIEWED'))
          .when(decide('GRANT', [], actors.decisionMaker, threshold(80.95)))
          .then([certificationDecided('GRANT')]);
        audit
          .given(historyUntil('REVIEWED', { withScores: false }))
          .when(decide('GRANT', [], actors.decisionMaker, threshold(null)))
          .then([certificationDecided('GRANT', { results: null })]);
      });

      it('R-SCORE-6 does not stop a REFUSE below the threshold', () => {
        audit
          .given(historyUntil('REVIEWED'))
          .when(decide('REFUSE', ['Composite below threshold'], actors.decisionMaker, threshold(90)))
          .thenEvents(([event]) => expect(event.data).toMatchObject({ outcome: 'REFUSE' }));
      });
    });
  });

  describe('RecordDecisionNotice', () => {
    it('R-AUD-8 records the written notice of a grant with decision date and sending date', () => {
      const state = audit
        .given(historyUntil('DECIDED'))
        .when(notice())
        .then([
          {
            ...noticeRecorded('GRANT'),
            data: { ...noticeRecorded('GRANT').data, appealRightsStated: false },
          },
        ]);
      expect(state.status).toBe('NOTIFIED');
    });

    it('R-AUD-8 the intake officer may record the notice too; other roles may not', () => {
      audit
        .given(historyUntil('DECIDED'))
        .when(notice({}, actors.intake))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ by: actors.intake }));
      audit
        .given(historyUntil('DECIDED'))
        .when(notice({}, actors.registryOfficer))
        .thenRefusedWith('R-AUD-8');
    });

    const refused = [...historyUntil('REVIEWED'), certificationDecided('REFUSE', { reasons: ['Major NC'] })];

    it('R-AUD-8 the notice of an adverse decision carries reasons and the right to appeal', () => {
      audit
        .given(refused)
        .when(notice({ appealRightsStated: true }))
        .thenRefusedWith('R-AUD-8', { field: 'reasons' });
      audit
        .given(refused)
        .when(notice({ reasons: ['Major NC'], appealRightsStated: false }))
        .thenRefusedWith('R-AUD-8', { field: 'appealRightsStated' });
      audit
        .given(refused)
        .when(notice({ reasons: ['Major NC'], appealRightsStated: true }))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            outcome: 'REFUSE',
            reasons: ['Major NC'],
            appealRightsStated: true,
          }),
        );
    });

    it('R-AUD-8 the notice is sent between the decision and today, with a reference', () => {
      const given = audit.given(historyUntil('DECIDED'));
      given.when(notice({ sentOn: '2026-03-19' })).thenRefusedWith('R-AUD-8', { field: 'sentOn' });
      given.when(notice({ sentOn: '2026-03-24' })).thenRefusedWith('R-AUD-8', { field: 'sentOn' });
      given.when(notice({ reference: '' })).thenRefusedWith('R-AUD-8', { field: 'reference' });
    });

    it('R-AUD-8 a notice is recorded once, after a decision', () => {
      audit.given(historyUntil('REVIEWED')).when(notice()).thenRefusedWith('INVALID_TRANSITION');
      audit.given(historyUntil('NOTIFIED')).when(notice()).thenRefusedWith('INVALID_TRANSITION');
    });
  });
});
