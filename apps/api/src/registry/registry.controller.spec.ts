import { ManualClock } from '@app/certification';
import { positionFromSequence } from '@app/event-store';
import { registryProjection, SqliteReadStore, type RegistryDocument } from '@app/read-models';
import { RegistryController } from './registry.controller';

const certificate = (serial: number, holderName: string, status: 'VALID' | 'REVOKED' = 'VALID') => {
  const number = `CMM-ICS-2026-${String(serial).padStart(5, '0')}`;
  const document: RegistryDocument = {
    id: number,
    number,
    holderName,
    holderAddress: '福州市',
    scope: '智能客户服务',
    basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
    certificationBody: 'CB',
    issueDate: '2026-01-05',
    effectiveDate: '2026-01-05',
    expiryDate: '2029-01-04',
    status,
    iafStatus: status === 'VALID' ? 'active' : 'withdrawn',
    statusChangedOn: '2026-01-05',
    statusHistory: [],
    changeHistory: [],
    suspension: null,
    revocation: null,
    cancellation: null,
  };
  return document;
};

describe('RegistryController search', () => {
  let store: SqliteReadStore;
  let controller: RegistryController;
  beforeAll(async () => {
    store = SqliteReadStore.open({ path: ':memory:' });
    await store.prepare('registry', 'v1', registryProjection.indexes);
    const documents = [
      certificate(3, '福州云智科技有限公司'),
      certificate(1, '厦门云智服务有限公司', 'REVOKED'),
      certificate(2, '泉州智华软件有限公司'),
      certificate(10, 'CMM-ICS-2026-00002 贸易有限公司'),
    ];
    await store.commit({
      projection: 'registry',
      generation: 'v1',
      writes: documents.map((document) => ({ id: document.id, document })),
      checkpoint: positionFromSequence(4),
    });
    await store.activate('registry', 'v1');
    controller = new RegistryController(store, new ManualClock('2026-06-01T08:00:00Z'));
  });
  afterAll(async () => {
    await store.close();
  });

  const numbers = async (query: Parameters<RegistryController['search']>[0]) =>
    (await controller.search(query)).items.map((item) => item.number);

  it('finds a holder-name part or an exact number, in certificate-number order either way', async () => {
    expect(await numbers({ q: '云智' })).toEqual(['CMM-ICS-2026-00001', 'CMM-ICS-2026-00003']);
    expect(await numbers({ q: ' 云智 ', order: 'desc' })).toEqual([
      'CMM-ICS-2026-00003',
      'CMM-ICS-2026-00001',
    ]);
    expect(await numbers({ q: 'CMM-ICS-2026-00002' })).toEqual(['CMM-ICS-2026-00002', 'CMM-ICS-2026-00010']);
    expect(await numbers({ q: '有限公司', order: 'desc', pageSize: 2, page: 2 })).toEqual([
      'CMM-ICS-2026-00002',
      'CMM-ICS-2026-00001',
    ]);
  });

  it('counts every match and filters by status', async () => {
    const page = await controller.search({ q: '有限公司', pageSize: 1 });
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 1 });
    expect(await numbers({ q: '云智', status: 'VALID' })).toEqual(['CMM-ICS-2026-00003']);
    expect((await controller.search({ q: '上海' })).total).toBe(0);
  });
});
