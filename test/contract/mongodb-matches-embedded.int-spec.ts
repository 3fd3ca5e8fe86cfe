import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { positionFromSequence } from '@app/event-store';
import { SqliteReadStore } from '@app/read-models';
import type { Query, ReadDocument, ReadStore } from '@app/read-models';
import { MongoReadStore } from '@app/read-models/mongodb';
import { describeWithMongo } from '../infra/mongo/describe-with-mongo';

/**
 * The same data and queries through both adapters must give identical pages. The data mixes what real read
 * models hold: Chinese and accented text, fullwidth punctuation, nulls, missing fields, integers and decimals.
 */
const NAMES = [
  '福州智服',
  'ACME（福建）',
  'acme',
  'Acme Ltd',
  'École',
  'école',
  'Zeta',
  'zeta',
  '厦门',
  '_x%',
  '',
];
const STATUSES = ['VALID', 'SUSPENDED', 'REVOKED'];

const documents = (): ReadDocument[] =>
  Array.from({ length: 60 }, (_, index) => {
    const document: Record<string, unknown> = {
      id: `d${String((index * 37) % 60).padStart(2, '0')}`,
      holder: { name: NAMES[index % NAMES.length] },
      status: STATUSES[index % 3],
      issuedOn: `2025-${String((index % 12) + 1).padStart(2, '0')}-0${(index % 9) + 1}`,
      _sources: { [`certificate-${index}`]: index % 4 },
    };
    if (index % 5 !== 0) document.score = index % 4 === 0 ? null : (index % 7) * 10 + (index % 2) * 0.5;
    if (index % 6 === 0)
      document.holder = { name: NAMES[index % NAMES.length], city: index % 12 ? '福州' : null };
    return document as unknown as ReadDocument;
  });

const QUERIES: Query[] = [
  {},
  { sort: [{ field: 'holder.name', direction: 'asc' }], pageSize: 200 },
  { sort: [{ field: 'holder.name', direction: 'desc' }], pageSize: 200 },
  { sort: [{ field: 'score', direction: 'asc' }], pageSize: 200 },
  {
    sort: [
      { field: 'score', direction: 'desc' },
      { field: 'issuedOn', direction: 'asc' },
    ],
    pageSize: 7,
    page: 3,
  },
  { where: { score: { eq: null } }, pageSize: 200 },
  { where: { 'holder.city': { eq: null } }, sort: [{ field: 'id', direction: 'desc' }] },
  { where: { 'holder.city': { eq: '福州' } } },
  { where: { score: { gte: 20, lt: 50 } }, sort: [{ field: 'score', direction: 'asc' }] },
  { where: { issuedOn: { gt: '2025-03', lte: '2025-09-09' } }, pageSize: 200 },
  { where: { 'holder.name': { gte: 'A', lt: 'a' } }, pageSize: 200 },
  { where: { 'holder.name': { contains: 'acme' } }, pageSize: 200 },
  { where: { 'holder.name': { contains: 'ÉCOLE' } } },
  { where: { 'holder.name': { contains: 'école' } } },
  { where: { 'holder.name': { contains: '（福' } } },
  { where: { 'holder.name': { contains: '%' } } },
  { where: { 'holder.name': { contains: '' } }, pageSize: 200 },
  { where: { 'holder.name': { contains: '智' } } },
  { where: { 'holder.name': { contains: 'acme L' } } },
  {
    anyOf: [{ id: { eq: 'zeta' } }, { 'holder.name': { contains: 'zeta' } }],
    sort: [{ field: 'id', direction: 'desc' }],
  },
  { where: { status: { in: ['VALID', 'REVOKED'] }, score: { gt: 0 } }, pageSize: 5, page: 2 },
  { anyOf: [{ status: { eq: 'SUSPENDED' } }, { 'holder.name': { contains: 'Z' } }], pageSize: 200 },
  { where: { status: { eq: 'VALID' } }, anyOf: [{ score: { gte: 50 } }, { score: { eq: null } }] },
  { where: { id: { in: ['d01', 'd59', 'nope'] } } },
  { where: { id: { gte: 'd10', lt: 'd20' } }, sort: [{ field: 'status', direction: 'asc' }] },
];

describeWithMongo('MongoDB read store compared with the embedded one', (mongoUri) => {
  describe('MongoDB read store gives the same pages as the embedded one', () => {
    const database = `read_store_compare_${Date.now()}_${randomUUID().slice(0, 8)}`;
    let mongo: MongoReadStore;
    let sqlite: SqliteReadStore;

    const seed = async (store: ReadStore): Promise<void> => {
      await store.prepare('compare', 'v1', [
        { fields: ['holder.name'], substring: true },
        { fields: ['status', 'score'] },
      ]);
      await store.commit({
        projection: 'compare',
        generation: 'v1',
        writes: documents().map((document) => ({ id: document.id, document })),
        checkpoint: positionFromSequence(60),
      });
      await store.activate('compare', 'v1');
    };

    beforeAll(async () => {
      mongo = await MongoReadStore.connect({ uri: mongoUri, database });
      sqlite = SqliteReadStore.open({ path: ':memory:' });
      await seed(mongo);
      await seed(sqlite);
    });
    afterAll(async () => {
      await mongo?.close();
      await sqlite?.close();
      const client = await MongoClient.connect(mongoUri);
      await client.db(database).dropDatabase();
      await client.close();
    });

    it.each(QUERIES.map((query) => [JSON.stringify(query), query] as const))('%s', async (_label, query) => {
      const expected = await sqlite.find('compare', query);
      expect(expected.total).toBeGreaterThanOrEqual(0);
      expect(await mongo.find('compare', query)).toEqual(expected);
    });

    it('every query above selects something, so the comparison is not vacuous', async () => {
      const totals = await Promise.all(
        QUERIES.map(async (query) => (await sqlite.find('compare', query)).total),
      );
      expect(totals.filter((total) => total === 0)).toEqual([]);
    });
  });
});
