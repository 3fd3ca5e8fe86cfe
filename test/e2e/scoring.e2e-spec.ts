/**
 * Evaluation scoring over HTTP (issue #8; R-SCORE-1…7): the Annex D sheets served for a form, a sheet checked item by
 * item with every problem reported at once, the results computed by the domain and carried by the certificate,
 * never shown by the public registry, and kept when a later scheme version changes the weights.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CMM_525_0002_V1, SchemeCatalogue, type EvaluationResults } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { resultsOf, reweightedScheme, scoreSheet } from '@app/testing';
import { as, startApi, type Api } from './api-harness';
import { auditInProgress, createStaff, reviewedAudit, type Staff } from './granted-certificate';

const V1 = CMM_525_0002_V1.id;

describe('evaluation scoring over HTTP (R-SCORE-1…7)', () => {
  let dir: string;
  let api: Api;
  let staff: Staff;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoring-'));
    api = await startApi('2026-06-01T02:00:00.000Z', {
      eventStore: async () => SqliteEventStore.open({ path: join(dir, 'events.sqlite') }),
    });
    staff = await createStaff(api);
  });

  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('GET /api/v1/scheme/{version}/score-sheets', () => {
    it('serves the Annex D sheets of the version, D.1.1 with its content and maxima 10/8/7/5 = 30', async () => {
      const { body } = await api
        .http()
        .get(`/api/v1/scheme/${encodeURIComponent(V1)}/score-sheets`)
        .set(...as(staff.lead))
        .expect(200);
      expect(body.schemeVersion).toBe(V1);
      // C.5: 0.20 + 0.35 + 0.35 + 0.10 = 1.
      expect(
        body.dimensions.map((d: { dimension: string; compositeWeight: number }) => d.compositeWeight),
      ).toEqual([0.2, 0.35, 0.35, 0.1]);
      const goals = body.dimensions[0].sheets[0];
      expect(goals).toMatchObject({ code: 'D.1.1', label: { zh: '战略目标' }, max: 30 });
      expect(goals.items.map((i: { label: { zh: string }; max: number }) => [i.label.zh, i.max])).toEqual([
        ['目标明确性', 10],
        ['目标可衡量性', 8],
        ['目标可实现性', 7],
        ['目标相关性', 5],
      ]);
      expect(goals.items[0].content).toBe('智能客户服务的战略目标明确、具体，符合组织的发展战略');
      // Every dimension's sheets add up to 100 (R-SCORE-1).
      for (const dimension of body.dimensions)
        expect(dimension.sheets.reduce((sum: number, s: { max: number }) => sum + s.max, 0)).toBe(100);
      expect(body.enhancementPolicy).toBe('ADD_CAPPED_AT_100');
      expect(body.conformityItems.map((c: { code: string }) => c.code)).toEqual([
        'STAFF_MANAGEMENT',
        'DATA_SECURITY_MANAGEMENT',
      ]);
    });

    it('answers 404 for an unknown version and 401 without a token', async () => {
      await api
        .http()
        .get('/api/v1/scheme/NOPE@V9/score-sheets')
        .set(...as(staff.lead))
        .expect(404);
      await api
        .http()
        .get(`/api/v1/scheme/${encodeURIComponent(V1)}/score-sheets`)
        .expect(401);
    });
  });

  describe('POST /api/v1/audits/{id}/scores', () => {
    let auditId: string;
    const scores = () =>
      api
        .http()
        .post(`/api/v1/audits/${auditId}/scores`)
        .set(...as(staff.lead));

    beforeAll(async () => {
      auditId = await auditInProgress(api, staff);
    });

    it('refuses an invalid sheet with every problem listed, and appends nothing', async () => {
      const before = await api
        .http()
        .get(`/api/v1/audits/${auditId}`)
        .set(...as(staff.lead))
        .expect(200);
      const sheet = scoreSheet();
      const { ['STRATEGY.GOALS.RELEVANCE']: _missing, ...items } = sheet.items;
      const response = await scores()
        .send({
          sheet: {
            ...sheet,
            items: {
              ...items,
              'STRATEGY.GOALS.CLARITY': 10.5, // above its maximum 10
              'STRATEGY.GOALS.MEASURABILITY': -1, // negative
              'STRATEGY.FOCUS.CUSTOMER_EXPERIENCE': '9', // a string
              'STRATEGY.GOALS.FEASIBILITY': { notApplicable: true, reason: '' }, // not applicable without a reason
              'STRATEGY.SECRET': 3, // unknown item
            },
          },
        })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      const fields = (response.body.details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(
        [
          'sheet.items.STRATEGY.FOCUS.CUSTOMER_EXPERIENCE',
          'sheet.items.STRATEGY.GOALS.CLARITY',
          'sheet.items.STRATEGY.GOALS.FEASIBILITY',
          'sheet.items.STRATEGY.GOALS.MEASURABILITY',
          'sheet.items.STRATEGY.GOALS.RELEVANCE',
          'sheet.items.STRATEGY.SECRET',
        ].sort(),
      );
      for (const detail of response.body.details as { problems: string[] }[])
        expect(detail.problems.every((p) => p.endsWith('(R-SCORE-1)'))).toBe(true);
      const after = await api
        .http()
        .get(`/api/v1/audits/${auditId}`)
        .set(...as(staff.lead))
        .expect(200);
      expect(after.headers.etag).toBe(before.headers.etag);
    });

    it('records a valid sheet and answers the results computed by the domain', async () => {
      // Dimensions 86/82/85/78: 86×0.20 + 82×0.35 + 85×0.35 + 78×0.10 = 17.2 + 28.7 + 29.75 + 7.8 = 83.45.
      const sheet = scoreSheet({
        management: { STRATEGY: 86, CAPABILITY: 82, OPERATIONS: 85, MULTIMODAL: 78 },
      });
      await scores().send({ sheet }).expect(200);
      const { body } = await api
        .http()
        .get(`/api/v1/audits/${auditId}`)
        .set(...as(staff.lead))
        .expect(200);
      const results = body.state.results as EvaluationResults;
      expect(results).toMatchObject({
        schemeVersion: V1,
        management: { STRATEGY: 86, CAPABILITY: 82, OPERATIONS: 85, MULTIMODAL: 78 },
        composite: 83.45,
        // Enhancement 4 + 2.5 = 6.5 (the sample sheet); total = min(100, 83.45 + 6.5) = 89.95 (R-SCORE-3).
        enhancement: { total: 6.5 },
        total: 89.95,
      });
      expect(results).toEqual(resultsOf(sheet));
    });

    it('ignores results a client sends: they are refused as an unknown field', async () => {
      await scores()
        .send({ sheet: scoreSheet(), results: { composite: 100 } })
        .expect(400);
    });
  });

  describe('the certificate carries the results it was granted on (R-SCORE-7)', () => {
    let number: string;
    let granted: EvaluationResults;

    it('internal views show them; the public registry does not (R-REG-2)', async () => {
      const auditId = await reviewedAudit(api, staff);
      const decided = await api
        .http()
        .post(`/api/v1/audits/${auditId}/decide`)
        .set(...as(staff.decider))
        .send({ outcome: 'GRANT', reasons: [], scope: '智能客户服务' })
        .expect(200);
      number = decided.body.created.certificateNumber;
      const certificate = await api
        .http()
        .get(`/api/v1/certificates/${number}`)
        .set(...as(staff.registry))
        .expect(200);
      granted = certificate.body.state.evaluationResults;
      expect(granted).toMatchObject({ schemeVersion: V1, composite: 80 });
      const registry = await api.http().get(`/api/v1/registry/certificates/${number}`).expect(200);
      expect(JSON.stringify(registry.body)).not.toMatch(/composite|evaluationResults|characteristics/);
    });

    it('after version B with other weights is loaded, the certificate keeps the results of version A', async () => {
      await api.close();
      const v2 = reweightedScheme('V2.0', {
        STRATEGY: 0.25,
        CAPABILITY: 0.3,
        OPERATIONS: 0.3,
        MULTIMODAL: 0.15,
      });
      // The same sheet under V2.0 would give other results — so keeping them is a real property.
      const uneven = scoreSheet({
        // V1.0: 18 + 24.5 + 28 + 5 = 75.5; V2.0: 22.5 + 21 + 24 + 7.5 = 75.
        management: { STRATEGY: 90, CAPABILITY: 70, OPERATIONS: 80, MULTIMODAL: 50 },
      });
      expect(resultsOf(uneven, v2).composite).not.toBe(resultsOf(uneven).composite);
      api = await startApi('2027-01-04T02:00:00.000Z', {
        eventStore: async () => SqliteEventStore.open({ path: join(dir, 'events.sqlite') }),
        schemes: SchemeCatalogue.load([CMM_525_0002_V1, { ...v2, effectiveFrom: '2027-01-01' }]),
      });
      staff = await createStaff(api);
      const sheets = await api
        .http()
        .get(`/api/v1/scheme/${encodeURIComponent(v2.id)}/score-sheets`)
        .set(...as(staff.lead))
        .expect(200);
      expect(sheets.body.dimensions.map((d: { compositeWeight: number }) => d.compositeWeight)).toEqual([
        0.25, 0.3, 0.3, 0.15,
      ]);
      const certificate = await api
        .http()
        .get(`/api/v1/certificates/${number}`)
        .set(...as(staff.registry))
        .expect(200);
      expect(certificate.body.state.evaluationResults).toEqual(granted);
      expect(certificate.body.state.schemeVersion).toBe(V1);
    });
  });
});

/** A second file whose initial audit is in progress (the clock on 2026-06-01), for the score sheet tests. */
