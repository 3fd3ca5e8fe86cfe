/**
 * R-APP-3 — an application is not accepted while the organisation's own certificate was suspended or revoked in the
 * scheme's look-back (12 months), as this system's records show: over HTTP, from the read models, and the same
 * answer from the log.
 */
import { SanctionsLookup } from '@app/certification';
import { annexA, completeMaterials, VALID_USCC } from '@app/testing';
import { as, startApi, type Api } from './api-harness';
import { createStaff, grantedCertificate, SUSPENSION, type Staff } from './granted-certificate';

/** Another organisation's 统一社会信用代码 (valid check character). */
const OTHER_USCC = '91320505MA000001CB';

describe('R-APP-3 sanctions from this system’s own records', () => {
  let api: Api;
  let staff: Staff;
  let suspended: string;

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z');
    staff = await createStaff(api);
    suspended = await grantedCertificate(api, staff);
    await api
      .http()
      .post(`/api/v1/certificates/${suspended}/suspend`)
      .set(...as(staff.decider))
      .send(SUSPENSION)
      .expect(200);
  });
  afterAll(() => api?.close());

  /** Submits an application of the organisation with this USCC and asks to accept it. */
  const acceptApplicationOf = async (uscc: string) => {
    const form = annexA();
    const submitted = await api
      .http()
      .post('/api/v1/applications')
      .set(...as(staff.intake))
      .send({
        kind: 'INITIAL',
        annexA: { ...form, organisation: { ...form.organisation, uscc } },
        materials: completeMaterials(),
      })
      .expect(201);
    return api
      .http()
      .post(`/api/v1/applications/${(submitted.body as { id: string }).id}/accept`)
      .set(...as(staff.intake))
      .send({ legalEntityVerified: true });
  };

  it('refuses to accept an application of an organisation whose certificate was suspended, naming it', async () => {
    const answer = await acceptApplicationOf(VALID_USCC);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      code: 'R-APP-3',
      details: {
        unmetConditions: [`certificate ${suspended} suspended on 2026-06-01 within the last 12 months`],
      },
    });
  });

  it('accepts another organisation’s application', async () => {
    expect((await acceptApplicationOf(OTHER_USCC)).status).toBe(200);
  });

  it('reads the sanctions from the read models as the log holds them', async () => {
    const lookup = api.app.get(SanctionsLookup);
    const fromReadModels = await lookup.forOrganisation(VALID_USCC);
    expect(fromReadModels).toEqual([
      { certificateNumber: suspended, kind: 'SUSPENDED', date: '2026-06-01', ownFault: true },
    ]);
    expect(await lookup.fromLog(VALID_USCC)).toEqual(fromReadModels);
    expect(await lookup.forOrganisation(OTHER_USCC)).toEqual([]);
  });

  it('accepts the organisation again once the suspension is older than the look-back (12 months)', async () => {
    api.clock.set('2027-06-02T02:00:00.000Z');
    expect((await acceptApplicationOf(VALID_USCC)).status).toBe(200);
  });
});
