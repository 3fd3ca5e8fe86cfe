import { randomUUID } from 'node:crypto';
import { positionFromSequence } from '@app/event-store';
import { GenerationNotPreparedError, type ReadStore } from '@app/read-models';
import { CERTIFICATES, INDEXES } from './read-store-contract-data';

/** Two stores on the same data, as two processes (the API and the CLI) open it. */
export interface SharedReadStoreFixture {
  first: ReadStore;
  second: ReadStore;
  dispose(): Promise<void>;
}

/**
 * What every adapter must do when another process shares its store: a generation one of them prepares takes the
 * other's commits, and one it drops refuses them (GenerationNotPreparedError) and gets nothing written, so that a
 * live projector following it notices instead of writing where no reader looks.
 */
export const describeSharedReadStoreContract = (
  name: string,
  factory: () => Promise<SharedReadStoreFixture>,
): void => {
  describe(`ReadStore contract, shared by two processes: ${name}`, () => {
    let fixture: SharedReadStoreFixture;
    const run = randomUUID().slice(0, 8);
    let counter = 0;
    const projectionName = (label: string): string => `rs${run}_${label}_${++counter}`;
    const batch = (projection: string, generation: string, sequence: number) => ({
      projection,
      generation,
      writes: [{ id: CERTIFICATES[0].id, document: CERTIFICATES[0] }],
      checkpoint: positionFromSequence(sequence),
    });

    beforeAll(async () => {
      fixture = await factory();
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    it('a commit to a generation never prepared is refused with GenerationNotPreparedError, writing nothing', async () => {
      const projection = projectionName('unprepared');
      const refusal = fixture.first.commit(batch(projection, 'v1', 1));
      await expect(refusal).rejects.toBeInstanceOf(GenerationNotPreparedError);
      await expect(refusal).rejects.toMatchObject({ projection, generation: 'v1' });
      expect(await fixture.first.checkpoint(projection, 'v1')).toBeNull();
      expect(await fixture.first.generations(projection)).toEqual([]);
    });

    it('a generation the other store prepared takes commits', async () => {
      const projection = projectionName('prepared-there');
      await fixture.second.prepare(projection, 'v1', INDEXES);
      await fixture.first.commit(batch(projection, 'v1', 3));
      expect((await fixture.second.checkpoint(projection, 'v1'))?.position).toEqual(positionFromSequence(3));
      expect(await fixture.second.get(projection, CERTIFICATES[0].id, 'v1')).toEqual(CERTIFICATES[0]);
    });

    it('a generation the other store replaced and dropped refuses commits, and nothing of them is stored', async () => {
      const projection = projectionName('dropped-there');
      await fixture.first.prepare(projection, 'v1', INDEXES);
      await fixture.first.commit(batch(projection, 'v1', 1));
      await fixture.first.activate(projection, 'v1');
      // The other process rebuilds into v1.r1, switches readers to it and drops v1.
      await fixture.second.prepare(projection, 'v1.r1', INDEXES);
      await fixture.second.commit(batch(projection, 'v1.r1', 2));
      await fixture.second.activate(projection, 'v1.r1');
      await fixture.second.drop(projection, 'v1');

      await expect(fixture.first.commit(batch(projection, 'v1', 5))).rejects.toBeInstanceOf(
        GenerationNotPreparedError,
      );
      expect(await fixture.first.generations(projection)).toEqual(['v1.r1']);
      expect(await fixture.first.checkpoint(projection, 'v1')).toBeNull();
      expect(await fixture.first.get(projection, CERTIFICATES[0].id, 'v1')).toBeNull();
      expect((await fixture.first.checkpoint(projection, 'v1.r1'))?.position).toEqual(
        positionFromSequence(2),
      );
    });
  });
};
