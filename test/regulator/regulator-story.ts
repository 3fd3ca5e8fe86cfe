/**
 * Shared steps of the regulator stories (issue #10): files driven over HTTP on a manual clock (the timer stories'
 * helpers), and the regulator endpoints read as a REGULATOR.
 */
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { annexA, completeMaterials, scoreSheet } from '@app/testing';
import { as, type Api, type TestUser } from '../e2e/api-harness';
import type { Staff } from '../e2e/granted-certificate';
import { approve, at, notify, post } from '../story/timers/timer-story';

export { at };

export const REGULATOR_READS_PREFIX = 'regulator-reads-';

/** GET /api/v1/regulator/certificates/{number}/{endpoint}?query as `user`, expecting `status`. */
export const regulatorGet = async <T = Record<string, unknown>>(
  api: Api,
  user: TestUser | null,
  number: string,
  endpoint: string,
  query: Record<string, string | number> = {},
  status = 200,
): Promise<T> => {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const path = `/api/v1/regulator/certificates/${encodeURIComponent(number)}/${endpoint}`;
  const pending = api.http().get(params.size > 0 ? `${path}?${params.toString()}` : path);
  const response = await (user ? pending.set(...as(user)) : pending);
  if (response.status !== status) {
    throw new Error(
      `${endpoint}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as T;
};

/** The recorded regulator reads of every certificate (`regulator-reads-<number>` streams), oldest first. */
export const recordedReads = async (api: Api): Promise<RecordedEvent[]> => {
  const store = api.app.get<EventStore>(EVENT_STORE);
  return store.readAll({ filter: { streamPrefixes: [REGULATOR_READS_PREFIX] } });
};

/** Records the audit's scores on `date`: the testing kit's complete score sheet; the results are computed. */
export const recordScores = async (
  api: Api,
  lead: TestUser,
  date: string,
  auditId: string,
): Promise<void> => {
  await post(api, lead, date, `/audits/${auditId}/scores`, { sheet: scoreSheet() });
};

export interface InitialCertification {
  applicationId: string;
  auditId: string;
  nonconformityId: string;
  number: string;
}

/**
 * The initial certification of story 1, one step a day (10:00 Beijing time):
 * 2026-05-04 application submitted · 05-06 accepted · 05-07 initial audit scheduled for 05-18…05-20 and its team
 * assigned · 05-18 audit started · 05-19 a MINOR nonconformity raised (due 2026-08-17, 90 days) · 05-20 scores and
 * report · 05-22 the holder's response recorded · 05-25 response accepted · 05-27 technical review approved ·
 * 06-01 GRANT and its notice. The nonconformity is verified later, on 2026-06-20 (a MINOR one does not block a
 * grant, R-AUD-7).
 */
export const initialCertification = async (api: Api, staff: Staff): Promise<InitialCertification> => {
  const { id: applicationId } = await post(
    api,
    staff.intake,
    '2026-05-04',
    '/applications',
    { kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() },
    201,
  );
  await post(api, staff.intake, '2026-05-06', `/applications/${applicationId}/accept`, {
    legalEntityVerified: true,
  });
  const { id: auditId } = await post(
    api,
    staff.programme,
    '2026-05-07',
    '/audits',
    {
      type: 'INITIAL',
      applicationId,
      plannedStartDate: '2026-05-18',
      plannedEndDate: '2026-05-20',
      onSiteDays: 3,
    },
    201,
  );
  const audit = `/audits/${auditId}`;
  await post(api, staff.programme, '2026-05-07', `${audit}/assign-team`, {
    leadAuditorId: staff.lead.id,
    memberIds: [],
  });
  await post(api, staff.lead, '2026-05-18', `${audit}/start`, {});
  const raised = await post(
    api,
    staff.lead,
    '2026-05-19',
    `${audit}/nonconformities`,
    { grade: 'MINOR', clause: '11.3', evidence: '客服质检记录缺少 3 月数据' },
    201,
  );
  const nonconformityId = raised.created!.nonconformityId;
  await recordScores(api, staff.lead, '2026-05-20', auditId);
  await post(api, staff.lead, '2026-05-20', `${audit}/complete`, {
    conclusion: '基本符合',
    recommendation: 'GRANT',
    lastAuditDay: '2026-05-20',
  });
  await post(api, staff.lead, '2026-05-22', `${audit}/nonconformities/${nonconformityId}/respond`, {
    rootCause: '质检抽样流程未覆盖夜班',
    correction: '补录 3 月质检记录',
    correctiveAction: '质检抽样覆盖全部班次',
  });
  await post(
    api,
    staff.lead,
    '2026-05-25',
    `${audit}/nonconformities/${nonconformityId}/accept-response`,
    {},
  );
  await post(api, staff.reviewer, '2026-05-27', `${audit}/technical-review/start`, {});
  await post(api, staff.reviewer, '2026-05-27', `${audit}/technical-review`, approve);
  const granted = await post(api, staff.decider, '2026-06-01', `${audit}/decide`, {
    outcome: 'GRANT',
    reasons: [],
    scope: '智能客户服务',
  });
  await notify(api, staff, auditId, '2026-06-01');
  return { applicationId, auditId, nonconformityId, number: granted.created!.certificateNumber };
};

/**
 * A recertification of `number`: applied for on `appliedOn`, audited, and GRANTed on `decidedOn` with its notice.
 * Returns the application and audit ids.
 */
export const recertification = async (
  api: Api,
  staff: Staff,
  number: string,
  days: { appliedOn: string; auditFrom: string; auditTo: string; reviewedOn: string; decidedOn: string },
): Promise<{ applicationId: string; auditId: string }> => {
  const { id: applicationId } = await post(
    api,
    staff.intake,
    days.appliedOn,
    '/applications',
    { kind: 'RECERTIFICATION', certificateNumber: number, annexA: annexA(), materials: completeMaterials() },
    201,
  );
  await post(api, staff.intake, days.appliedOn, `/applications/${applicationId}/accept`, {
    legalEntityVerified: true,
  });
  const { id: auditId } = await post(
    api,
    staff.programme,
    days.appliedOn,
    '/audits',
    {
      type: 'RECERTIFICATION',
      applicationId,
      plannedStartDate: days.auditFrom,
      plannedEndDate: days.auditTo,
      onSiteDays: 3,
    },
    201,
  );
  const audit = `/audits/${auditId}`;
  await post(api, staff.programme, days.appliedOn, `${audit}/assign-team`, {
    leadAuditorId: staff.lead.id,
    memberIds: [],
  });
  await post(api, staff.lead, days.auditFrom, `${audit}/start`, {});
  await recordScores(api, staff.lead, days.auditTo, auditId);
  await post(api, staff.lead, days.auditTo, `${audit}/complete`, {
    conclusion: '符合再认证要求',
    recommendation: 'GRANT',
    lastAuditDay: days.auditTo,
  });
  await post(api, staff.reviewer, days.reviewedOn, `${audit}/technical-review/start`, {});
  await post(api, staff.reviewer, days.reviewedOn, `${audit}/technical-review`, approve);
  await post(api, staff.decider, days.decidedOn, `${audit}/decide`, { outcome: 'GRANT', reasons: [] });
  await notify(api, staff, auditId, days.decidedOn);
  return { applicationId, auditId };
};

/** Types of a history page's items, prefixed with the kind of stream: `certificate:CertificateIssued`. */
export const kindsAndTypes = (items: { streamKind: string; type: string }[]): string[] =>
  items.map((item) => `${item.streamKind}:${item.type}`);

/** Verifies the initial audit's nonconformity on `date` (lead auditor). */
export const verifyNonconformity = (api: Api, staff: Staff, file: InitialCertification, date: string) =>
  post(api, staff.lead, date, `/audits/${file.auditId}/nonconformities/${file.nonconformityId}/verify`, {
    evidence: '抽查 4 月质检记录',
  });

/**
 * Story 2 — granted 2026-06-01 → suspended 2026-08-03 → revocation opened 2026-09-01 → notice 2026-09-03 (appeal
 * window 30 days, to 2026-10-03) → appeal lodged 2026-09-20 → rejected 2026-10-20 → revoked 2026-10-21.
 */
export const revokedAfterAppeal = async (api: Api, staff: Staff): Promise<InitialCertification> => {
  const file = await initialCertification(api, staff);
  const certificate = `/certificates/${file.number}`;
  await verifyNonconformity(api, staff, file, '2026-06-20');
  await post(api, staff.decider, '2026-08-03', `${certificate}/suspend`, {
    ground: 'GENERAL_VIOLATION',
    reason: '未经备案将客服业务外包',
    correctionsRequired: ['终止未备案外包', '提交整改报告'],
    deadline: '2027-02-01',
  });
  await post(api, staff.decider, '2026-09-01', `${certificate}/revoke`, {
    ground: 'SERIOUS_VIOLATION',
    investigation: { findings: '外包期间泄露客户个人信息' },
  });
  await post(api, staff.decider, '2026-09-03', `${certificate}/revocation-notice`, {
    reasons: ['严重违法违规：泄露客户个人信息'],
  });
  await post(api, staff.decider, '2026-09-20', `${certificate}/appeal`, { grounds: '泄露由外包方造成' });
  await post(api, staff.decider, '2026-10-20', `${certificate}/decide-appeal`, {
    verdict: 'REJECTED',
    reason: '外包未备案，责任在认证对象',
  });
  await post(api, staff.decider, '2026-10-21', `${certificate}/finalise-revocation`, {
    reason: '申诉已驳回',
  });
  return file;
};
