import { actors, annexA, completeMaterials, ctx, spec } from '@app/testing';
import type { Actor } from '../shared/roles';
import type { ApplicationCommand, RecordAcceptanceSlaBreach } from './application.commands';
import { applicationDecider } from './application.decider';
import type { AcceptanceSlaBreached, ApplicationEvent } from './application.events';

/**
 * Timeline: submitted Wed 2026-04-01 10:00 (UTC+8). Five working days (R-APP-4), computed by the caller with the
 * State Council calendar: 04-02, 04-03, (清明 04-04…04-06 off), 04-07, 04-08, 04-09 → deadline 2026-04-09.
 */
const id = '7f0c3f2e-8a4b-4a51-9d55-0d3b6a1f2c11';
const submittedAt = '2026-04-01T02:00:00.000Z';
const DEADLINE = '2026-04-09';
const ON_DEADLINE = '2026-04-09T15:59:59.000Z'; // 2026-04-09 23:59:59 in UTC+8
const AFTER_DEADLINE = '2026-04-09T16:00:00.000Z'; // 2026-04-10 00:00 in UTC+8
const resubmittedAt = '2026-04-13T03:00:00.000Z'; // supplement provided: the clock restarts

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: id,
    kind: 'INITIAL',
    schemeVersion: 'CMM-525-0002@V1.0',
    certificateNumber: null,
    annexA: annexA(),
    materials: completeMaterials(),
    submittedAt,
    submittedBy: actors.intake,
  },
};
const supplementRequested: ApplicationEvent = {
  type: 'SupplementRequested',
  data: {
    applicationId: id,
    noticeNumber: 1,
    items: [{ item: 'ORG_CHART', description: 'provide the current org chart' }],
    requestedAt: '2026-04-10T02:00:00.000Z',
    requestedBy: actors.intake,
  },
};
const supplementProvided: ApplicationEvent = {
  type: 'SupplementProvided',
  data: {
    applicationId: id,
    items: ['ORG_CHART'],
    materials: [],
    annexA: null,
    note: null,
    acceptanceClockStartedAt: resubmittedAt,
  },
};

const breachData = (
  overrides: Partial<RecordAcceptanceSlaBreach['data']> = {},
): RecordAcceptanceSlaBreach['data'] => ({
  clockStartedAt: submittedAt,
  deadline: DEADLINE,
  workingDays: 5,
  ...overrides,
});
const recordBreach = (
  data = breachData(),
  now = AFTER_DEADLINE,
  actor: Actor = actors.system,
): RecordAcceptanceSlaBreach => ({ type: 'RecordAcceptanceSlaBreach', data, context: ctx(actor, now) });

const breached = (overrides: Partial<AcceptanceSlaBreached['data']> = {}): AcceptanceSlaBreached => ({
  type: 'AcceptanceSlaBreached',
  data: {
    applicationId: id,
    clockStartedAt: submittedAt,
    deadline: DEADLINE,
    workingDays: 5,
    recordedOn: '2026-04-10',
    ...overrides,
  },
});

const application = spec(applicationDecider);

