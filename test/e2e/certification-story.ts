/**
 * The whole story over HTTP, as real users of each role: apply, supplement, accept, initial audit with a MINOR
 * and a MAJOR nonconformity, technical review returned then approved, grant, change of address, suspension,
 * reinstatement, surveillance, maintain, revocation opened, appeal rejected, revocation final. Each illegal step
 * tried along the way is refused with 403 or 409 and the rule id.
 */
import { annexA, completeMaterials, material, scoreSheet } from '@app/testing';
import { as, type Api, type TestUser } from './api-harness';

/** Dimensions 86/82/85/78: composite 86×0.20 + 82×0.35 + 85×0.35 + 78×0.10 = 17.2 + 28.7 + 29.75 + 7.8 = 83.45. */
const sheet = scoreSheet({ management: { STRATEGY: 86, CAPABILITY: 82, OPERATIONS: 85, MULTIMODAL: 78 } });
const approve = {
  verdict: 'APPROVE',
  checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
  comments: '',
};

/** Declares the story against the API that `startApi` starts (clock at 2026-01-05). */
export const describeCertificationStory = (name: string, startApi: (start: string) => Promise<Api>): void =>
  describe(`the certification story over HTTP, ${name}`, () => {
    let api: Api;
    let intake: TestUser;
    let programme: TestUser;
    let lead: TestUser;
    let auditor: TestUser;
    let reviewer: TestUser;
    let decider: TestUser;
    let registry: TestUser;

    beforeAll(async () => {
      api = await startApi('2026-01-05T01:00:00.000Z');
      intake = await api.user('intake', ['INTAKE_OFFICER']);
      programme = await api.user('programme', ['PROGRAMME_MANAGER']);
      // The lead auditor also holds the decision-maker role: independence must still keep them from deciding.
      lead = await api.user('lead', ['AUDITOR', 'DECISION_MAKER']);
      auditor = await api.user('auditor', ['AUDITOR']);
      reviewer = await api.user('reviewer', ['TECHNICAL_REVIEWER']);
      decider = await api.user('decider', ['DECISION_MAKER']);
      registry = await api.user('registry', ['REGISTRY_OFFICER']);
    });

    afterAll(() => api.close());

    /** POSTs as `user` on `date` (10:00 China time) and expects `status`; returns the body. */
    const post = async (user: TestUser, date: string, path: string, body: object, status = 200) => {
      api.clock.set(`${date}T02:00:00.000Z`);
      const response = await api
        .http()
        .post(`/api/v1${path}`)
        .set(...as(user))
        .send(body);
      if (response.status !== status)
        throw new Error(
          `${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
        );
      return response.body as {
        id: string;
        revision: number;
        events: { type: string }[];
        created?: Record<string, string>;
        code?: string;
        position?: string;
      };
    };
    const refused = async (
      user: TestUser,
      date: string,
      path: string,
      body: object,
      status: number,
      code: string,
    ) => {
      const answer = await post(user, date, path, body, status);
      expect(answer.code).toBe(code);
    };
    const get = async (user: TestUser, path: string) => {
      const response = await api
        .http()
        .get(`/api/v1${path}`)
        .set(...as(user))
        .expect(200);
      return {
        etag: response.headers.etag,
        ...(response.body as { revision: number; state: Record<string, unknown> }),
      };
    };

    it('runs from application to final revocation, refusing every illegal step', async () => {
      // — Application: the organisation chart is missing; one notice asks for it.
      const materials = completeMaterials().filter((m) => m.category !== 'ORGANISATION_CHART');
      const applied = await post(
        intake,
        '2026-01-05',
        '/applications',
        { kind: 'INITIAL', annexA: annexA(), materials },
        201,
      );
      expect(applied.events.map((e) => e.type)).toEqual(['ApplicationSubmitted']);
      const app = `/applications/${applied.id}`;

      // A role that may not: an auditor cannot accept applications.
      await refused(
        auditor,
        '2026-01-05',
        `${app}/accept`,
        { legalEntityVerified: true },
        403,
        'FORBIDDEN_ROLE',
      );
      // R-APP-2: materials of §6.1.2 are still missing.
      await refused(intake, '2026-01-05', `${app}/accept`, { legalEntityVerified: true }, 409, 'R-APP-2');

      await post(intake, '2026-01-06', `${app}/request-supplement`, {
        items: [{ item: 'ORGANISATION_CHART', description: '组织架构图和人员配置情况' }],
      });
      await post(intake, '2026-01-08', `${app}/provide-supplement`, {
        items: ['ORGANISATION_CHART'],
        materials: [material('ORGANISATION_CHART')],
      });
      await post(intake, '2026-01-09', `${app}/accept`, { legalEntityVerified: true });
      expect((await get(intake, app)).state).toMatchObject({ status: 'ACCEPTED' });

      // — Initial audit.
      const scheduled = await post(
        programme,
        '2026-01-12',
        '/audits',
        {
          type: 'INITIAL',
          applicationId: applied.id,
          plannedStartDate: '2026-02-02',
          plannedEndDate: '2026-02-04',
          onSiteDays: 3,
        },
        201,
      );
      const audit = `/audits/${scheduled.id}`;
      await post(programme, '2026-01-13', `${audit}/assign-team`, {
        leadAuditorId: lead.id,
        memberIds: [auditor.id],
      });
      await post(lead, '2026-02-02', `${audit}/start`, {});
      // A command in the wrong state.
      await refused(lead, '2026-02-02', `${audit}/start`, {}, 409, 'INVALID_TRANSITION');

      const minor = await post(
        auditor,
        '2026-02-03',
        `${audit}/nonconformities`,
        {
          grade: 'MINOR',
          clause: 'GB/T 43045.1 质量管理',
          evidence: '第四季度质检抽样比例低于计划',
        },
        201,
      );
      const major = await post(
        auditor,
        '2026-02-03',
        `${audit}/nonconformities`,
        {
          grade: 'MAJOR',
          clause: 'GB/T 43045.1 数据安全管理',
          evidence: '未开展数据安全风险评估',
        },
        201,
      );
      const minorId = minor.created!.nonconformityId;
      const majorId = major.created!.nonconformityId;
      await post(auditor, '2026-02-04', `${audit}/scores`, { sheet });
      await post(lead, '2026-02-04', `${audit}/complete`, {
        conclusion: '存在一项严重不符合项',
        recommendation: 'GRANT',
        lastAuditDay: '2026-02-04',
      });

      // — Technical review: returned, then approved.
      await post(reviewer, '2026-02-06', `${audit}/technical-review/start`, {});
      await post(reviewer, '2026-02-06', `${audit}/technical-review`, {
        verdict: 'RETURN',
        checks: { processConformity: true, nonconformitiesAccurate: false, conclusionSound: false },
        comments: '严重不符合项缺少条款原文',
      });
      expect((await get(reviewer, audit)).state).toMatchObject({ status: 'RETURNED' });
      await post(lead, '2026-02-09', `${audit}/complete`, {
        conclusion: '存在一项严重不符合项 (已补充条款原文)',
        recommendation: 'GRANT',
        lastAuditDay: '2026-02-04',
      });
      await post(reviewer, '2026-02-10', `${audit}/technical-review/start`, {});
      await post(reviewer, '2026-02-10', `${audit}/technical-review`, approve);

      // A grant with an open MAJOR nonconformity, and a decision by the lead auditor.
      await refused(
        decider,
        '2026-02-11',
        `${audit}/decide`,
        { outcome: 'GRANT', reasons: [], scope: '智能客户服务' },
        409,
        'R-AUD-7',
      );
      await refused(
        lead,
        '2026-02-11',
        `${audit}/decide`,
        { outcome: 'GRANT', reasons: [], scope: '智能客户服务' },
        409,
        'R-IND-1',
      );

      for (const id of [minorId, majorId]) {
        await post(auditor, '2026-02-12', `${audit}/nonconformities/${id}/respond`, {
          rootCause: '制度缺失',
          correction: '已整改',
          correctiveAction: '修订程序文件',
        });
        await post(auditor, '2026-02-13', `${audit}/nonconformities/${id}/accept-response`, {});
        await post(lead, '2026-02-20', `${audit}/nonconformities/${id}/verify`, {
          evidence: '现场核查整改记录',
        });
      }

      // — Grant: the certificate is issued in the same request.
      const granted = await post(decider, '2026-03-02', `${audit}/decide`, {
        outcome: 'GRANT',
        reasons: [],
        scope: '智能客户服务 — 电话、在线、App 渠道',
      });
      const number = granted.created!.certificateNumber;
      expect(number).toBe('CMM-ICS-2026-00001');
      const cert = `/certificates/${number}`;
      let certificate = await get(registry, cert);
      expect(certificate.state).toMatchObject({
        status: 'VALID',
        expiryDate: '2029-03-02',
        documentRevision: 1,
      });
      expect(certificate.etag).toBe(`"${certificate.revision}"`);
      await post(decider, '2026-03-04', `${audit}/decision-notice`, {
        sentOn: '2026-03-04',
        reference: 'NOTICE-2026-001',
        appealRightsStated: false,
      });

      // — Change of address (B.2).
      await refused(
        decider,
        '2026-04-01',
        `${cert}/change`,
        { field: 'ADDRESS', after: '新地址', reason: '迁址' },
        403,
        'FORBIDDEN_ROLE',
      );
      await post(registry, '2026-04-01', `${cert}/change`, {
        field: 'ADDRESS',
        after: '福建省福州市仓山区金山大道 8 号',
        reason: '注册地址变更',
      });

      // — Suspension and reinstatement before the deadline.
      await post(decider, '2026-06-01', `${cert}/suspend`, {
        ground: 'GENERAL_VIOLATION',
        reason: '一般违法违规行为',
        correctionsRequired: ['修订投诉处理程序'],
        deadline: '2026-09-01',
      });
      expect((await get(registry, cert)).state).toMatchObject({ status: 'SUSPENDED' });
      await post(decider, '2026-07-15', `${cert}/reinstate`, {
        verification: { kind: 'REVIEW', reference: 'REVIEW-2026-017' },
        reason: '整改已验证',
      });

      // — Surveillance ending in MAINTAIN, with its B.4 record on the certificate.
      const surveillance = await post(
        programme,
        '2027-01-04',
        '/audits',
        {
          type: 'SURVEILLANCE',
          certificateNumber: number,
          plannedStartDate: '2027-01-18',
          plannedEndDate: '2027-01-18',
          onSiteDays: 1,
        },
        201,
      );
      const s = `/audits/${surveillance.id}`;
      await post(programme, '2027-01-05', `${s}/assign-team`, { leadAuditorId: lead.id, memberIds: [] });
      await post(lead, '2027-01-18', `${s}/start`, {});
      await post(lead, '2027-01-18', `${s}/complete`, {
        conclusion: '持续符合',
        recommendation: 'MAINTAIN',
        lastAuditDay: '2027-01-18',
      });
      await post(reviewer, '2027-01-20', `${s}/technical-review/start`, {});
      await post(reviewer, '2027-01-20', `${s}/technical-review`, approve);
      const maintained = await post(decider, '2027-02-01', `${s}/decide`, {
        outcome: 'MAINTAIN',
        reasons: [],
      });
      expect(maintained.created).toEqual({ certificateNumber: number });
      certificate = await get(registry, cert);
      expect(certificate.state).toMatchObject({ status: 'VALID', lastSurveillanceDate: '2027-02-01' });

      // — A second suspension whose deadline passes: reinstatement is refused, revocation follows.
      await post(decider, '2027-03-01', `${cert}/suspend`, {
        ground: 'MINOR_NC_NOT_CORRECTED',
        reason: '轻微不符合项未按期整改',
        correctionsRequired: ['完成质检整改'],
        deadline: '2027-04-01',
      });
      await refused(
        decider,
        '2027-04-02',
        `${cert}/reinstate`,
        { verification: { kind: 'REVIEW', reference: 'REVIEW-2027-003' }, reason: '逾期整改' },
        409,
        'R-CERT-6',
      );
      await post(decider, '2027-04-03', `${cert}/revoke`, {
        ground: 'SUSPENSION_EXPIRED',
        investigation: { findings: '暂停期限届满仍未完成整改' },
      });
      await post(decider, '2027-04-05', `${cert}/revocation-notice`, {
        reasons: ['暂停期限届满仍未完成整改 (§8.2.2 第5项)'],
      });
      await post(decider, '2027-04-20', `${cert}/appeal`, { grounds: '整改材料已于期限后三日提交' });
      // Not final while the appeal is pending (R-CERT-7).
      await refused(
        decider,
        '2027-04-21',
        `${cert}/finalise-revocation`,
        { reason: '申诉待决' },
        409,
        'R-CERT-7',
      );
      await post(decider, '2027-04-27', `${cert}/decide-appeal`, {
        verdict: 'REJECTED',
        reason: '整改超出期限',
      });
      const final = await post(decider, '2027-04-28', `${cert}/finalise-revocation`, {
        reason: '申诉被驳回',
      });

      certificate = await get(registry, cert);
      expect(certificate.state).toMatchObject({ status: 'REVOKED' });
      // REVOKED is final.
      await refused(
        decider,
        '2027-05-01',
        `${cert}/cancel`,
        { ground: 'HOLDER_REQUEST', reason: '申请注销' },
        409,
        'INVALID_TRANSITION',
      );

      // — The read side, read-your-writes: the public registry and the Annex B records, field by field.
      const readModel = async (path: string, user?: TestUser) => {
        const pending = api.http().get(path).set('X-Min-Position', final.position!);
        const response = await (user ? pending.set(...as(user)) : pending).expect(200);
        expect(response.headers['x-read-model-stale']).toBeUndefined();
        return response.body as Record<string, unknown> & { items: Record<string, unknown>[] };
      };
      const holder = annexA().organisation;
      const newAddress = '福建省福州市仓山区金山大道 8 号';
      expect(await readModel(`/api/v1/registry/certificates/${number}`)).toEqual({
        number,
        holderName: holder.name,
        holderAddress: newAddress,
        scope: '智能客户服务 — 电话、在线、App 渠道',
        basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
        certificationBody: '北京希莫认证服务有限公司',
        issueDate: '2026-03-02',
        effectiveDate: '2026-03-02',
        expiryDate: '2029-03-02',
        status: 'REVOKED',
        iafStatus: 'withdrawn',
        statusChangedOn: '2027-04-28',
        validToday: false,
        statusHistory: [
          { date: '2026-03-02', before: 'NONE', after: 'VALID', reason: expect.any(String) },
          { date: '2026-06-01', before: 'VALID', after: 'SUSPENDED', reason: '一般违法违规行为' },
          { date: '2026-07-15', before: 'SUSPENDED', after: 'VALID', reason: '整改已验证' },
          { date: '2027-03-01', before: 'VALID', after: 'SUSPENDED', reason: '轻微不符合项未按期整改' },
          { date: '2027-04-28', before: 'SUSPENDED', after: 'REVOKED', reason: expect.any(String) },
        ],
        changeHistory: [
          {
            date: '2026-04-01',
            kind: 'CHANGE',
            field: 'ADDRESS',
            before: holder.address,
            after: newAddress,
            reason: '注册地址变更',
          },
        ],
        suspension: null,
        revocation: {
          date: '2027-04-28',
          ground: 'SUSPENSION_EXPIRED',
          reasons: ['暂停期限届满仍未完成整改 (§8.2.2 第5项)'],
        },
        cancellation: null,
      });
      const found = await readModel(`/api/v1/registry/certificates?q=${encodeURIComponent('智服')}`);
      expect(found.items.map((i) => i.number)).toEqual([number]);
      await api.http().get('/api/v1/registry/certificates/CMM-ICS-2026-99999').expect(404);

      const changes = await readModel(`/api/v1${cert}/records/changes`, registry);
      expect(changes.items).toEqual([
        expect.objectContaining({
          certificateNumber: number,
          date: '2026-04-01',
          field: 'ADDRESS',
          before: holder.address,
          after: newAddress,
          reason: '注册地址变更',
          approver: { id: registry.id, role: 'REGISTRY_OFFICER' },
        }),
      ]);
      const byDecider = { id: decider.id, role: 'DECISION_MAKER' };
      const statusRecords = await readModel(`/api/v1${cert}/records/status`, registry);
      expect(
        statusRecords.items.map(({ date, before, after, approver }) => ({ date, before, after, approver })),
      ).toEqual([
        { date: '2026-03-02', before: 'NONE', after: 'VALID', approver: byDecider },
        { date: '2026-06-01', before: 'VALID', after: 'SUSPENDED', approver: byDecider },
        { date: '2026-07-15', before: 'SUSPENDED', after: 'VALID', approver: byDecider },
        { date: '2027-03-01', before: 'VALID', after: 'SUSPENDED', approver: byDecider },
        { date: '2027-04-28', before: 'SUSPENDED', after: 'REVOKED', approver: byDecider },
      ]);
      const surveillanceRecords = await readModel(`/api/v1${cert}/records/surveillance`, registry);
      expect(surveillanceRecords.items).toEqual([
        expect.objectContaining({
          certificateNumber: number,
          date: '2027-02-01',
          auditType: 'SURVEILLANCE',
          outcome: 'MAINTAIN',
          conclusion: '持续符合',
          leadAuditorId: lead.id,
        }),
      ]);
    });
  });
