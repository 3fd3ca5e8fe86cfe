import Database from 'better-sqlite3';
import { positionFromSequence } from '@app/event-store';
import type { IndexSpec, ReadDocument } from '../projection';
import type { Query } from '../read-store.port';
import { keyValueAt } from './key-columns';
import { tableNameOf } from './schema';
import { SqliteReadStore } from './sqlite-read-store';

type ValueDoc = ReadDocument & { v?: unknown; n?: { v?: unknown } };

/** Values of every JSON kind, including what JSON drops or rewrites. */
const VALUES: unknown[] = [
  'text',
  '',
  '福州 "quoted" \\ \u2028',
  'A',
  'a',
  0,
  -0,
  7,
  7.5,
  -12.25,
  1e21,
  2 ** 53 + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  undefined,
  { a: 1, b: ['x', { c: null }] },
  [1, '二', [true]],
  [],
  {},
  new Date('2026-03-04T05:06:07.000Z'),
  { toJSON: () => 'from toJSON' },
  () => 'a function',
];

const documents = (): ValueDoc[] => [
  ...VALUES.map((v, i) => ({ id: `d${String(i).padStart(2, '0')}`, v, n: { v } })),
  { id: 'missing' },
  { id: 'nested-missing', n: {} },
  { id: 'nested-array', n: [1] as unknown as { v?: unknown } },
  { id: 'nested-null', n: null as unknown as { v?: unknown } },
];

