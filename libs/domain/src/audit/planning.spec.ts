import { actors, ctx, schemesWith, spec } from '@app/testing';
import { CMM_525_0002_V1 } from '../scheme';
import { auditDecider, auditStreamName } from './audit.decider';
import {
  AUDIT_ID,
  SCHEME_ID,
  T,
  auditCommand,
  auditScheduled,
  auditStarted,
  historyUntil,
  surveillanceScheduled,
  teamAssigned,
} from './audit.fixtures';
import type { Actor } from '../shared/roles';
import type { ScheduleAudit } from './commands';
import type { AuditSubject } from './vocabulary';

const audit = spec(auditDecider);

const schedule = (overrides: Partial<ScheduleAudit['data']> = {}, actor: Actor = actors.programmeManager) =>
  auditCommand(
    'ScheduleAudit',
    {
      auditId: AUDIT_ID,
      type: 'INITIAL',
      schemeVersion: SCHEME_ID,
      subject: { kind: 'APPLICATION', applicationId: 'app-1', applicationStatus: 'ACCEPTED' },
      plannedStartDate: '2026-03-10',
      plannedEndDate: '2026-03-12',
      onSiteDays: 3,
      ...overrides,
    },
    ctx(actor, T.scheduled),
  );

const certificate = (certificateStatus: string): AuditSubject => ({
  kind: 'CERTIFICATE',
  certificateNumber: 'CMM-ICS-2026-00042',
  certificateStatus,
});

