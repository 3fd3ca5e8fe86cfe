import { randomUUID } from 'node:crypto';
import { parsePosition, positionFromSequence, serializePosition } from '@app/event-store';
import type { Position } from '@app/event-store';
import type { IndexSpec, Query, ReadStore } from '@app/read-models';
import { CERTIFICATES, INDEXES } from './read-store-contract-data';
import type { CertificateDoc } from './read-store-contract-data';
import { describeBulkLoadContract } from './read-store-contract-bulk';
import { describeFindContract } from './read-store-contract-find';
import { describeLeaseContract } from './read-store-contract-lease';
import { describeSubstringContract } from './read-store-contract-substring';

export { CERTIFICATES } from './read-store-contract-data';
export { describeSharedReadStoreContract, type SharedReadStoreFixture } from './read-store-contract-shared';

/**
 * The behaviour every ReadStore adapter must have. Nothing here is adapter-specific and no transaction is
 * assumed: each test uses projection names of its own, so the suite also runs against a shared store (e.g.
 * the MongoDB adapter on mongo-java-server). Import by path: `@app/testing/read-store-contract`.
 */
export interface ReadStoreContractFixture {
  store: ReadStore;
  dispose(): Promise<void>;
}

export const describeReadStoreContract = (
  name: string,
  factory: () => Promise<ReadStoreContractFixture>,
): void => {
  describe(`ReadStore contract: ${name}`, () => {
    let fixture: ReadStoreContractFixture;
    let store: ReadStore;
    const run = randomUUID().slice(0, 8);
    let counter = 0;
    const projectionName = (label: string): string => `rs${run}_${label}_${++counter}`;

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    const at = (sequence: number): Position => positionFromSequence(sequence);

    /** A prepared projection holding CERTIFICATES in generation `v1`, active unless told otherwise. */
    const seeded = async (label: string, activate = true): Promise<string> => {
      const projection = projectionName(label);
      await store.prepare(projection, 'v1', INDEXES);
      await store.commit({
        projection,
        generation: 'v1',
        writes: CERTIFICATES.map((document) => ({ id: document.id, document })),
        checkpoint: at(10),
      });
      if (activate) await store.activate(projection, 'v1');
      return projection;
    };

    const ids = async (projection: string, query: Query): Promise<string[]> =>
      (await store.find<CertificateDoc>(projection, query)).items.map((item) => item.id);

    describe('preparing and committing', () => {
      it('prepare is idempotent', async () => {
        const projection = projectionName('prepare');
        await store.prepare(projection, 'v1', INDEXES);
        await store.prepare(projection, 'v1', INDEXES);
        expect(await store.generations(projection)).toEqual(['v1']);
        expect(await store.checkpoint(projection, 'v1')).toBeNull();
      });

      it('refuses what no adapter builds: a substring or sparse index over several fields, a unique substring one, a sparse substring one', async () => {
        const refused = projectionName('refused');
        const unbuildable: IndexSpec[] = [
          { fields: ['a', 'b'], substring: true },
          { fields: ['a'], substring: true, unique: true },
          { fields: ['a', 'b'], sparse: true },
          { fields: ['a'], substring: true, sparse: true },
        ];
        for (const index of unbuildable) {
          await expect(store.prepare(refused, 'v1', [index])).rejects.toThrow(RangeError);
        }
      });

      it('commits documents with the checkpoint; a bigint position survives the round trip', async () => {
        const projection = projectionName('commit');
        await store.prepare(projection, 'v1', INDEXES);
        const big: Position = { commit: 9007199254740993n, prepare: 9007199254740991n };
        await store.commit({
          projection,
          generation: 'v1',
          writes: [{ id: 'c1', document: CERTIFICATES[0] }],
          checkpoint: big,
        });
        const checkpoint = await store.checkpoint(projection, 'v1');
        expect(checkpoint).toMatchObject({ projection, generation: 'v1', failure: null });
        expect(checkpoint?.position).toEqual(big);
        expect(serializePosition(checkpoint!.position!)).toBe('9007199254740993/9007199254740991');
        expect(parsePosition(serializePosition(big))).toEqual(big);
        expect(Number.isNaN(Date.parse(checkpoint!.updatedAt))).toBe(false);
        expect(await store.get(projection, 'c1', 'v1')).toEqual(CERTIFICATES[0]);
      });

      it('a commit without writes still advances the checkpoint', async () => {
        const projection = await seeded('empty-commit');
        await store.commit({ projection, generation: 'v1', writes: [], checkpoint: at(42) });
        expect((await store.checkpoint(projection, 'v1'))?.position).toEqual(at(42));
        expect((await store.find(projection, {})).total).toBe(CERTIFICATES.length);
      });

      it('load returns the touched documents that exist, keyed by id', async () => {
        const projection = await seeded('load');
        const loaded = await store.load(projection, 'v1', ['c2', 'missing', 'c4', 'c2']);
        expect([...loaded.keys()].sort()).toEqual(['c2', 'c4']);
        expect(loaded.get('c2')).toEqual(CERTIFICATES[1]);
        expect((await store.load(projection, 'v1', [])).size).toBe(0);
        expect((await store.load(projectionName('unbuilt'), 'v1', ['c1'])).size).toBe(0);
      });

      it('replaces a document and deletes one written as null', async () => {
        const projection = await seeded('replace');
        const replaced = { ...CERTIFICATES[0], status: 'SUSPENDED', _sources: { 'certificate-c1': 1 } };
        await store.commit({
          projection,
          generation: 'v1',
          writes: [
            { id: 'c1', document: replaced },
            { id: 'c2', document: null },
            { id: 'never-existed', document: null },
          ],
          checkpoint: at(11),
        });
        expect(await store.get(projection, 'c1')).toEqual(replaced);
        expect(await store.get(projection, 'c2')).toBeNull();
        expect((await store.find(projection, {})).total).toBe(CERTIFICATES.length - 1);
      });

      it('a replaced document is found by its new indexed values only, whichever of them changed', async () => {
        const projection = await seeded('reindex');
        const [c1, c2] = CERTIFICATES;
        const ids = async (where: Query['where']) =>
          (await store.find(projection, { where })).items.map((item) => item.id).sort();
        const renamed: CertificateDoc = { ...c1, status: 'WITHDRAWN', holder: { name: 'Renamed Holder' } };
        const scored: CertificateDoc = { ...renamed, score: 99 };
        const withdrawn: CertificateDoc = { ...c2, status: 'WITHDRAWN' };
        const renamedToo: CertificateDoc = { ...c2, holder: { name: 'Renamed Holder' } };
        const taken: CertificateDoc = { ...c2, id: 'c9', number: c1.number };
        await store.commit({
          projection,
          generation: 'v1',
          writes: [{ id: 'c1', document: renamed }],
          checkpoint: at(11),
        });
        // Then only a field no index names, and in one batch an id written twice (the last write wins).
        await store.commit({
          projection,
          generation: 'v1',
          writes: [
            { id: 'c1', document: scored },
            { id: 'c2', document: withdrawn },
            { id: 'c2', document: renamedToo },
          ],
          checkpoint: at(12),
        });
        expect(await ids({ status: { eq: 'WITHDRAWN' } })).toEqual(['c1']);
        expect(await ids({ status: { eq: c1.status } })).not.toContain('c1');
        expect(await ids({ 'holder.name': { eq: 'Renamed Holder' } })).toEqual(['c1', 'c2']);
        expect(await ids({ 'holder.name': { eq: c1.holder.name } })).toEqual([]);
        expect(await ids({ status: { eq: c2.status } })).toContain('c2');
        expect(await store.get(projection, 'c1')).toEqual(scored);
        // The unchanged unique value is still held.
        await expect(
          store.commit({
            projection,
            generation: 'v1',
            writes: [{ id: 'c9', document: taken }],
            checkpoint: at(13),
          }),
        ).rejects.toBeDefined();
      });

      it('a unique index rejects a second document with the same value', async () => {
        const projection = await seeded('unique');
        const duplicate = { ...CERTIFICATES[1], id: 'c9' };
        const failure = await store
          .commit({
            projection,
            generation: 'v1',
            writes: [{ id: 'c9', document: duplicate }],
            checkpoint: at(12),
          })
          .then(
            () => null,
            (error: unknown) => error ?? 'rejected',
          );
        // Not toThrow: a driver's error class may come from another Jest module registry (not instanceof Error).
        expect(failure).not.toBeNull();
        expect(await store.get(projection, 'c9')).toBeNull();
      });

      it('commits issued together are independent: a failing one keeps its checkpoint, the others land', async () => {
        const failing = await seeded('together-failing');
        const other = await seeded('together-other');
        const duplicate = { ...CERTIFICATES[1], id: 'c9' };
        const fresh = { ...CERTIFICATES[1], id: 'c8', number: 'N-fresh' };
        const [rejected, landed] = await Promise.allSettled([
          store.commit({
            projection: failing,
            generation: 'v1',
            writes: [
              { id: 'c8', document: fresh },
              { id: 'c9', document: duplicate },
            ],
            checkpoint: at(12),
          }),
          store.commit({
            projection: other,
            generation: 'v1',
            writes: [{ id: 'c8', document: fresh }],
            checkpoint: at(12),
          }),
        ]);
        expect(rejected.status).toBe('rejected');
        expect(landed.status).toBe('fulfilled');
        // The failing batch's checkpoint stays (its documents may have landed where there are no transactions).
        expect((await store.checkpoint(failing, 'v1'))?.position).toEqual(at(10));
        expect(await store.get(other, 'c8')).toEqual(fresh);
        expect((await store.checkpoint(other, 'v1'))?.position).toEqual(at(12));
      });

      it('records a failure and keeps the checkpoint position', async () => {
        const projection = await seeded('failure');
        const failure = {
          position: at(11),
          eventId: randomUUID(),
          eventType: 'CertificateIssued',
          message: 'boom',
        };
        await store.recordFailure(projection, 'v1', failure);
        const checkpoint = await store.checkpoint(projection, 'v1');
        expect(checkpoint?.position).toEqual(at(10));
        expect(checkpoint?.failure).toEqual(failure);

        const fresh = projectionName('failure-first');
        await store.prepare(fresh, 'v1', []);
        await store.recordFailure(fresh, 'v1', failure);
        expect(await store.checkpoint(fresh, 'v1')).toMatchObject({ position: null, failure });
      });
    });

    describe('generations', () => {
      it('activates a generation; reads follow the active one unless one is named', async () => {
        const projection = await seeded('generations', false);
        expect(await store.activeGeneration(projection)).toBeNull();
        expect(await store.get(projection, 'c1')).toBeNull();
        expect(await store.find(projection, {})).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
        expect(await store.get(projection, 'c1', 'v1')).toEqual(CERTIFICATES[0]);
        expect((await store.find(projection, {}, 'v1')).total).toBe(CERTIFICATES.length);

        await store.activate(projection, 'v1');
        expect(await store.activeGeneration(projection)).toBe('v1');
        expect((await store.find(projection, {})).total).toBe(CERTIFICATES.length);

        await store.prepare(projection, 'v2.r1', INDEXES);
        await store.commit({
          projection,
          generation: 'v2.r1',
          writes: [{ id: 'c5', document: CERTIFICATES[4] }],
          checkpoint: at(3),
        });
        // The new generation fills while readers still use v1.
        expect((await store.find(projection, {})).total).toBe(CERTIFICATES.length);
        expect((await store.find(projection, {}, 'v2.r1')).total).toBe(1);
        expect((await store.generations(projection)).sort()).toEqual(['v1', 'v2.r1']);

        await store.activate(projection, 'v2.r1');
        expect(await store.activeGeneration(projection)).toBe('v2.r1');
        expect(await ids(projection, {})).toEqual(['c5']);
        expect(await store.get(projection, 'c1')).toBeNull();
      });

      it('drop removes the collection and the checkpoint of one generation only', async () => {
        const projection = await seeded('drop');
        await store.prepare(projection, 'v2', INDEXES);
        await store.commit({
          projection,
          generation: 'v2',
          writes: [{ id: 'c1', document: CERTIFICATES[0] }],
          checkpoint: at(10),
        });
        await store.activate(projection, 'v2');
        await store.drop(projection, 'v1');
        expect(await store.generations(projection)).toEqual(['v2']);
        expect(await store.checkpoint(projection, 'v1')).toBeNull();
        expect(await store.get(projection, 'c2', 'v1')).toBeNull();
        expect((await store.find(projection, {}, 'v1')).total).toBe(0);
        expect(await store.get(projection, 'c1')).toEqual(CERTIFICATES[0]);
        // A dropped generation can be built again from nothing.
        await store.prepare(projection, 'v1', INDEXES);
        expect((await store.find(projection, {}, 'v1')).total).toBe(0);
      });

      it('keeps projections apart', async () => {
        const first = await seeded('apart-a');
        const second = projectionName('apart-b');
        await store.prepare(second, 'v1', INDEXES);
        expect((await store.find(second, {}, 'v1')).total).toBe(0);
        expect(await store.get(second, 'c1', 'v1')).toBeNull();
        expect((await store.find(first, {})).total).toBe(CERTIFICATES.length);
      });
    });

    describeFindContract({ store: () => store, projectionName, seeded });
    describeSubstringContract({ store: () => store, projectionName, seeded });
    describeBulkLoadContract({ store: () => store, projectionName });
    describeLeaseContract({ store: () => store, projectionName });
  });
};
