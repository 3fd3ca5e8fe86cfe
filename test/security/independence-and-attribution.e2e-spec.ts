/**
 * Independence and attribution over HTTP (R-IND-1…3, R-ACT-1). The domain rules are unit-tested in
 * libs/domain/src/audit/team-independence.spec.ts and the lead-auditor case of R-IND-1 runs in the certification
 * story; here: a team member holding every other role (ADMIN included) can neither review nor decide, a reviewer
 * cannot decide, and no header, body field or role lets anyone act as somebody else — every event and every
 * Annex B.2/B.3 record names the authenticated caller.
 */
import './test-secret';
import type { Test } from 'supertest';
import type { Role } from '@app/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { ProjectorLease } from '@app/read-models';
import { annexA, completeMaterials } from '@app/testing';
import { as, startApi, type Api, type TestUser } from '../e2e/api-harness';
import { SHEET } from '../e2e/granted-certificate';

/** Every way a client might try to name another user in headers. */
const pretendingToBe = (user: TestUser, role: Role): Record<string, string> => ({
  'X-User-Id': user.id,
  'X-User': user.username,
  'X-Actor': `${user.id}:${role}`,
  'X-Actor-Id': user.id,
  'X-Role': role,
  'X-Forwarded-User': user.username,
  'X-Auth-Request-User': user.username,
  'X-Remote-User': user.username,
  'X-On-Behalf-Of': user.id,
  'X-Impersonate-User': user.id,
  'X-Override-Independence': 'true',
});

/** Body fields naming another user or overriding a rule: no command DTO has them. */
const spoofedFields = (user: TestUser, role: Role): Record<string, unknown> => ({
  actor: { id: user.id, role },
  approver: { id: user.id, role },
  by: user.id,
  decisionMaker: { id: user.id, role },
  userId: user.id,
  onBehalfOf: user.id,
  overrideIndependence: true,
});