describe('Audit — planning', () => {
  it('names the stream audit-<uuid>', () => {
    expect(auditStreamName(AUDIT_ID)).toBe(`audit-${AUDIT_ID}`);
  });

  describe('ScheduleAudit', () => {
    it('R-APP-5 schedules the initial audit of an accepted application (R-ACT-1: who and when)', () => {
      const state = audit.given([]).when(schedule()).then([auditScheduled()]);
      expect(state).toMatchObject({
        status: 'PLANNED',
        type: 'INITIAL',
        schemeVersion: SCHEME_ID,
        team: null,
      });
    });

    it.each(['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'REJECTED', 'WITHDRAWN'])(
      'R-APP-5 refuses to schedule an audit for a %s application',
      (applicationStatus) => {
        audit
          .given([])
          .when(schedule({ subject: { kind: 'APPLICATION', applicationId: 'app-1', applicationStatus } }))
          .thenRefusedWith('R-APP-5', { applicationStatus });
      },
    );

    it('R-APP-5 refuses an initial audit of a certificate', () => {
      audit
        .given([])
        .when(schedule({ subject: certificate('VALID') }))
        .thenRefusedWith('R-APP-5');
    });

    it('R-APP-5 refuses a surveillance audit of an application', () => {
      audit
        .given([])
        .when(schedule({ type: 'SURVEILLANCE', onSiteDays: 2 }))
        .thenRefusedWith('R-APP-5');
    });

    it('R-AUD-9 schedules a surveillance of a valid certificate, and of a suspended one to verify corrections', () => {
      audit
        .given([])
        .when(schedule({ type: 'SURVEILLANCE', subject: certificate('VALID'), onSiteDays: 2 }))
        .then([surveillanceScheduled('VALID')]);
      audit
        .given([])
        .when(schedule({ type: 'SURVEILLANCE', subject: certificate('SUSPENDED'), onSiteDays: 2 }))
        .then([surveillanceScheduled('SUSPENDED')]);
    });

    it.each(['REVOKED', 'CANCELLED'])('R-AUD-9 refuses a surveillance of a %s certificate', (status) => {
      audit
        .given([])
        .when(schedule({ type: 'SPECIAL_SURVEILLANCE', subject: certificate(status), onSiteDays: 1 }))
        .thenRefusedWith('R-AUD-9', { certificateStatus: status });
    });

    it('R-CERT-9 schedules a recertification of a valid certificate but not of a suspended one', () => {
      audit
        .given([])
        .when(schedule({ type: 'RECERTIFICATION', subject: certificate('VALID') }))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ type: 'RECERTIFICATION' }));
      audit
        .given([])
        .when(schedule({ type: 'RECERTIFICATION', subject: certificate('SUSPENDED') }))
        .thenRefusedWith('R-CERT-9');
    });

    it('R-AUD-1 refuses on-site days outside the scheme range without a justification', () => {
      audit
        .given([])
        .when(schedule({ onSiteDays: 2 }))
        .thenRefusedWith('R-AUD-1', { range: { min: 3, max: 5 } });
      audit
        .given([])
        .when(schedule({ onSiteDays: 6, daysJustification: '  ' }))
        .thenRefusedWith('R-AUD-1');
      audit
        .given([])
        .when(schedule({ type: 'SURVEILLANCE', subject: certificate('VALID'), onSiteDays: 3 }))
        .thenRefusedWith('R-AUD-1', { range: { min: 1, max: 2 } });
    });

    it('R-AUD-1 records the justification of a plan outside the range', () => {
      audit
        .given([])
        .when(schedule({ onSiteDays: 2, daysJustification: 'Single site, 12 agents' }))
        .then([auditScheduled({ onSiteDays: 2, daysJustification: 'Single site, 12 agents' })]);
    });

    it('R-AUD-1 reads the range from the scheme version', () => {
      const schemes = schemesWith({
        auditDays: { ...CMM_525_0002_V1.auditDays, INITIAL: { min: 4, max: 4 } },
      });
      audit
        .given([])
        .when({ ...schedule(), context: ctx(actors.programmeManager, T.scheduled, schemes) })
        .thenRefusedWith('R-AUD-1', { range: { min: 4, max: 4 } });
    });

    it('R-AUD-1 refuses malformed plans', () => {
      audit
        .given([])
        .when(schedule({ plannedEndDate: '2026-03-09' }))
        .thenRefusedWith('R-AUD-1');
      audit
        .given([])
        .when(schedule({ plannedStartDate: '2026-02-30' }))
        .thenRefusedWith('R-AUD-1');
      audit
        .given([])
        .when(schedule({ onSiteDays: 0, daysJustification: 'x' }))
        .thenRefusedWith('R-AUD-1');
      audit
        .given([])
        .when(schedule({ auditId: '' }))
        .thenRefusedWith('R-AUD-1');
    });

    it('R-SCHEME-1 refuses an unknown scheme version', () => {
      audit
        .given([])
        .when(schedule({ schemeVersion: 'CMM-525-0002@V9' }))
        .thenRefusedWith('R-SCHEME-1');
    });

    it('is reserved to the programme manager', () => {
      audit.given([]).when(schedule({}, actors.leadAuditor)).thenRefusedWith('R-AUD-1');
      audit.given([]).when(schedule({}, actors.admin)).thenRefusedWith('R-AUD-1');
    });

    it('cannot schedule an audit twice', () => {
      audit.given([auditScheduled()]).when(schedule()).thenRefusedWith('INVALID_TRANSITION');
    });
  });

  describe('StartAudit', () => {
    const start = (actor: Actor = actors.leadAuditor) =>
      auditCommand('StartAudit', {}, ctx(actor, T.started));

    it('R-AUD-2 a team member starts the audit', () => {
      const state = audit.given(historyUntil('TEAM_ASSIGNED')).when(start()).then([auditStarted()]);
      expect(state).toMatchObject({ status: 'IN_PROGRESS', startedAt: T.started });
    });

    it('R-AUD-2 refuses a start by an auditor outside the team', () => {
      audit
        .given(historyUntil('TEAM_ASSIGNED'))
        .when(start({ id: 'user-other-auditor', role: 'AUDITOR' }))
        .thenRefusedWith('R-AUD-2');
      audit
        .given(historyUntil('TEAM_ASSIGNED'))
        .when(start(actors.programmeManager))
        .thenRefusedWith('R-AUD-2');
    });

    it('needs an assigned team', () => {
      audit.given(historyUntil('PLANNED')).when(start()).thenRefusedWith('INVALID_TRANSITION');
      audit.given([]).when(start()).thenRefusedWith('INVALID_TRANSITION');
    });
  });

  describe('CancelAudit', () => {
    const cancel = (reason = 'Organisation withdrew', actor: Actor = actors.programmeManager) =>
      auditCommand('CancelAudit', { reason }, ctx(actor, T.findings));

    it('R-ACT-1 cancels an audit before the decision, recording who and why', () => {
      const state = audit
        .given([auditScheduled(), teamAssigned(), auditStarted()])
        .when(cancel())
        .then([
          {
            type: 'AuditCancelled',
            data: {
              auditId: AUDIT_ID,
              reason: 'Organisation withdrew',
              by: actors.programmeManager,
              at: T.findings,
              statusBefore: 'IN_PROGRESS',
              statusAfter: 'CANCELLED',
            },
          },
        ]);
      expect(state.status).toBe('CANCELLED');
    });

    it('R-ACT-1 refuses a cancellation without a reason', () => {
      audit.given(historyUntil('PLANNED')).when(cancel(' ')).thenRefusedWith('R-ACT-1', { field: 'reason' });
    });

    it('is reserved to the programme manager', () => {
      audit.given(historyUntil('PLANNED')).when(cancel('x', actors.decisionMaker)).thenRefusedWith('R-AUD-1');
    });

    it.each(['DECIDED', 'NOTIFIED'] as const)('cannot cancel a %s audit', (status) => {
      audit.given(historyUntil(status)).when(cancel()).thenRefusedWith('INVALID_TRANSITION');
    });

    it('a cancelled audit accepts nothing more', () => {
      const cancelled = [
        ...historyUntil('PLANNED'),
        ...audit
          .given(historyUntil('PLANNED'))
          .when(cancel())
          .thenEvents(() => undefined),
      ];
      audit.given(cancelled).when(cancel()).thenRefusedWith('INVALID_TRANSITION');
      audit
        .given(cancelled)
        .when(
          auditCommand(
            'AssignAuditTeam',
            { leadAuditor: actors.leadAuditor, members: [] },
            ctx(actors.programmeManager, T.teamAssigned),
          ),
        )
        .thenRefusedWith('INVALID_TRANSITION');
    });
  });
});
