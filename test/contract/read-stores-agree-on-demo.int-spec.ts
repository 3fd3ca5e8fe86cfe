/**
 * The same event log projected by both read-store adapters gives identical answers: the demo files are walked
 * through the real command handlers, every projection is rebuilt into the embedded store and into MongoDB, and
 * the queries the API serves are compared page by page.
 */
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { UsersService } from '@app/auth';
import { loadSchemeCatalogue } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  projectionsFor,
  ProjectionRunner,
  SqliteReadStore,
  type Query,
  type ReadStore,
} from '@app/read-models';
import { MongoReadStore } from '@app/read-models/mongodb';
import { DemoFiles } from '../../apps/cli/src/demo/demo-files';
import { ensureDemoUsers } from '../../apps/cli/src/demo/demo-users';
import { ORGANISATIONS } from '../../apps/cli/src/demo/organisations';
import { startApi, type Api } from '../e2e/api-harness';
import { describeWithMongo } from '../infra/mongo/describe-with-mongo';

const QUERIES: [projection: string, query: Query][] = [
  ['registry', { sort: [{ field: 'number', direction: 'asc' }], pageSize: 100 }],
  [
    'registry',
    {
      anyOf: [{ number: { eq: '有限公司' } }, { holderName: { contains: '有限公司' } }],
      pageSize: 2,
      page: 2,
    },
  ],
  ['registry', { where: { status: { eq: 'VALID' } }, sort: [{ field: 'expiryDate', direction: 'desc' }] }],
  [
    'certificates',
    { where: { status: { in: ['REVOKED', 'CANCELLED'] } }, sort: [{ field: 'number', direction: 'asc' }] },
  ],
  [
    'certificates',
    { where: { expiryDate: { lt: '2028-07-01' } }, sort: [{ field: 'expiryDate', direction: 'asc' }] },
  ],
  ['certificate-status-records', { sort: [{ field: 'date', direction: 'asc' }], pageSize: 100 }],
  ['certificate-changes', { sort: [{ field: 'date', direction: 'desc' }], pageSize: 100 }],
  ['surveillance-records', { pageSize: 100 }],
  ['applications', { sort: [{ field: 'submittedAt', direction: 'desc' }], pageSize: 100 }],
  ['applications', { anyOf: [{ organisationName: { contains: '银行' } }, { uscc: { eq: '银行' } }] }],
  [
    'audits',
    { where: { status: { eq: 'NOTIFIED' } }, sort: [{ field: 'plannedStartDate', direction: 'asc' }] },
  ],
  [
    'audits',
    {
      where: { lastOutcome: { eq: 'CONDITIONAL_GRANT' } },
      sort: [{ field: 'conditionsDeadline', direction: 'asc' }],
    },
  ],
];

describeWithMongo('read stores agree on the demo data', (uri) => {
  let api: Api;
  let embedded: ReadStore;
  let mongo: ReadStore;

  beforeAll(async () => {
    api = await startApi('2025-03-01T02:00:00.000Z');
    const { actors } = await ensureDemoUsers(api.app.get(UsersService));
    const files = new DemoFiles(api.app.get(CommandBus), api.clock, actors);
    await files.granted(ORGANISATIONS.bank, '2025-03-03');
    await files.conditionallyGranted(ORGANISATIONS.telecom, '2025-04-07');
    await files.refused(ORGANISATIONS.ecommerce, '2025-05-12');
    await files.suspendedAndReinstated(ORGANISATIONS.insurer, '2025-06-02');
    await files.revokedAfterAppeal(ORGANISATIONS.hospital, '2025-07-07');
    await files.cancelledOnRequest(ORGANISATIONS.government, '2025-08-04');

    const log = api.app.get<EventStore>(EVENT_STORE);
    embedded = SqliteReadStore.open({ path: ':memory:' });
    mongo = await MongoReadStore.connect({ uri, database: `agree_${randomUUID().slice(0, 8)}` });
    const quiet = { log: () => undefined, warn: () => undefined, error: console.error };
    for (const store of [embedded, mongo]) {
      const results = await new ProjectionRunner(log, store, projectionsFor(loadSchemeCatalogue()), {
        logger: quiet,
      }).rebuild();
      expect(results.every((r) => r.outcome === 'activated')).toBe(true);
    }
  });

  afterAll(async () => {
    await embedded?.close();
    await mongo?.close();
    await api?.close();
  });

  it.each(QUERIES)('%s %j', async (projection, query) => {
    const [fromEmbedded, fromMongo] = await Promise.all([
      embedded.find(projection, query),
      mongo.find(projection, query),
    ]);
    expect(fromMongo).toEqual(fromEmbedded);
  });

  it('finds real documents, so the comparison is not of two empty answers', async () => {
    expect((await embedded.find('registry', { pageSize: 100 })).total).toBe(5);
    // 5 issued + suspended + reinstated + revoked + cancelled.
    expect((await embedded.find('certificate-status-records', { pageSize: 100 })).total).toBe(9);
    for (const number of ['CMM-ICS-2025-00001', 'CMM-ICS-2025-00004']) {
      expect(await mongo.get('registry', number)).toEqual(await embedded.get('registry', number));
    }
  });
});