describe('independence and attribution cannot be bypassed over HTTP', () => {
  let api: Api;
  let store: EventStore;
  let intake: TestUser;
  let programme: TestUser;
  let lead: TestUser;
  /** On the audit team, and holding every other role a person can have, ADMIN included. */
  let member: TestUser;
  /** The technical reviewer, who also holds DECISION_MAKER and ADMIN. */
  let reviewer: TestUser;
  let decider: TestUser;
  let registry: TestUser;
  let admin: TestUser;
  let auditPath: string;

  const post = (user: TestUser, path: string, body: object, headers: Record<string, string> = {}): Test =>
    api
      .http()
      .post(`/api/v1${path}`)
      .set(...as(user))
      .set(headers)
      .send(body);

  const ok = async (call: Test): Promise<{ id: string; created?: Record<string, string> }> => {
    const response = await call;
    if (response.status >= 300) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; created?: Record<string, string> };
  };

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    store = api.app.get<EventStore>(EVENT_STORE);
    intake = await api.user('ind-intake', ['INTAKE_OFFICER']);
    programme = await api.user('ind-programme', ['PROGRAMME_MANAGER']);
    lead = await api.user('ind-lead', ['AUDITOR']);
    member = await api.user('ind-member', [
      'AUDITOR',
      'TECHNICAL_REVIEWER',
      'DECISION_MAKER',
      'REGISTRY_OFFICER',
      'INTAKE_OFFICER',
      'PROGRAMME_MANAGER',
      'REGULATOR',
      'ADMIN',
    ]);
    reviewer = await api.user('ind-reviewer', ['TECHNICAL_REVIEWER', 'DECISION_MAKER', 'ADMIN']);
    decider = await api.user('ind-decider', ['DECISION_MAKER']);
    registry = await api.user('ind-registry', ['REGISTRY_OFFICER']);
    admin = await api.user('ind-admin', ['ADMIN']);

    const { id: applicationId } = await ok(
      post(intake, '/applications', { kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() }),
    );
    await ok(post(intake, `/applications/${applicationId}/accept`, { legalEntityVerified: true }));
    const { id: auditId } = await ok(
      post(programme, '/audits', {
        type: 'INITIAL',
        applicationId,
        plannedStartDate: '2026-06-01',
        plannedEndDate: '2026-06-03',
        onSiteDays: 3,
      }),
    );
    auditPath = `/audits/${auditId}`;
    await ok(post(programme, `${auditPath}/assign-team`, { leadAuditorId: lead.id, memberIds: [member.id] }));
    await ok(post(lead, `${auditPath}/start`, {}));
    await ok(post(lead, `${auditPath}/scores`, { sheet: SHEET }));
    await ok(
      post(lead, `${auditPath}/complete`, {
        conclusion: '符合',
        recommendation: 'GRANT',
        lastAuditDay: '2026-06-01',
      }),
    );
  });

  afterAll(() => api.close());

  const approve = {
    verdict: 'APPROVE',
    checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
    comments: '',
  };
  const grant = { outcome: 'GRANT', reasons: [], scope: '智能客户服务' };

  const expectRefused = async (call: Test, status: number, code: string): Promise<void> => {
    const response = await call;
    expect({ status: response.status, code: (response.body as { code?: string }).code }).toEqual({
      status,
      code,
    });
  };

  /** 400 naming every spoofed field: a body can name nobody. */
  const expectFieldsRefused = async (call: Test, fields: string[]): Promise<void> => {
    const response = await call.expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const named = (response.body.details as { field: string }[]).map((detail) => detail.field);
    expect(named).toEqual(expect.arrayContaining(fields));
  };

  it('R-IND-2 a team member cannot take the report into technical review, whatever it claims', async () => {
    await expectRefused(
      post(member, `${auditPath}/technical-review/start`, spoofedFields(reviewer, 'TECHNICAL_REVIEWER'), {
        ...pretendingToBe(reviewer, 'TECHNICAL_REVIEWER'),
      }),
      409,
      'R-IND-2',
    );
    // ADMIN has no review role at all (domain-rules §1): refused before any rule is looked at.
    await expectRefused(post(admin, `${auditPath}/technical-review/start`, {}), 403, 'FORBIDDEN_ROLE');
  });

  it('reviews as the authenticated reviewer even when the headers name a team member', async () => {
    const spoof = pretendingToBe(member, 'TECHNICAL_REVIEWER');
    await ok(post(reviewer, `${auditPath}/technical-review/start`, {}, spoof));
    await expectFieldsRefused(
      post(reviewer, `${auditPath}/technical-review`, { ...approve, by: member.id }, spoof),
      ['by'],
    );
    await ok(post(reviewer, `${auditPath}/technical-review`, approve, spoof));
  });

  it('R-IND-1, R-IND-3 neither a team member nor a reviewer decides, even holding ADMIN and naming the decider', async () => {
    const spoof = pretendingToBe(decider, 'DECISION_MAKER');
    await expectRefused(post(member, `${auditPath}/decide`, grant, spoof), 409, 'R-IND-1');
    await expectRefused(post(reviewer, `${auditPath}/decide`, grant, spoof), 409, 'R-IND-1');
    await expectFieldsRefused(
      post(member, `${auditPath}/decide`, { ...grant, ...spoofedFields(decider, 'DECISION_MAKER') }, spoof),
      ['actor', 'approver', 'by', 'decisionMaker', 'userId', 'onBehalfOf', 'overrideIndependence'],
    );
    // ADMIN alone makes no certification decisions; nor does the lead auditor.
    await expectRefused(post(admin, `${auditPath}/decide`, grant, spoof), 403, 'FORBIDDEN_ROLE');
    await expectRefused(post(lead, `${auditPath}/decide`, grant, spoof), 403, 'FORBIDDEN_ROLE');
  });

  it('R-ACT-1 records the authenticated caller on every event and as the approver of every B.2/B.3 record', async () => {
    const decided = await ok(
      post(decider, `${auditPath}/decide`, grant, pretendingToBe(member, 'DECISION_MAKER')),
    );
    const number = decided.created!.certificateNumber;
    const certificate = `/certificates/${number}`;
    // Each change is sent naming someone else in the headers, and refused when a body field tries it.
    await expectFieldsRefused(
      post(registry, `${certificate}/change`, {
        field: 'ADDRESS',
        after: '福州市鼓楼区 1 号',
        reason: '搬迁',
        approver: { id: decider.id, role: 'DECISION_MAKER' },
      }),
      ['approver'],
    );
    await ok(
      post(
        registry,
        `${certificate}/change`,
        { field: 'ADDRESS', after: '福州市鼓楼区 1 号', reason: '搬迁' },
        pretendingToBe(decider, 'DECISION_MAKER'),
      ),
    );
    await ok(
      post(
        registry,
        `${certificate}/reissue`,
        { reason: 'LOST' },
        pretendingToBe(member, 'REGISTRY_OFFICER'),
      ),
    );
    await expectRefused(
      post(admin, `${certificate}/suspend`, {
        ground: 'GENERAL_VIOLATION',
        reason: '一般违法违规',
        correctionsRequired: ['整改'],
        deadline: '2026-08-01',
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    await ok(
      post(
        decider,
        `${certificate}/suspend`,
        {
          ground: 'GENERAL_VIOLATION',
          reason: '一般违法违规',
          correctionsRequired: ['整改'],
          deadline: '2026-08-01',
        },
        pretendingToBe(reviewer, 'DECISION_MAKER'),
      ),
    );
    await ok(
      post(
        decider,
        `${certificate}/reinstate`,
        { verification: { kind: 'REVIEW', reference: 'R-1' }, reason: '整改已验证' },
        pretendingToBe(admin, 'ADMIN'),
      ),
    );
    await ok(
      post(
        decider,
        `${certificate}/cancel`,
        { ground: 'HOLDER_REQUEST', reason: '持证方申请注销' },
        pretendingToBe(member, 'DECISION_MAKER'),
      ),
    );

    // The events: who caused each one, and the approver it records (Annex B.2/B.3).
    const caller: Record<string, TestUser> = {
      CertificateIssued: decider,
      CertificateChanged: registry,
      CertificateReissued: registry,
      CertificateSuspended: decider,
      CertificateReinstated: decider,
      CertificateCancelled: decider,
    };
    const events: RecordedEvent[] = await store.readStream(`certificate-${number}`);
    expect(events.map((event) => event.type)).toEqual(Object.keys(caller));
    for (const event of events) {
      const expected = caller[event.type];
      expect({ type: event.type, actor: event.metadata.actor.id }).toEqual({
        type: event.type,
        actor: expected.id,
      });
      const approver = (event.data as { approver?: { id: string } }).approver;
      if (approver)
        expect({ type: event.type, approver: approver.id }).toEqual({
          type: event.type,
          approver: expected.id,
        });
    }
    const audit = await store.readStream(`audit-${auditPath.split('/')[2]}`);
    const decision = audit.find((event) => event.type === 'CertificationDecided')!;
    expect(decision.metadata.actor).toEqual({ id: decider.id, role: 'DECISION_MAKER' });
    expect((decision.data as { decisionMaker: { id: string } }).decisionMaker.id).toBe(decider.id);
    for (const event of audit.filter((e) => e.type.startsWith('TechnicalReview'))) {
      expect(event.metadata.actor).toEqual({ id: reviewer.id, role: 'TECHNICAL_REVIEWER' });
    }

    // The record books as the back office reads them.
    const head = await store.headPosition();
    expect(await api.app.get(ProjectorLease).waitFor(head!, 10_000)).toBe(true);
    const records = async (kind: 'changes' | 'status') => {
      const response = await api
        .http()
        .get(`/api/v1${certificate}/records/${kind}`)
        .set(...as(registry))
        .expect(200);
      return response.body.items as { approver: { id: string; role: string } }[];
    };
    const changes = await records('changes');
    const statuses = await records('status');
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(changes.map((record) => record.approver)).toEqual(
      changes.map(() => ({ id: registry.id, role: 'REGISTRY_OFFICER' })),
    );
    expect(statuses.map((record) => record.approver)).toEqual(
      statuses.map(() => ({ id: decider.id, role: 'DECISION_MAKER' })),
    );
  });
});
