import type { IndexSpec, Query, ReadDocument, ReadStore } from '@app/read-models';
import { positionFromSequence } from '@app/event-store';
import type { FindContractContext } from './read-store-contract-find';

interface HolderDoc extends ReadDocument {
  number: string;
  status: string;
  holder: { name?: unknown };
}

const holder = (n: number, name: unknown, status = 'VALID'): HolderDoc => ({
  id: `s${n}`,
  number: `CMM-2026-${String(n).padStart(4, '0')}`,
  status,
  holder: name === undefined ? {} : { name },
});

const SUBSTRING_INDEXES: IndexSpec[] = [
  { fields: ['number'], unique: true },
  { fields: ['holder.name'], substring: true },
];

/** Holder names for `contains` through a substring index: Chinese, ASCII with wildcards, non-text values. */
const HOLDERS: HolderDoc[] = [
  holder(1, '福州云智科技有限公司'),
  holder(2, '厦门云智信息服务有限公司', 'SUSPENDED'),
  // Holds 智华 and 云智 but not 云智华: a needle whose grams all match and which still does not.
  holder(3, '泉州智华云智软件有限公司'),
  holder(4, 'ACME 100% Service_Co (Fuzhou)'),
  holder(5, 'acme servicexco'),
  holder(6, 12345),
  holder(7, undefined),
  holder(8, 'CMM-2026-0001 Holdings'),
  holder(9, 'ÉCOLE Fuzhou'),
];