describe('R-TIME-1 acceptance SLA breach (R-APP-4, 5 working days)', () => {
  it('R-TIME-1 SYSTEM records the breach the day after the deadline, without changing the status', () => {
    const state = application.given([submitted]).when(recordBreach()).then([breached()]);
    expect(state).toMatchObject({
      status: 'SUBMITTED',
      acceptanceClockStartedAt: submittedAt,
      acceptanceBreachRecordedFor: submittedAt,
    });
  });

  it('R-TIME-1 refuses on the deadline day itself: the review is not late yet', () => {
    application
      .given([submitted])
      .when(recordBreach(breachData(), ON_DEADLINE))
      .thenRefusedWith('R-TIME-1', { field: 'deadline', deadline: DEADLINE, today: DEADLINE });
  });

  it('R-TIME-1 only SYSTEM records a breach', () => {
    [actors.intake, actors.admin, actors.decisionMaker].forEach((actor) =>
      application
        .given([submitted])
        .when(recordBreach(breachData(), AFTER_DEADLINE, actor))
        .thenRefusedWith('R-TIME-1', { role: actor.role }),
    );
  });

  it('R-TIME-1 refuses a stale clock: the supplement restarted it (R-APP-4)', () => {
    application
      .given([submitted, supplementRequested, supplementProvided])
      .when(recordBreach(breachData(), '2026-04-30T02:00:00.000Z'))
      .thenRefusedWith('R-TIME-1', { field: 'clockStartedAt', current: resubmittedAt });
  });

  it('R-TIME-1 records a breach of the restarted clock against its own deadline', () => {
    // Restarted Mon 2026-04-13: 04-14 … 04-17, 04-20 → deadline 2026-04-20.
    application
      .given([submitted, supplementRequested, supplementProvided])
      .when(
        recordBreach(
          breachData({ clockStartedAt: resubmittedAt, deadline: '2026-04-20' }),
          '2026-04-21T02:00:00.000Z',
        ),
      )
      .then([breached({ clockStartedAt: resubmittedAt, deadline: '2026-04-20', recordedOn: '2026-04-21' })]);
  });

  it('R-TIME-1 / R-TIME-7 records the breach once per clock start, and again after a restart', () => {
    application
      .given([submitted, breached()])
      .when(recordBreach(breachData(), '2026-04-11T02:00:00.000Z'))
      .thenRefusedWith('R-TIME-1', { field: 'clockStartedAt', clockStartedAt: submittedAt });
    const events = application
      .given([submitted, breached(), supplementRequested, supplementProvided])
      .when(
        recordBreach(
          breachData({ clockStartedAt: resubmittedAt, deadline: '2026-04-20' }),
          '2026-04-21T02:00:00.000Z',
        ),
      )
      .thenEvents(([event]) => expect(event.type).toBe('AcceptanceSlaBreached'));
    expect(events).toHaveLength(1);
  });

  it.each([
    ['not an ISO date', '2026-4-9'],
    ['an impossible date', '2026-04-31'],
    ['before the clock start date (2026-04-01)', '2026-03-31'],
  ])('R-TIME-1 refuses a deadline that is %s', (_, deadline) => {
    application
      .given([submitted])
      .when(recordBreach(breachData({ deadline })))
      .thenRefusedWith('R-TIME-1', { field: 'deadline', deadline });
  });

  it('R-TIME-1 refuses a working-day count that is not a positive whole number', () => {
    [0, -5, 2.5].forEach((workingDays) =>
      application
        .given([submitted])
        .when(recordBreach(breachData({ workingDays })))
        .thenRefusedWith('R-TIME-1', { field: 'workingDays' }),
    );
  });

  it('R-TIME-1 the clock stops while a supplement is requested, and after acceptance, rejection or withdrawal', () => {
    const closing: ApplicationEvent[] = [
      {
        type: 'ApplicationAccepted',
        data: {
          applicationId: id,
          acceptedAt: '2026-04-08T02:00:00.000Z',
          acceptedBy: actors.intake,
          programme: { firstAuditType: 'INITIAL' },
          eligibility: { managementSystemOperatingSince: '2025-01-01', legalEntityVerified: true },
        },
      },
      {
        type: 'ApplicationRejected',
        data: {
          applicationId: id,
          unmetConditions: ['no legal entity'],
          reason: 'not eligible',
          rejectedAt: '2026-04-08T02:00:00.000Z',
          rejectedBy: actors.intake,
        },
      },
      {
        type: 'ApplicationWithdrawn',
        data: {
          applicationId: id,
          reason: 'applicant request',
          withdrawnAt: '2026-04-08T02:00:00.000Z',
          statusBefore: 'SUBMITTED',
        },
      },
    ];
    [[supplementRequested], ...closing.map((event) => [event])].forEach((after) =>
      application
        .given([submitted, ...after])
        .when(recordBreach())
        .thenRefusedWith('INVALID_TRANSITION'),
    );
    application.given([]).when(recordBreach()).thenRefusedWith('INVALID_TRANSITION');
  });

  it('R-TIME-1 a recorded breach does not block the acceptance review', () => {
    const accept = {
      type: 'AcceptApplication',
      data: { legalEntityVerified: true, sanctions: [] },
      context: ctx(actors.intake, '2026-04-13T02:00:00.000Z'),
    } as ApplicationCommand;
    application
      .given([submitted, breached()])
      .when(accept)
      .thenEvents(([event], state) => {
        expect(event.type).toBe('ApplicationAccepted');
        expect(state).toMatchObject({ status: 'ACCEPTED', acceptanceBreachRecordedFor: submittedAt });
      });
  });
});
