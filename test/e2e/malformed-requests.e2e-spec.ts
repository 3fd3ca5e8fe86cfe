import { annexA, completeMaterials } from '@app/testing';
import { as, startApi, type Api, type TestUser } from './api-harness';

type Problem = { field: string; problems: string[] };

describe('malformed requests get 400/413 with every problem listed, and change nothing', () => {
  let api: Api;
  let intake: TestUser;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    intake = await api.user('intake', ['INTAKE_OFFICER']);
  });

  afterAll(() => api.close());

  const submit = (body: unknown) =>
    api
      .http()
      .post('/api/v1/applications')
      .set(...as(intake))
      .send(body as object);

  it('lists wrong types, missing fields, unknown fields and a bad 统一社会信用代码 together', async () => {
    const form = annexA() as unknown as Record<string, Record<string, unknown>>;
    form.organisation.uscc = '91350100M000100Y44';
    form.serviceOverview.staffCount = 'many';
    delete form.declaration.signedBy;
    const response = await submit({
      kind: 'INITIAL',
      annexA: form,
      materials: completeMaterials(),
      priority: 'high',
    }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const fields = (response.body.details as Problem[]).map((d) => d.field).sort();
    expect(fields).toEqual(
      [
        'annexA.declaration.signedBy',
        'annexA.organisation.uscc',
        'annexA.serviceOverview.staffCount',
        'priority',
      ].sort(),
    );
    const uscc = (response.body.details as Problem[]).find((d) => d.field === 'annexA.organisation.uscc')!;
    expect(uscc.problems.join(' ')).toContain('统一社会信用代码');
  });

  it('reports an entirely missing body field by field', async () => {
    const response = await submit({}).expect(400);
    const fields = (response.body.details as Problem[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'annexA', 'materials']));
  });

  it('answers an oversize body with 413 in the error format', async () => {
    const response = await submit({ kind: 'INITIAL', padding: 'x'.repeat(1_100_000) }).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await api
      .http()
      .post('/api/v1/applications')
      .set(...as(intake))
      .set('content-type', 'application/json')
      .send('{"kind": "INITIAL",')
      .expect(400);
    expect(response.body).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('rejects a malformed id or If-Match without touching any stream', async () => {
    const badId = await api
      .http()
      .post('/api/v1/applications/not-a-uuid/accept')
      .set(...as(intake))
      .send({ legalEntityVerified: true })
      .expect(400);
    expect(badId.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request has 1 invalid field',
      details: [{ field: 'id', problems: ['id must be a UUID'] }],
    });
    const badIfMatch = await submit({
      kind: 'INITIAL',
      annexA: annexA(),
      materials: completeMaterials(),
    }).set('If-Match', 'abc');
    expect(badIfMatch.status).toBe(400);
    const head = await api.http().get('/health/ready').expect(200);
    expect(head.body.eventStore.headPosition).toBeNull();
  });

  it.each([
    ['/api/v1/worklists/nope', 'name', 'awaiting-acceptance, awaiting-technical-review'],
    ['/api/v1/certificates/CMM-ICS-2026-00001/records/nope', 'kind', 'changes, status, surveillance'],
  ])('names a path parameter outside its values, with the values: %s', async (path, field, listed) => {
    const response = await api
      .http()
      .get(path)
      .set(...as(intake))
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const [problem] = response.body.details as Problem[];
    expect(problem.field).toBe(field);
    expect(problem.problems[0]).toMatch(`${field} must be one of the following values: `);
    expect(problem.problems[0]).toContain(listed);
  });

  it('answers an unknown aggregate with 404, not an inferred state', async () => {
    const response = await api
      .http()
      .post('/api/v1/applications/5f1d2c3b-4a59-4c6d-8e7f-9a0b1c2d3e4f/accept')
      .set(...as(intake))
      .send({ legalEntityVerified: true })
      .expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
