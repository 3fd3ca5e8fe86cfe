/**
 * Shared steps of the timer stories (issue #7): the real API on a manual clock, commands over HTTP on a given
 * day, the SYSTEM timers run by hand (TIMERS=off in test/jest.env.ts), and the read side read once it caught up.
 */
import { Timers, type Firing, type TimerRun } from '@app/certification';
import { dateOf } from '@app/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { READ_MODEL_STATUS, type ReadModelStatus } from '@app/read-models';
import { annexA, completeMaterials } from '@app/testing';
import { as, type Api, type TestUser } from '../../e2e/api-harness';
import { SHEET, reviewedAudit, type Staff } from '../../e2e/granted-certificate';

/** Every timer command is issued as this actor (domain-rules §1, libs/certification/src/timers/timers.ts). */
export const SYSTEM = { id: 'system:timers', role: 'SYSTEM' };

/** 10:00 in Beijing (UTC+8) on `date`: well inside the calendar day the domain sees (`dateOf`). */
export const at = (date: string): string => `${date}T02:00:00.000Z`;

export const approve = {
  verdict: 'APPROVE',
  checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
  comments: '',
};

export interface CommandAnswer {
  id: string;
  revision: number;
  events: { type: string }[];
  created?: Record<string, string>;
  code?: string;
  position?: string;
}