describe('embedded read store: key columns', () => {
  it('hold exactly what json_extract reads from the stored document', () => {
    const db = new Database(':memory:');
    try {
      const same = db.prepare<[string, string, string | number | null], { same: number }>(
        'SELECT json_extract(?, ?) IS ? AS same',
      );
      for (const document of documents()) {
        for (const field of ['v', 'n.v', 'n']) {
          const value = keyValueAt(document, field.split('.'));
          const check = same.get(JSON.stringify(document), `$.${field}`, value);
          expect({ id: document.id, field, value, same: check?.same }).toEqual({
            id: document.id,
            field,
            value,
            same: 1,
          });
        }
      }
    } finally {
      db.close();
    }
  });

  describe('queries', () => {
    let store: SqliteReadStore;
    let db: Database.Database;
    /** Every SQL text the store prepares (its statement cache prepares each once). */
    let prepared: string[];
    /** The statements prepared since `prepared` was emptied that read `table`, each with its query plan. */
    const plansOfReads = (table: string): { sql: string; plan: string[] }[] =>
      prepared
        .filter((sql) => sql.includes(`"${table}"`))
        .map((sql) => {
          const parameters = Array.from(sql.match(/\?/g) ?? [], () => 1);
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
          return { sql, plan: plan.map((row) => row.detail) };
        });
    const INDEXED: IndexSpec[] = [{ fields: ['v'] }, { fields: ['n.v', 'id'] }];
    const SPARSE: IndexSpec[] = [
      { fields: ['v'], sparse: true },
      { fields: ['n.v'], sparse: true },
    ];

    const seed = async (projection: string, indexes: IndexSpec[], deferIndexes = false): Promise<void> => {
      await store.prepare(projection, 'v1', indexes, { deferIndexes });
      await store.commit({
        projection,
        generation: 'v1',
        writes: documents().map((document) => ({ id: document.id, document })),
        checkpoint: positionFromSequence(1),
      });
      await store.prepare(projection, 'v1', indexes);
      await store.activate(projection, 'v1');
    };

    beforeAll(async () => {
      store = SqliteReadStore.open({ path: ':memory:' });
      // The plans are only visible through the driver, which the adapter keeps private.
      db = (store as unknown as { db: Database.Database }).db;
      await seed('indexed', INDEXED);
      await seed('bulk', INDEXED, true);
      await seed('sparse', SPARSE);
      await seed('sparse-bulk', SPARSE, true);
      await seed('plain', []);
      prepared = [];
      const prepare = db.prepare.bind(db);
      jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
        prepared.push(sql);
        return prepare(sql);
      });
    });
    afterAll(() => store.close());

    const queries: Query[] = [
      { where: { v: { eq: 7 } } },
      { where: { v: { eq: 'a' } } },
      { where: { v: { eq: null } } },
      { where: { v: { eq: true } } },
      { where: { 'n.v': { in: ['text', 7.5, 0] } } },
      { where: { v: { gte: 0, lt: 8 } } },
      { where: { v: { gt: 'a' } } },
      { where: { 'n.v': { contains: 'A' } } },
      // What a key column stores alike: booleans as 1/0, objects and arrays as their JSON text.
      { where: { v: { gte: 0, lte: 1 } } },
      { where: { 'n.v': { gt: -1, lt: 2 } } },
      { where: { v: { gte: '[', lte: '{~' } } },
      { where: { v: { contains: '{' } } },
      { where: { 'n.v': { contains: '1' } } },
      { anyOf: [{ v: { eq: 'text' } }, { 'n.v': { eq: -12.25 } }] },
      { sort: [{ field: 'v', direction: 'asc' }], pageSize: 200 },
      { sort: [{ field: 'n.v', direction: 'desc' }], pageSize: 200 },
    ];

    it('answer the same with a field indexed, sparse-indexed or not indexed, also after a bulk load', async () => {
      for (const query of queries) {
        const plain = await store.find('plain', query);
        for (const indexed of ['indexed', 'bulk', 'sparse', 'sparse-bulk'])
          expect({ query, indexed, page: await store.find(indexed, query) }).toEqual({
            query,
            indexed,
            page: plain,
          });
      }
    });

    it('index only the documents with a value in a sparse index, and read it for any comparison', async () => {
      const table = tableNameOf('sparse', 'v1');
      const sparse = db
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .pluck()
        .all(table);
      expect(sparse).toEqual([
        expect.stringMatching(/WHERE "\$\.v" IS NOT NULL$/),
        expect.stringMatching(/WHERE "\$\.n\.v" IS NOT NULL$/),
      ]);

      prepared = [];
      await store.find('sparse', { where: { v: { gte: 7 } }, sort: [{ field: 'v', direction: 'asc' }] });
      await store.find('sparse', { where: { 'n.v': { eq: 'text' } } });
      await store.find('sparse', { where: { v: { in: [7, 'a'] } } });
      const reads = plansOfReads(table);
      expect(reads.length).toBeGreaterThan(0);
      for (const { sql, plan } of reads)
        expect({ sql, plan }).toEqual({
          sql,
          plan: expect.arrayContaining([expect.stringContaining(`${table}_kx_`)]),
        });
    });

    it('read an indexed field through its index, never the whole table', async () => {
      prepared = [];
      await store.find('indexed', { where: { v: { eq: 7 } } });
      await store.find('indexed', { where: { 'n.v': { in: ['text', 7.5] } } });
      await store.find('indexed', { sort: [{ field: 'v', direction: 'asc' }] });
      const table = tableNameOf('indexed', 'v1');
      const reads = plansOfReads(table);
      expect(reads.length).toBeGreaterThan(0);
      for (const { sql, plan } of reads)
        expect({ sql, plan }).toEqual({
          sql,
          plan: expect.arrayContaining([expect.stringMatching(/USING (COVERING )?INDEX/)]),
        });
    });
    it('read the few matches of a range through its index and sort them, never walking the table in id order', async () => {
      prepared = [];
      // A page of the default order (by id) with a rare match: an index on id could give the order, but walking it
      // tests every document of the table (2.3 s for a count of overdue deadlines among 300k documents).
      // A condition of a shape no other test prepared (the store prepares each SQL text once).
      const page = await store.find('indexed', { where: { v: { lte: 0 } } });
      expect(page.items.map((item) => item.id)).toEqual(['d05', 'd06', 'd09']);
      const table = tableNameOf('indexed', 'v1');
      const reads = plansOfReads(table);
      expect(reads.map((read) => read.sql)).toEqual([
        expect.stringContaining('count(*)'),
        expect.stringContaining('ORDER BY'),
      ]);
      for (const { sql, plan } of reads) {
        expect({ sql, plan }).toEqual({
          sql,
          plan: expect.arrayContaining([expect.stringContaining(`${table}_kx_`)]),
        });
        expect({ sql, plan }).toEqual({
          sql,
          plan: expect.not.arrayContaining([expect.stringContaining('sqlite_autoindex')]),
        });
      }
    });

    it('read no page past the last match', async () => {
      prepared = [];
      // A condition of a shape no other test prepared (the store prepares each SQL text once).
      const page = await store.find('indexed', { where: { v: { lt: 0 } }, page: 2, pageSize: 1 });
      expect(page).toEqual({ items: [], total: 1, page: 2, pageSize: 1 });
      expect(prepared.filter((sql) => sql.includes('ORDER BY'))).toEqual([]);
    });
  });

  it('a table of the older layout (indexes on json_extract) gets key columns, filled, and indexes on them', async () => {
    const store = SqliteReadStore.open({ path: ':memory:' });
    try {
      const db = (store as unknown as { db: Database.Database }).db;
      const table = tableNameOf('legacy', 'v1');
      db.exec(`CREATE TABLE "${table}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
        CREATE INDEX "${table}_ix_0123456789ab" ON "${table}" (json_extract(doc, '$.v'));
        INSERT INTO collections VALUES ('legacy', 'v1', '${table}', '2026-01-01T00:00:00.000Z');
        INSERT INTO active_generations VALUES ('legacy', 'v1', '2026-01-01T00:00:00.000Z');
        INSERT INTO "${table}" VALUES ('a', '{"id":"a","v":2}'), ('b', '{"id":"b","v":1}');`);

      await store.prepare('legacy', 'v1', [{ fields: ['v'] }]);

      expect(db.prepare(`SELECT id, "$.v" AS v FROM "${table}" ORDER BY id`).all()).toEqual([
        { id: 'a', v: 2 },
        { id: 'b', v: 1 },
      ]);
      const indexes = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .all(table) as { name: string }[];
      expect(indexes.map((index) => index.name)).toEqual([expect.stringContaining(`${table}_kx_`)]);
      await store.commit({
        projection: 'legacy',
        generation: 'v1',
        writes: [{ id: 'c', document: { id: 'c', v: 0 } as ReadDocument }],
        checkpoint: positionFromSequence(1),
      });
      const sorted = await store.find('legacy', { sort: [{ field: 'v', direction: 'asc' }] });
      expect(sorted.items.map((item) => item.id)).toEqual(['c', 'b', 'a']);
    } finally {
      await store.close();
    }
  });
});
