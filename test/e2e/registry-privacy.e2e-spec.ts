/**
 * R-REG-2 on real data: the demo files are walked through the command handlers, projected, and then every public
 * registry response is scanned for personal or internal data.
 */
import { CommandBus } from '@nestjs/cqrs';
import { UsersService } from '@app/auth';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectorLease } from '@app/read-models';
import { DemoFiles } from '../../apps/cli/src/demo/demo-files';
import { ensureDemoUsers } from '../../apps/cli/src/demo/demo-users';
import { ORGANISATIONS, usccOf } from '../../apps/cli/src/demo/organisations';
import { startApi, type Api } from './api-harness';

const FORBIDDEN_KEYS = [
  'approver',
  'actor',
  'legalRepresentative',
  'contactPerson',
  'phone',
  'email',
  'uscc',
  'evaluationResults',
  'composite',
  'characteristics',
  'findings',
  'note',
  'leadAuditorId',
  '_sources',
];

describe('the public registry shows nothing personal or internal (R-REG-2)', () => {
  let api: Api;
  let forbiddenValues: string[];

  beforeAll(async () => {
    api = await startApi('2025-03-01T02:00:00.000Z');
    const users = api.app.get(UsersService);
    const { actors } = await ensureDemoUsers(users);
    const files = new DemoFiles(api.app.get(CommandBus), api.clock, actors);
    await files.granted(ORGANISATIONS.bank, '2025-03-03');
    await files.conditionallyGranted(ORGANISATIONS.telecom, '2025-04-07');
    await files.refused(ORGANISATIONS.ecommerce, '2025-05-12');
    await files.suspendedAndReinstated(ORGANISATIONS.insurer, '2025-06-02');
    await files.revokedAfterAppeal(ORGANISATIONS.hospital, '2025-07-07');
    await files.cancelledOnRequest(ORGANISATIONS.government, '2025-08-04');
    const head = await api.app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await api.app.get(ProjectorLease).waitFor(head!, 10_000)).toBe(true);

    const people = Object.values(ORGANISATIONS).flatMap((org) => [
      org.legalRepresentative,
      org.contactPerson,
      usccOf(org),
      `service@${usccOf(org).toLowerCase()}.example.cn`,
    ]);
    const accounts = (await users.list()).flatMap((u) => [u.id, u.username, u.displayName]);
    forbiddenValues = [...people, ...accounts, '+86 400 800 1234'];
  });

  afterAll(() => api.close());

  const scan = (body: unknown, where: string): void => {
    const text = JSON.stringify(body);
    for (const value of forbiddenValues) {
      if (text.includes(value)) throw new Error(`${where} leaks ${value}`);
    }
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (FORBIDDEN_KEYS.includes(key)) throw new Error(`${where} exposes ${path}.${key}`);
          walk(value, `${path}.${key}`);
        }
      }
    };
    walk(body, '$');
  };

  it('R-REG-2 every search page and every certificate entry is free of personal and internal data', async () => {
    const numbers: string[] = [];
    for (let page = 1; ; page++) {
      const response = await api
        .http()
        .get(`/api/v1/registry/certificates?page=${page}&pageSize=2`)
        .expect(200);
      scan(response.body, `search page ${page}`);
      numbers.push(...(response.body.items as { number: string }[]).map((i) => i.number));
      if (page * 2 >= (response.body.total as number)) break;
    }
    // Five certificates were issued; the refused file has none (R-REG-4: revoked and cancelled stay listed).
    expect(numbers).toHaveLength(5);
    for (const number of numbers) {
      const response = await api.http().get(`/api/v1/registry/certificates/${number}`).expect(200);
      scan(response.body, number);
    }
    for (const q of ['银行', '有限公司', 'CMM-ICS-2025-00004']) {
      const response = await api
        .http()
        .get(`/api/v1/registry/certificates?q=${encodeURIComponent(q)}`)
        .expect(200);
      expect((response.body.items as unknown[]).length).toBeGreaterThan(0);
      scan(response.body, `search ${q}`);
    }
  });

  it('R-REG-5 maps every status to the IAF vocabulary, R-REG-4 keeps revoked and cancelled listed', async () => {
    const response = await api.http().get('/api/v1/registry/certificates?pageSize=100').expect(200);
    const statuses = (response.body.items as { status: string; iafStatus: string }[]).map((i) => [
      i.status,
      i.iafStatus,
    ]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        ['VALID', 'active'],
        ['REVOKED', 'withdrawn'],
        ['CANCELLED', 'cancelled'],
      ]),
    );
  });

  it('R-REG-3 an unknown number is 404, never an inferred status', async () => {
    const response = await api.http().get('/api/v1/registry/certificates/CMM-ICS-2025-00099').expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.stringify(response.body)).not.toMatch(/VALID|REVOKED|CANCELLED|SUSPENDED/);
  });
});
