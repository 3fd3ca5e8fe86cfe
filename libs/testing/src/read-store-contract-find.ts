import type { Query, ReadDocument, ReadStore } from '@app/read-models';
import { positionFromSequence } from '@app/event-store';
import { CERTIFICATES } from './read-store-contract-data';
import type { CertificateDoc } from './read-store-contract-data';

/** Query behaviour of the ReadStore contract, run inside `describeReadStoreContract`. */
export interface FindContractContext {
  store: () => ReadStore;
  projectionName: (label: string) => string;
  /** A prepared, active projection holding CERTIFICATES. */
  seeded: (label: string) => Promise<string>;
}

export const describeFindContract = (context: FindContractContext): void => {
  const { projectionName, seeded } = context;
  const ids = async (projection: string, query: Query): Promise<string[]> =>
    (await context.store().find<CertificateDoc>(projection, query)).items.map((item) => item.id);

  describe('find', () => {
    let store: ReadStore;
    let projection: string;
    beforeAll(async () => {
      store = context.store();
      projection = await seeded('find');
    });

    it('without conditions returns every document sorted by id, with defaults page 1 / 20', async () => {
      const page = await store.find<CertificateDoc>(projection, {});
      expect(page.items.map((item) => item.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
      expect(page).toMatchObject({ total: 5, page: 1, pageSize: 20 });
      expect(page.items[1]).toEqual(CERTIFICATES[1]);
    });

    it('eq on strings, numbers and nested fields', async () => {
      expect(await ids(projection, { where: { status: { eq: 'VALID' } } })).toEqual(['c1', 'c3', 'c5']);
      expect(await ids(projection, { where: { score: { eq: 80 } } })).toEqual(['c2', 'c3']);
      expect(await ids(projection, { where: { 'holder.name': { eq: '厦门智能服务有限公司' } } })).toEqual([
        'c4',
      ]);
      expect(await ids(projection, { where: { number: { eq: 'CMM-2025-0002' } } })).toEqual(['c2']);
      expect(await ids(projection, { where: { number: { eq: 'cmm-2025-0002' } } })).toEqual([]);
      expect(await ids(projection, { where: { score: { eq: '80' } } })).toEqual([]);
      expect(await ids(projection, { where: { status: { eq: 'VALID' }, score: { eq: 80 } } })).toEqual([
        'c3',
      ]);
    });

    it('eq null matches null and missing fields', async () => {
      expect(await ids(projection, { where: { suspendedUntil: { eq: null } } })).toEqual([
        'c1',
        'c3',
        'c4',
        'c5',
      ]);
      expect(await ids(projection, { where: { score: { eq: null } } })).toEqual(['c4', 'c5']);
      expect(await ids(projection, { where: { 'holder.address': { eq: null } } })).toEqual([
        'c2',
        'c3',
        'c4',
        'c5',
      ]);
    });

    it('in matches any listed value; an empty list matches nothing', async () => {
      expect(await ids(projection, { where: { status: { in: ['SUSPENDED', 'REVOKED'] } } })).toEqual([
        'c2',
        'c4',
      ]);
      expect(await ids(projection, { where: { id: { in: ['c5', 'c1', 'nope'] } } })).toEqual(['c1', 'c5']);
      expect(await ids(projection, { where: { status: { in: [] } } })).toEqual([]);
    });

    it('ranges on ISO dates and numbers, inclusive and exclusive', async () => {
      expect(await ids(projection, { where: { issuedOn: { gte: '2025-01-01', lt: '2025-06-30' } } })).toEqual(
        ['c1', 'c2', 'c3'],
      );
      expect(await ids(projection, { where: { issuedOn: { gt: '2025-03-01', lte: '2025-06-30' } } })).toEqual(
        ['c5'],
      );
      expect(await ids(projection, { where: { issuedOn: { lt: '2025-01-01' } } })).toEqual(['c4']);
      expect(await ids(projection, { where: { score: { gt: 80 } } })).toEqual(['c1']);
      expect(await ids(projection, { where: { score: { gte: 80, lte: 90 } } })).toEqual(['c2', 'c3']);
      // A range never matches null or missing values.
      expect(await ids(projection, { where: { suspendedUntil: { lt: '9999' } } })).toEqual(['c2']);
    });

    it('contains: case-insensitive substring, Chinese included', async () => {
      expect(await ids(projection, { where: { 'holder.name': { contains: '智服' } } })).toEqual(['c1']);
      expect(await ids(projection, { where: { 'holder.name': { contains: '服务' } } })).toEqual(['c4', 'c5']);
      expect(await ids(projection, { where: { 'holder.name': { contains: 'acme' } } })).toEqual(['c2', 'c3']);
      expect(await ids(projection, { where: { 'holder.name': { contains: 'ACME S' } } })).toEqual(['c3']);
      expect(
        await ids(projection, { where: { 'holder.name': { contains: '福州智服科技有限公司' } } }),
      ).toEqual(['c1']);
      expect(await ids(projection, { where: { 'holder.name': { contains: '上海' } } })).toEqual([]);
    });

    it('contains: %, _ and regular-expression characters match literally', async () => {
      const contains = (needle: string) =>
        ids(projection, { where: { 'holder.name': { contains: needle } } });
      expect(await contains('100%')).toEqual(['c2']);
      expect(await contains('%')).toEqual(['c2']);
      expect(await contains('service_co')).toEqual(['c2']);
      expect(await contains('_')).toEqual(['c2']);
      expect(await contains('.*+?')).toEqual(['c3']);
      expect(await contains('(fuzhou)')).toEqual(['c2']);
      expect(await contains('.')).toEqual(['c3']);
      expect(await contains('^acme')).toEqual([]);
      expect(await contains('[a-z]')).toEqual([]);
    });

    it('anyOf: any of the condition sets, combined with where', async () => {
      const search = (q: string): Query => ({
        anyOf: [{ number: { eq: q } }, { 'holder.name': { contains: q } }],
      });
      expect(await ids(projection, search('CMM-2024-0099'))).toEqual(['c4']);
      expect(await ids(projection, search('智'))).toEqual(['c1', 'c4']);
      expect(
        await ids(projection, {
          where: { status: { eq: 'VALID' } },
          anyOf: [{ score: { gte: 90 } }, { issuedOn: { gte: '2025-06-01' } }],
        }),
      ).toEqual(['c1', 'c5']);
      expect(
        await ids(projection, {
          anyOf: [{ status: { eq: 'VALID' }, score: { eq: 80 } }, { id: { eq: 'c4' } }],
        }),
      ).toEqual(['c3', 'c4']);
    });

    it('sorts by several keys, ties broken by id ascending', async () => {
      expect(await ids(projection, { sort: [{ field: 'issuedOn', direction: 'desc' }] })).toEqual([
        'c5',
        'c2',
        'c3',
        'c1',
        'c4',
      ]);
      expect(
        await ids(projection, {
          sort: [
            { field: 'score', direction: 'desc' },
            { field: 'issuedOn', direction: 'asc' },
          ],
        }),
      ).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
      expect(
        await ids(projection, {
          sort: [
            { field: 'status', direction: 'asc' },
            { field: 'issuedOn', direction: 'desc' },
          ],
        }),
      ).toEqual(['c4', 'c2', 'c5', 'c3', 'c1']);
      expect(await ids(projection, { sort: [{ field: 'holder.name', direction: 'asc' }] })).toEqual([
        'c2',
        'c5',
        'c3',
        'c4',
        'c1',
      ]);
      expect(await ids(projection, { sort: [{ field: 'id', direction: 'desc' }] })).toEqual([
        'c5',
        'c4',
        'c3',
        'c2',
        'c1',
      ]);
    });

    it('paginates with a total over all matches', async () => {
      const query: Query = { sort: [{ field: 'issuedOn', direction: 'asc' }], pageSize: 2 };
      const first = await store.find<CertificateDoc>(projection, { ...query, page: 1 });
      const second = await store.find<CertificateDoc>(projection, { ...query, page: 2 });
      const third = await store.find<CertificateDoc>(projection, { ...query, page: 3 });
      const beyond = await store.find<CertificateDoc>(projection, { ...query, page: 4 });
      expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
      expect([first, second, third, beyond].map((page) => page.items.map((item) => item.id))).toEqual([
        ['c4', 'c1'],
        ['c2', 'c3'],
        ['c5'],
        [],
      ]);
      expect(beyond.total).toBe(5);
      const filtered = await store.find(projection, {
        where: { status: { eq: 'VALID' } },
        pageSize: 1,
        page: 2,
      });
      expect(filtered).toMatchObject({ total: 3, page: 2, pageSize: 1 });
      expect(filtered.items.map((item) => item.id)).toEqual(['c3']);
    });

    it('caps the page size at 200', async () => {
      const page = await store.find(projection, { pageSize: 1000 });
      expect(page.pageSize).toBe(200);
      expect(page.items).toHaveLength(5);
    });

    it('pages through more documents than one page holds', async () => {
      const many = projectionName('many');
      await store.prepare(many, 'v1', [{ fields: ['rank'] }]);
      const documents = Array.from({ length: 250 }, (_, index) => ({
        id: `d${String(index).padStart(3, '0')}`,
        rank: index % 7,
      }));
      await store.commit({
        projection: many,
        generation: 'v1',
        writes: documents.map((document) => ({ id: document.id, document })),
        checkpoint: positionFromSequence(250),
      });
      const query: Query = { sort: [{ field: 'rank', direction: 'asc' }], pageSize: 200 };
      const first = await store.find<ReadDocument>(many, { ...query, page: 1 }, 'v1');
      const second = await store.find<ReadDocument>(many, { ...query, page: 2 }, 'v1');
      expect(first.total).toBe(250);
      expect(second.items).toHaveLength(50);
      const seen = [...first.items, ...second.items].map((item) => item.id);
      expect(new Set(seen).size).toBe(250);
      const expected = [...documents]
        .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
        .map((document) => document.id);
      expect(seen).toEqual(expected);
    });
  });
};
