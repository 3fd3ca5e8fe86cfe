import type Database from 'better-sqlite3';
import { positionFromSequence } from '@app/event-store';
import type { IndexSpec, ReadDocument } from '../projection';
import type { Query } from '../read-store.port';
import { tableNameOf } from './schema';
import { gramsOf } from './substring-index';
import { SqliteReadStore } from './sqlite-read-store';

/** How the embedded store answers `contains` through a substring index (results: the shared contract suite). */
const INDEXES: IndexSpec[] = [
  { fields: ['number'], unique: true },
  { fields: ['holderName'], substring: true },
];

const entry = (n: number, holderName: string): ReadDocument & { number: string; holderName: string } => ({
  id: `c${n}`,
  number: `CMM-ICS-2026-${String(n).padStart(5, '0')}`,
  holderName,
});

const search = (q: string, extra: Partial<Query> = {}): Query => ({
  anyOf: [{ number: { eq: q } }, { holderName: { contains: q } }],
  sort: [{ field: 'number', direction: 'asc' }],
  ...extra,
});

describe('embedded read store: substring index', () => {
  let store: SqliteReadStore;
  /** Every SQL text the store prepares (its statement cache prepares each once). */
  let prepared: string[];
  let db: Database.Database;

  const seed = async (documents: ReadDocument[]): Promise<void> => {
    await store.prepare('registry', 'v1', INDEXES);
    await store.commit({
      projection: 'registry',
      generation: 'v1',
      writes: documents.map((document) => ({ id: document.id, document })),
      checkpoint: positionFromSequence(1),
    });
    await store.activate('registry', 'v1');
  };

  beforeEach(() => {
    store = SqliteReadStore.open({ path: ':memory:' });
    // The plan is only visible through the driver, which the adapter keeps private.
    db = (store as unknown as { db: Database.Database }).db;
    prepared = [];
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('a search by holder name or exact number reads postings and indexes, never the whole table', async () => {
    await seed(
      Array.from({ length: 60 }, (_, i) => entry(i + 1, `${['福州', '厦门'][i % 2]}${i}云智科技有限公司`)),
    );
    prepared = [];
    expect((await store.find('registry', search('云智科'))).total).toBe(60);
    expect((await store.find('registry', search('CMM-ICS-2026-00007'))).total).toBe(1);
    expect((await store.find('registry', search('厦'))).total).toBe(30);

    const table = tableNameOf('registry', 'v1');
    const reads = prepared.filter((sql) => sql.includes(`"${table}"`));
    expect(reads.length).toBeGreaterThan(0);
    for (const sql of reads) {
      const parameters = Array.from(sql.match(/\?/g) ?? [], () => 'x');
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
      expect(plan.map((row) => row.detail)).not.toContainEqual(expect.stringMatching(`^SCAN ${table}\\b`));
    }
  });

  it('a needle with a pair that no holder name holds reads no postings: an exact number is found by its index alone', async () => {
    await seed([entry(1, '福州云智'), entry(2, '厦门智华'), entry(3, 'Acme CMM-ICS 云')]);
    const postings = (sql: string) => sql.includes(' INTERSECT ') || /WHERE gram = \?$/.test(sql);
    prepared = [];
    // Given pairs of the number that no name holds ('20', '26', …), When it is searched
    const byNumber = await store.find('registry', search('CMM-ICS-2026-00002'));
    // Then the number's own document answers, and no intersection of postings was read
    expect(byNumber.items.map((item) => item.id)).toEqual(['c2']);
    expect(prepared.filter(postings)).toEqual([]);
    // A needle whose pairs all occur still reads and confirms its postings
    expect((await store.find('registry', search('cmm-ics'))).items.map((item) => item.id)).toEqual(['c3']);
    expect((await store.find('registry', search('CMM-ICS 云'))).items.map((item) => item.id)).toEqual(['c3']);
    expect((await store.find('registry', search('ICS-2026'))).total).toBe(0);
  });

  it('keeps postings of exactly the stored values through updates and deletes; a drop takes them along', async () => {
    await seed([entry(1, '福州云智'), entry(2, '厦门智华'), entry(3, 'Acme 云')]);
    await store.commit({
      projection: 'registry',
      generation: 'v1',
      writes: [
        { id: 'c1', document: entry(1, '福州星河') },
        { id: 'c2', document: null },
        { id: 'c3', document: { ...entry(3, 'x'), holderName: 42 } as ReadDocument },
        { id: 'c4', document: entry(4, 'acme') },
      ],
      checkpoint: positionFromSequence(2),
    });
    const [{ postings }] = db.prepare('SELECT postings FROM substring_indexes').all() as {
      postings: string;
    }[];
    const stored = db.prepare(`SELECT gram, id FROM "${postings}" ORDER BY id, gram`).all();
    const expected = [
      ...[...gramsOf('福州星河')].map((gram) => ({ gram, id: 'c1' })),
      ...[...gramsOf('acme')].map((gram) => ({ gram, id: 'c4' })),
    ].sort((a, b) => a.id.localeCompare(b.id) || (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : 0));
    expect(stored).toEqual(expected);

    await store.drop('registry', 'v1');
    expect(db.prepare('SELECT count(*) AS n FROM substring_indexes').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT name FROM sqlite_master WHERE name = ?').all(postings)).toEqual([]);
  });

  it('beyond 5,000 candidates a needle scans the table instead, with the same results', async () => {
    const names = Array.from({ length: 5_050 }, (_, i) => entry(i + 1, `公司${i + 1}`));
    await seed([...names, entry(9_001, '福州云智'), entry(9_002, '厦门智华')]);
    prepared = [];
    const common = await store.find('registry', search('公', { page: 2, pageSize: 3 }));
    expect(common.total).toBe(5_050);
    expect(common.items.map((item) => item.id)).toEqual(['c4', 'c5', 'c6']);
    expect(prepared.filter((sql) => sql.includes('ORDER BY'))).not.toContainEqual(
      expect.stringContaining('CROSS JOIN'),
    );

    const rarer = await store.find('registry', search('公司50', { pageSize: 200 }));
    expect(rarer.total).toBe(62);
    expect(rarer.items.map((item) => item.id)).toEqual([
      'c50',
      ...Array.from({ length: 10 }, (_, i) => `c${500 + i}`),
      ...Array.from({ length: 51 }, (_, i) => `c${5000 + i}`),
    ]);
    expect(prepared.filter((sql) => sql.includes('ORDER BY'))).toContainEqual(
      expect.stringContaining('CROSS JOIN'),
    );
  });
});
