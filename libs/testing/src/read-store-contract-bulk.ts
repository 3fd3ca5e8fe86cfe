import type { IndexSpec, Query, ReadDocument, ReadStore } from '@app/read-models';
import { positionFromSequence } from '@app/event-store';
import { CERTIFICATES, INDEXES } from './read-store-contract-data';
import type { FindContractContext } from './read-store-contract-find';

/** The contract indexes plus a substring index, so that postings are deferred too where an adapter keeps them. */
const BULK_INDEXES: IndexSpec[] = [...INDEXES, { fields: ['holder.name'], substring: true }];

const QUERIES: Query[] = [
  { sort: [{ field: 'number', direction: 'desc' }] },
  { where: { status: { eq: 'VALID' } }, sort: [{ field: 'issuedOn', direction: 'asc' }] },
  { where: { 'holder.name': { contains: '智' } } },
  { anyOf: [{ number: { eq: 'CMM-2025-0003' } }, { 'holder.name': { contains: '服务' } }] },
  { where: { issuedOn: { gte: '2025-03-01' } }, pageSize: 2, page: 2 },
];

/** A bulk load (`prepare` with `deferIndexes`, then again without), run inside `describeReadStoreContract`. */
export const describeBulkLoadContract = (
  context: Pick<FindContractContext, 'store' | 'projectionName'>,
): void => {
  let store: ReadStore;
  beforeAll(() => {
    store = context.store();
  });

  const commit = (projection: string, writes: { id: string; document: ReadDocument | null }[], at = 1) =>
    store.commit({ projection, generation: 'v1', writes, checkpoint: positionFromSequence(at) });
  const answers = (projection: string) =>
    Promise.all(QUERIES.map(async (query) => (await store.find(projection, query, 'v1')).items));
  const failureOf = (action: Promise<unknown>): Promise<unknown> =>
    action.then(
      () => null,
      (error: unknown) => error ?? 'rejected',
    );

  describe('bulk load (deferred indexes)', () => {
    it('answers the same before and after its indexes are built, which then hold', async () => {
      const indexed = context.projectionName('bulk-indexed');
      await store.prepare(indexed, 'v1', BULK_INDEXES);
      await commit(
        indexed,
        CERTIFICATES.map((document) => ({ id: document.id, document })),
      );

      const bulk = context.projectionName('bulk');
      await store.prepare(bulk, 'v1', BULK_INDEXES, { deferIndexes: true });
      await store.prepare(bulk, 'v1', BULK_INDEXES, { deferIndexes: true });
      await commit(
        bulk,
        CERTIFICATES.map((document) => ({ id: document.id, document })),
      );
      // A replaced and a deleted document: what the indexes are built from is the last state only.
      await commit(
        bulk,
        [
          { id: 'c4', document: null },
          { id: 'c4', document: CERTIFICATES[3] },
          { id: 'c2', document: { ...CERTIFICATES[1], holder: { name: 'stale 智' } } },
          { id: 'c2', document: CERTIFICATES[1] },
        ],
        2,
      );
      const expected = await answers(indexed);
      expect(await answers(bulk)).toEqual(expected);

      await store.prepare(bulk, 'v1', BULK_INDEXES);
      expect(await answers(bulk)).toEqual(expected);
      const duplicate = { ...CERTIFICATES[1], id: 'c9' };
      expect(await failureOf(commit(bulk, [{ id: 'c9', document: duplicate }], 3))).not.toBeNull();
      expect(await store.get(bulk, 'c9', 'v1')).toBeNull();
      // Written after the build: found through the indexes, postings included.
      const late = { ...CERTIFICATES[4], id: 'c6', number: 'CMM-2025-0006', holder: { name: '晚到智能' } };
      await commit(bulk, [{ id: 'c6', document: late }], 3);
      const found = await store.find(bulk, { where: { 'holder.name': { contains: '晚到' } } }, 'v1');
      expect(found.items).toEqual([late]);
    });

    it('building a unique index over duplicates fails and keeps the documents', async () => {
      const projection = context.projectionName('bulk-duplicates');
      await store.prepare(projection, 'v1', INDEXES, { deferIndexes: true });
      const twin = { ...CERTIFICATES[0], id: 'c1-twin' };
      await commit(projection, [
        { id: 'c1', document: CERTIFICATES[0] },
        { id: 'c1-twin', document: twin },
      ]);
      expect(await failureOf(store.prepare(projection, 'v1', INDEXES))).not.toBeNull();
      expect((await store.find(projection, {}, 'v1')).total).toBe(2);
    });

    it('deferring on a generation already indexed (a resumed rebuild) keeps its indexes', async () => {
      const projection = context.projectionName('bulk-resumed');
      await store.prepare(projection, 'v1', INDEXES);
      await store.prepare(projection, 'v1', INDEXES, { deferIndexes: true });
      await commit(projection, [{ id: 'c1', document: CERTIFICATES[0] }]);
      const twin = { ...CERTIFICATES[0], id: 'c1-twin' };
      expect(await failureOf(commit(projection, [{ id: 'c1-twin', document: twin }], 2))).not.toBeNull();
    });
  });
};