/** `contains` on a field with a substring index (`IndexSpec.substring`), run inside `describeReadStoreContract`. */
export const describeSubstringContract = (context: FindContractContext): void => {
  const { projectionName } = context;
  let store: ReadStore;
  beforeAll(() => {
    store = context.store();
  });

  const commit = async (projection: string, writes: { id: string; document: ReadDocument | null }[]) =>
    store.commit({ projection, generation: 'v1', writes, checkpoint: positionFromSequence(1) });
  const seeded = async (label: string, indexes = SUBSTRING_INDEXES): Promise<string> => {
    const projection = projectionName(label);
    await store.prepare(projection, 'v1', indexes);
    await commit(
      projection,
      HOLDERS.map((document) => ({ id: document.id, document })),
    );
    await store.activate(projection, 'v1');
    return projection;
  };
  const ids = async (projection: string, query: Query): Promise<string[]> =>
    (await store.find<HolderDoc>(projection, query)).items.map((item) => item.id);
  const containing = (projection: string, needle: string): Promise<string[]> =>
    ids(projection, { where: { 'holder.name': { contains: needle } }, pageSize: 200 });

  describe('substring index', () => {
    let projection: string;
    beforeAll(async () => {
      projection = await seeded('substring');
    });

    it('matches 1- and 2-character Chinese needles and longer ones, adjacent characters only', async () => {
      expect(await containing(projection, '云')).toEqual(['s1', 's2', 's3']);
      expect(await containing(projection, '智华')).toEqual(['s3']);
      expect(await containing(projection, '云智')).toEqual(['s1', 's2', 's3']);
      expect(await containing(projection, '云智科技')).toEqual(['s1']);
      expect(await containing(projection, '华云智')).toEqual(['s3']);
      expect(await containing(projection, '有限公司')).toEqual(['s1', 's2', 's3']);
      expect(await containing(projection, '云智华')).toEqual([]);
      expect(await containing(projection, '智云')).toEqual([]);
      expect(await containing(projection, '上海')).toEqual([]);
    });

    it('folds ASCII case only; %, _ and regular-expression characters match literally', async () => {
      expect(await containing(projection, 'ACME')).toEqual(['s4', 's5']);
      expect(await containing(projection, 'Acme S')).toEqual(['s5']);
      expect(await containing(projection, 'SERVICE_CO')).toEqual(['s4']);
      expect(await containing(projection, '_')).toEqual(['s4']);
      expect(await containing(projection, '100%')).toEqual(['s4']);
      expect(await containing(projection, '%')).toEqual(['s4']);
      expect(await containing(projection, '(fuzhou)')).toEqual(['s4']);
      expect(await containing(projection, 'fuzhou')).toEqual(['s4', 's9']);
      expect(await containing(projection, 'ÉCOLE')).toEqual(['s9']);
      expect(await containing(projection, 'école')).toEqual([]);
    });

    it('matches text values only; an empty needle matches every text value', async () => {
      expect(await containing(projection, '123')).toEqual([]);
      expect(await containing(projection, '')).toEqual(['s1', 's2', 's3', 's4', 's5', 's8', 's9']);
    });

    it('or an exact number: each document once, counted from the same matches', async () => {
      const search = (q: string, extra: Query = {}): Promise<HolderDoc[]> =>
        store
          .find<HolderDoc>(projection, {
            anyOf: [{ number: { eq: q } }, { 'holder.name': { contains: q } }],
            sort: [{ field: 'number', direction: 'desc' }],
            ...extra,
          })
          .then((page) => page.items);
      expect((await search('CMM-2026-0001')).map((item) => item.id)).toEqual(['s8', 's1']);
      expect((await search('CMM-2026-0002')).map((item) => item.id)).toEqual(['s2']);
      expect((await search('云智')).map((item) => item.id)).toEqual(['s3', 's2', 's1']);
      const page = await store.find(projection, {
        where: { status: { eq: 'VALID' } },
        anyOf: [{ number: { eq: '云智' } }, { 'holder.name': { contains: '云智' } }],
        sort: [{ field: 'number', direction: 'asc' }],
        pageSize: 1,
        page: 2,
      });
      expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(page.items.map((item) => item.id)).toEqual(['s3']);
      const beyond = await store.find(projection, {
        anyOf: [{ number: { eq: 'fuzhou' } }, { 'holder.name': { contains: 'fuzhou' } }],
        page: 5,
      });
      expect(beyond).toMatchObject({ items: [], total: 2 });
    });

    it('pages its matches in id order, either direction, with their total', async () => {
      const byId = (direction: 'asc' | 'desc', page: number) =>
        store.find<HolderDoc>(projection, {
          anyOf: [{ number: { eq: '云智' } }, { 'holder.name': { contains: '云智' } }],
          sort: [{ field: 'id', direction }],
          pageSize: 2,
          page,
        });
      const pages = await Promise.all([byId('desc', 1), byId('desc', 2), byId('asc', 1), byId('asc', 2)]);
      expect(pages.map((found) => found.items.map((item) => item.id))).toEqual([
        ['s3', 's2'],
        ['s1'],
        ['s1', 's2'],
        ['s3'],
      ]);
      expect(pages.map((found) => found.total)).toEqual([3, 3, 3, 3]);
      expect(pages[0].items[0]).toEqual(HOLDERS[2]);
      const unsorted = await store.find<HolderDoc>(projection, {
        where: { 'holder.name': { contains: '有限' } },
        pageSize: 2,
        page: 2,
      });
      expect(unsorted).toMatchObject({ total: 3, page: 2 });
      expect(unsorted.items.map((item) => item.id)).toEqual(['s3']);
      // Candidates the query still tests: another condition (s2 is suspended), and a needle longer than two
      // characters (s3 holds 智华 and 云智, not 云智华).
      const tested = (needle: string, direction: 'asc' | 'desc', page: number) =>
        store.find<HolderDoc>(projection, {
          where: { status: { eq: 'VALID' } },
          anyOf: [{ number: { eq: needle } }, { 'holder.name': { contains: needle } }],
          sort: [{ field: 'id', direction }],
          pageSize: 1,
          page,
        });
      const testedPages = await Promise.all([
        tested('云智', 'desc', 1),
        tested('云智', 'desc', 2),
        tested('云智', 'asc', 3),
        tested('云智华', 'asc', 1),
      ]);
      expect(testedPages.map((found) => found.items.map((item) => item.id))).toEqual([
        ['s3'],
        ['s1'],
        [],
        [],
      ]);
      expect(testedPages.map((found) => found.total)).toEqual([2, 2, 2, 0]);
    });
  });

  describe('substring index maintenance', () => {
    it('follows replaced, deleted and re-added documents, also several writes of one id in a batch', async () => {
      const projection = await seeded('substring-writes');
      await commit(projection, [
        { id: 's1', document: holder(1, '莆田星河有限公司') },
        { id: 's2', document: null },
        { id: 's3', document: holder(3, '泉州智华云智软件有限公司', 'REVOKED') },
        { id: 's5', document: holder(5, '临时云智') },
        { id: 's5', document: holder(5, 'acme servicexco') },
        { id: 's6', document: holder(6, '宁德云智') },
        { id: 's9', document: holder(9, { text: '云智' }) },
        { id: 's10', document: holder(10, '龙岩云智新创') },
      ]);
      expect(await containing(projection, '云智')).toEqual(['s10', 's3', 's6']);
      expect(await containing(projection, '星河')).toEqual(['s1']);
      expect(await containing(projection, '福州')).toEqual([]);
      expect(await containing(projection, '信息')).toEqual([]);
      expect(await containing(projection, '临时')).toEqual([]);
      expect(await containing(projection, 'fuzhou')).toEqual(['s4']);
      expect((await store.find(projection, { where: { 'holder.name': { contains: '有限' } } })).total).toBe(
        2,
      );

      await commit(projection, [{ id: 's2', document: HOLDERS[1] }]);
      expect(await containing(projection, '信息')).toEqual(['s2']);
    });

    it('a dropped generation takes its index along; a new build starts empty', async () => {
      const projection = await seeded('substring-drop');
      await store.prepare(projection, 'v2', SUBSTRING_INDEXES);
      await store.commit({
        projection,
        generation: 'v2',
        writes: [{ id: 's3', document: HOLDERS[2] }],
        checkpoint: positionFromSequence(1),
      });
      const inV2 = await store.find(projection, { where: { 'holder.name': { contains: '云智' } } }, 'v2');
      expect(inV2.items.map((item) => item.id)).toEqual(['s3']);

      await store.activate(projection, 'v2');
      await store.drop(projection, 'v1');
      await store.prepare(projection, 'v1', SUBSTRING_INDEXES);
      await commit(projection, [{ id: 's2', document: HOLDERS[1] }]);
      const rebuilt = await store.find(projection, { where: { 'holder.name': { contains: '云智' } } }, 'v1');
      expect(rebuilt.items.map((item) => item.id)).toEqual(['s2']);
      expect(await containing(projection, '云智')).toEqual(['s3']);
    });

    it('a substring index added to a generation that holds documents covers them', async () => {
      const projection = await seeded('substring-added', [{ fields: ['number'], unique: true }]);
      await store.prepare(projection, 'v1', SUBSTRING_INDEXES);
      expect(await containing(projection, '云智')).toEqual(['s1', 's2', 's3']);
      await commit(projection, [{ id: 's1', document: holder(1, '莆田星河有限公司') }]);
      expect(await containing(projection, '云智')).toEqual(['s2', 's3']);
      await store.prepare(projection, 'v1', SUBSTRING_INDEXES);
      expect(await containing(projection, '星河')).toEqual(['s1']);
    });
  });
};
