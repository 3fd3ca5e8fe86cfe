import type { AnnexA } from '@app/domain';
import { annexA, completeMaterials, scoreSheet } from '@app/testing';
import { as, type ApiClient, type TestUser } from './api-harness';

export interface Staff {
  intake: TestUser;
  programme: TestUser;
  lead: TestUser;
  reviewer: TestUser;
  decider: TestUser;
  registry: TestUser;
}

export const createStaff = async (api: ApiClient, prefix = ''): Promise<Staff> => ({
  intake: await api.user(`${prefix}intake`, ['INTAKE_OFFICER']),
  programme: await api.user(`${prefix}programme`, ['PROGRAMME_MANAGER']),
  lead: await api.user(`${prefix}lead`, ['AUDITOR']),
  reviewer: await api.user(`${prefix}reviewer`, ['TECHNICAL_REVIEWER']),
  decider: await api.user(`${prefix}decider`, ['DECISION_MAKER']),
  registry: await api.user(`${prefix}registry`, ['REGISTRY_OFFICER']),
});

/** A suspension for a general violation, as a decision maker sends it (deadline within the six months of R-CERT-5). */
export const SUSPENSION = {
  ground: 'GENERAL_VIOLATION',
  reason: '一般违法违规',
  correctionsRequired: ['整改'],
  deadline: '2026-08-01',
};

/** The Annex D sheet every test file's auditor records: each dimension at 80 (composite 80, R-SCORE-2). */
export const SHEET = scoreSheet({ fraction: 0.8 });

/** POSTs as `user`; any answer other than 2xx fails with the path and the answer. */
const poster =
  (api: ApiClient) =>
  async (user: TestUser, path: string, body: object): Promise<{ id: string }> => {
    const response = await api
      .http()
      .post(`/api/v1${path}`)
      .set(...as(user))
      .send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };

/**
 * Drives a file over HTTP (the clock standing on 2026-06-01) to a started initial audit of an application with
 * `form` as its Annex A; returns the audit id.
 */
export const auditInProgress = async (
  api: ApiClient,
  staff: Staff,
  form: AnnexA = annexA(),
): Promise<string> => {
  const post = poster(api);
  const { id: applicationId } = await post(staff.intake, '/applications', {
    kind: 'INITIAL',
    annexA: form,
    materials: completeMaterials(),
  });
  await post(staff.intake, `/applications/${applicationId}/accept`, { legalEntityVerified: true });
  const { id: auditId } = await post(staff.programme, '/audits', {
    type: 'INITIAL',
    applicationId,
    plannedStartDate: '2026-06-01',
    plannedEndDate: '2026-06-03',
    onSiteDays: 3,
  });
  const audit = `/audits/${auditId}`;
  await post(staff.programme, `${audit}/assign-team`, { leadAuditorId: staff.lead.id, memberIds: [] });
  await post(staff.lead, `${audit}/start`, {});
  return auditId;
};

/** … then scored (SHEET), completed with a GRANT recommendation and approved by technical review. */
export const reviewedAudit = async (api: ApiClient, staff: Staff, form?: AnnexA): Promise<string> => {
  const post = poster(api);
  const auditId = await auditInProgress(api, staff, form);
  const audit = `/audits/${auditId}`;
  await post(staff.lead, `${audit}/scores`, { sheet: SHEET });
  await post(staff.lead, `${audit}/complete`, {
    conclusion: '符合',
    recommendation: 'GRANT',
    lastAuditDay: '2026-06-01',
  });
  await post(staff.reviewer, `${audit}/technical-review/start`, {});
  await post(staff.reviewer, `${audit}/technical-review`, {
    verdict: 'APPROVE',
    checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
    comments: '',
  });
  return auditId;
};

/** A VALID certificate granted over HTTP; returns its number. */
export const grantedCertificate = async (api: ApiClient, staff: Staff, form?: AnnexA): Promise<string> => {
  const auditId = await reviewedAudit(api, staff, form);
  const response = await api
    .http()
    .post(`/api/v1/audits/${auditId}/decide`)
    .set(...as(staff.decider))
    .send({ outcome: 'GRANT', reasons: [], scope: '智能客户服务' })
    .expect(200);
  return (response.body as { created: { certificateNumber: string } }).created.certificateNumber;
};