/** POSTs as `user` on `date` and expects `status`; returns the body. */
export const post = async (
  api: Api,
  user: TestUser,
  date: string,
  path: string,
  body: object,
  status = 200,
): Promise<CommandAnswer> => {
  api.clock.set(at(date));
  const response = await api
    .http()
    .post(`/api/v1${path}`)
    .set(...as(user))
    .send(body);
  if (response.status !== status)
    throw new Error(`${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CommandAnswer;
};

/** Moves the clock to `date` and runs the timers once, as the background schedule would. */
export const runDueOn = async (api: Api, date: string): Promise<TimerRun> => {
  api.clock.set(at(date));
  const run = await api.app.get(Timers).runDue();
  expect(run).toMatchObject({ today: date, readModelCurrent: true });
  return run;
};

/** The firings of one run that concern `streamId`. */
export const firingsOn = (run: TimerRun, streamId: string): Firing[] =>
  run.firings.filter((f) => f.streamId === streamId);

/** Waits until every read model has applied the whole log, so the read side shows all writes so far. */
export const settle = async (api: Api): Promise<void> => {
  const head = await api.app.get<EventStore>(EVENT_STORE).headPosition();
  if (head) expect(await api.app.get<ReadModelStatus>(READ_MODEL_STATUS).waitFor(head, 5000)).toBe(true);
};

/** GET over HTTP (as `user`, or anonymously for the public registry) once the read models caught up. */
export const read = async <T = Record<string, unknown>>(api: Api, path: string, user?: TestUser) => {
  await settle(api);
  const pending = api.http().get(`/api/v1${path}`);
  const response = await (user ? pending.set(...as(user)) : pending).expect(200);
  return response.body as T;
};

export interface DeadlineEntry {
  kind: string;
  aggregate: string;
  subject: string;
  label: string;
  ruleId: string;
  timerRuleId: string | null;
  startedOn: string;
  dueOn: string;
  estimated: boolean;
  basis: string;
  action: string | null;
  overdue: boolean;
  daysLeft: number;
  workingDaysLeft?: number;
  breachRecordedOn?: string;
}

export interface DeadlinesPage {
  today: string;
  horizon: string;
  items: DeadlineEntry[];
  total: number;
}

/** The deadlines worklist (`?kind=&within=`) on the clock's current day, limited to one subject. */
export const deadlinesOf = async (
  api: Api,
  user: TestUser,
  subject: string,
  query: { kind?: string; within?: number } = {},
): Promise<DeadlineEntry[]> => {
  const params = new URLSearchParams({ within: String(query.within ?? 3660), pageSize: '100' });
  if (query.kind) params.set('kind', query.kind);
  const page = await read<DeadlinesPage>(api, `/worklists/deadlines?${params.toString()}`, user);
  expect(page.today).toBe(dateOf(api.clock.now().toISOString()));
  return page.items.filter((item) => item.subject === subject);
};

/** The events of one stream, as stored. */
export const streamEvents = (api: Api, streamId: string): Promise<RecordedEvent[]> =>
  api.app.get<EventStore>(EVENT_STORE).readStream(streamId);

export const certificateStream = (number: string): string => `certificate-${number}`;
export const auditStream = (auditId: string): string => `audit-${auditId}`;
export const applicationStream = (applicationId: string): string => `application-${applicationId}`;

/** The certificate as the back office reads it (folded from its stream). */
export const certificateState = async (api: Api, user: TestUser, number: string) => {
  const response = await api
    .http()
    .get(`/api/v1/certificates/${number}`)
    .set(...as(user))
    .expect(200);
  return (response.body as { state: Record<string, unknown> & { expiryDate: string; status: string } }).state;
};

/** Records the written notice of the audit's decision (R-AUD-8) on `sentOn`, sent the same day. */
export const notify = (api: Api, staff: Staff, auditId: string, sentOn: string, adverse = false) =>
  post(api, staff.decider, sentOn, `/audits/${auditId}/decision-notice`, {
    sentOn,
    reference: `NOTICE-${auditId}`,
    ...(adverse ? { reasons: ['见决定书'], appealRightsStated: true } : { appealRightsStated: false }),
  });

/**
 * Granted on 2026-06-01 (the clock must stand there, as for `grantedCertificate`) and notified the same day,
 * so no decision-notice SLA is left running to fire later in the story. Returns the number and the audit id.
 */
export const grantedAndNotified = async (
  api: Api,
  staff: Staff,
): Promise<{ number: string; auditId: string }> => {
  const auditId = await reviewedAudit(api, staff);
  const granted = await post(api, staff.decider, '2026-06-01', `/audits/${auditId}/decide`, {
    outcome: 'GRANT',
    reasons: [],
    scope: '智能客户服务',
  });
  await notify(api, staff, auditId, '2026-06-01');
  return { number: granted.created!.certificateNumber, auditId };
};

/**
 * A surveillance audit (监督审核) of one day on `auditDay`, approved two days later and decided MAINTAIN on
 * `decisionDate`, with its notice the same day. Returns the audit id.
 */
export const maintainedSurveillance = async (
  api: Api,
  staff: Staff,
  number: string,
  auditDay: string,
  reviewDay: string,
  decisionDate: string,
): Promise<string> => {
  const scheduled = await post(
    api,
    staff.programme,
    auditDay,
    '/audits',
    {
      type: 'SURVEILLANCE',
      certificateNumber: number,
      plannedStartDate: auditDay,
      plannedEndDate: auditDay,
      onSiteDays: 1,
    },
    201,
  );
  const audit = `/audits/${scheduled.id}`;
  await post(api, staff.programme, auditDay, `${audit}/assign-team`, {
    leadAuditorId: staff.lead.id,
    memberIds: [],
  });
  await post(api, staff.lead, auditDay, `${audit}/start`, {});
  await post(api, staff.lead, auditDay, `${audit}/complete`, {
    conclusion: '持续符合',
    recommendation: 'MAINTAIN',
    lastAuditDay: auditDay,
  });
  await post(api, staff.reviewer, reviewDay, `${audit}/technical-review/start`, {});
  await post(api, staff.reviewer, reviewDay, `${audit}/technical-review`, approve);
  const decided = await post(api, staff.decider, decisionDate, `${audit}/decide`, {
    outcome: 'MAINTAIN',
    reasons: [],
  });
  expect(decided.created).toEqual({ certificateNumber: number });
  await notify(api, staff, scheduled.id, decisionDate);
  return scheduled.id;
};

/** Submits an initial application (complete Annex A and materials) on `date`; returns its id. */
export const submitApplication = async (
  api: Api,
  intake: TestUser,
  date: string,
  extra: object = {},
): Promise<string> =>
  (
    await post(
      api,
      intake,
      date,
      '/applications',
      { kind: 'INITIAL', annexA: annexA(), materials: completeMaterials(), ...extra },
      201,
    )
  ).id;

export { SHEET };
