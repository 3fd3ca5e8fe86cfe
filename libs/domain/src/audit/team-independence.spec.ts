import { ROLES } from '../shared/roles';
import type { Actor } from '../shared/roles';
import { fold } from '../shared/decider';
import { actAs, actors, ctx, spec } from '@app/testing';
import { auditDecider } from './audit.decider';
import {
  T,
  auditCommand,
  auditScheduled,
  cast,
  historyUntil,
  reportCompleted,
  reviewCompleted,
  reviewStarted,
  teamAssigned,
} from './audit.fixtures';
import { isTeamMember } from './state';
import type { AuditState } from './state';

const audit = spec(auditDecider);

const assign = (leadAuditor: Actor, members: Actor[], actor: Actor = actors.programmeManager) =>
  auditCommand('AssignAuditTeam', { leadAuditor, members }, ctx(actor, T.teamAssigned));

const decide = (actor: Actor) =>
  auditCommand('DecideCertification', { outcome: 'GRANT', reasons: [] }, ctx(actor, T.decided));

const otherAuditor = actAs('user-auditor-2', 'AUDITOR');

describe('Audit — team and independence', () => {
  describe('AssignAuditTeam', () => {
    it('R-AUD-2 assigns one lead and auditor members, normalised to lead + members without duplicates', () => {
      const state = audit
        .given([auditScheduled()])
        .when(assign(actors.leadAuditor, [actors.auditor, actors.leadAuditor, actors.auditor]))
        .then([teamAssigned([actors.leadAuditor, actors.auditor])]);
      expect(state).toMatchObject({
        status: 'TEAM_ASSIGNED',
        team: { leadAuditor: actors.leadAuditor, members: [actors.leadAuditor, actors.auditor] },
      });
      expect(isTeamMember(state, actors.auditor.id)).toBe(true);
      expect(isTeamMember(state, actors.reviewer.id)).toBe(false);
    });

    it('R-AUD-2 re-assigns the team before the audit starts, recording the team it replaces', () => {
      audit
        .given(historyUntil('TEAM_ASSIGNED'))
        .when(assign(otherAuditor, []))
        .thenEvents(([event], state) => {
          expect(event.data).toMatchObject({
            team: [otherAuditor],
            previousTeam: [actors.leadAuditor, actors.auditor],
            statusBefore: 'TEAM_ASSIGNED',
          });
          expect(isTeamMember(state, actors.auditor.id)).toBe(false);
        });
    });

    it('R-AUD-2 refuses a lead or member without the AUDITOR role', () => {
      audit
        .given([auditScheduled()])
        .when(assign(actors.decisionMaker, [actors.auditor]))
        .thenRefusedWith('R-AUD-2', { userIds: [actors.decisionMaker.id] });
      audit
        .given([auditScheduled()])
        .when(assign(actors.leadAuditor, [actors.reviewer]))
        .thenRefusedWith('R-AUD-2', { userIds: [actors.reviewer.id] });
    });

    it('R-AUD-2 refuses a team without exactly one lead auditor', () => {
      const noLead = assign(undefined as unknown as Actor, [actors.auditor]);
      audit.given([auditScheduled()]).when(noLead).thenRefusedWith('R-AUD-2', { field: 'leadAuditor' });
      const twoLeads = assign([actors.leadAuditor, actors.auditor] as unknown as Actor, []);
      audit.given([auditScheduled()]).when(twoLeads).thenRefusedWith('R-AUD-2', { field: 'leadAuditor' });
    });

    it('R-AUD-2 team assignment is reserved to the programme manager', () => {
      audit
        .given([auditScheduled()])
        .when(assign(actors.leadAuditor, [], actors.leadAuditor))
        .thenRefusedWith('R-AUD-2');
    });

    it('cannot re-assign the team once the audit started', () => {
      audit
        .given(historyUntil('IN_PROGRESS'))
        .when(assign(actors.leadAuditor, []))
        .thenRefusedWith('INVALID_TRANSITION');
    });

    it('R-IND-2 refuses a technical reviewer of this audit on its team', () => {
      // Reviewers only appear after the report, when the team is fixed; the guard is checked on a crafted state.
      const assigned = fold(auditDecider.evolve, auditDecider.initialState, historyUntil('TEAM_ASSIGNED'));
      const withReviewer = { ...assigned, reviewers: [actors.reviewer] } as AuditState;
      const reviewerAsAuditor = actAs(actors.reviewer.id, 'AUDITOR');
      expect(() =>
        auditDecider.decide(assign(actors.leadAuditor, [reviewerAsAuditor]), withReviewer),
      ).toThrow(expect.objectContaining({ code: 'R-IND-2', details: { userIds: [actors.reviewer.id] } }));
      expect(auditDecider.decide(assign(actors.leadAuditor, [actors.auditor]), withReviewer)).toHaveLength(1);
    });
  });

  describe('StartTechnicalReview independence', () => {
    it('R-IND-2 refuses a technical review by a member of the audit team', () => {
      const auditorAsReviewer = actAs(actors.auditor.id, 'TECHNICAL_REVIEWER');
      audit
        .given(historyUntil('REPORTED'))
        .when(auditCommand('StartTechnicalReview', {}, ctx(auditorAsReviewer, T.reviewStarted)))
        .thenRefusedWith('R-IND-2', { actorId: actors.auditor.id });
    });

    it('R-IND-2 refuses a review by a former team member after a re-assignment', () => {
      const history = [
        auditScheduled(),
        teamAssigned(),
        teamAssigned([otherAuditor], 'TEAM_ASSIGNED'),
        ...historyUntil('REPORTED').slice(2),
      ];
      audit
        .given(history)
        .when(
          auditCommand(
            'StartTechnicalReview',
            {},
            ctx(actAs(actors.auditor.id, 'TECHNICAL_REVIEWER'), T.reviewed),
          ),
        )
        .thenRefusedWith('R-IND-2');
    });
  });

  describe('DecideCertification independence', () => {
    it('R-IND-1 an independent decision maker decides', () => {
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide(actors.decisionMaker))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ decisionMaker: actors.decisionMaker }));
    });

    it('R-IND-1 refuses a decision by a member of the audit team acting as decision maker', () => {
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide(actAs(actors.auditor.id, 'DECISION_MAKER')))
        .thenRefusedWith('R-IND-1', { actorId: actors.auditor.id });
      audit
        .given(historyUntil('REVIEWED'))
        .when(decide(actAs(actors.leadAuditor.id, 'DECISION_MAKER')))
        .thenRefusedWith('R-IND-1');
    });

    it('R-IND-1 refuses a decision by one of the technical reviewers, including an earlier one', () => {
      const earlierReviewer = actAs('user-reviewer-1', 'TECHNICAL_REVIEWER');
      const history = [
        ...historyUntil('REPORTED'),
        reviewStarted(earlierReviewer),
        reviewCompleted('RETURN', earlierReviewer),
        reportCompleted('RETURNED'),
        reviewStarted(),
        reviewCompleted('APPROVE'),
      ];
      audit
        .given(history)
        .when(decide(actAs(earlierReviewer.id, 'DECISION_MAKER')))
        .thenRefusedWith('R-IND-1', { actorId: earlierReviewer.id });
      audit
        .given(history)
        .when(decide(actAs(actors.reviewer.id, 'DECISION_MAKER')))
        .thenRefusedWith('R-IND-1');
    });

    it('R-IND-1 refuses a decision by someone who left the team in a re-assignment', () => {
      const history = [
        auditScheduled(),
        teamAssigned(),
        teamAssigned([otherAuditor], 'TEAM_ASSIGNED'),
        ...historyUntil('REVIEWED').slice(2),
      ];
      audit
        .given(history)
        .when(decide(actAs(actors.auditor.id, 'DECISION_MAKER')))
        .thenRefusedWith('R-IND-1');
    });

    it.each(ROLES)(
      'R-IND-3 a team member acting as %s cannot decide: no role overrides independence',
      (role) => {
        audit
          .given(historyUntil('REVIEWED'))
          .when(decide(actAs(cast.leadAuditor.id, role)))
          .thenRefusedWith('R-IND-1');
      },
    );

    it('R-IND-3 ADMIN cannot decide, and no override flag in the data is honoured', () => {
      audit.given(historyUntil('REVIEWED')).when(decide(actors.admin)).thenRefusedWith('R-AUD-6');
      const withFlag = auditCommand(
        'DecideCertification',
        { outcome: 'GRANT', reasons: [], overrideIndependence: true } as never,
        ctx(actAs(actors.auditor.id, 'ADMIN'), T.decided),
      );
      audit.given(historyUntil('REVIEWED')).when(withFlag).thenRefusedWith('R-IND-1');
      const asDecider = { ...withFlag, context: ctx(actAs(actors.auditor.id, 'DECISION_MAKER'), T.decided) };
      audit.given(historyUntil('REVIEWED')).when(asDecider).thenRefusedWith('R-IND-1');
    });
  });
});
