import { randomUUID } from 'node:crypto';
import { comparePositions, WrongExpectedVersionError } from '@app/event-store';
import type { Position } from '@app/event-store';
import type { CheckpointStore } from '@app/event-store/checkpoints';

/** The behaviour of every CheckpointStore. Import by path: `@app/testing/checkpoint-store-contract`. */
export interface CheckpointStoreContractFixture {
  checkpoints: CheckpointStore;
  dispose(): Promise<void>;
}

export const describeCheckpointStoreContract = (
  name: string,
  factory: () => Promise<CheckpointStoreContractFixture>,
): void => {
  describe(`CheckpointStore contract: ${name}`, () => {
    let fixture: CheckpointStoreContractFixture;
    let checkpoints: CheckpointStore;
    const uniqueName = (label: string): string => `${label}-${randomUUID()}`;
    const at = (commit: bigint, prepare = commit): Position => ({ commit, prepare });

    beforeAll(async () => {
      fixture = await factory();
      checkpoints = fixture.checkpoints;
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    it('loads null when nothing was saved', async () => {
      expect(await checkpoints.load(uniqueName('empty'))).toBeNull();
    });

    it('saves and loads the position with the revision to pass next', async () => {
      const name = uniqueName('saved');
      const revision = await checkpoints.save(name, at(1_000n, 990n), null);
      const loaded = await checkpoints.load(name);
      expect(loaded?.revision).toBe(revision);
      expect(comparePositions(loaded?.position ?? at(0n), at(1_000n, 990n))).toBe(0);
      // Positions beyond 2^53 survive: they are bigints end to end.
      const next = await checkpoints.save(name, at(2n ** 60n + 7n, 2n ** 60n), revision);
      expect(next).toBeGreaterThan(revision);
      expect(await checkpoints.load(name)).toEqual({
        position: at(2n ** 60n + 7n, 2n ** 60n),
        revision: next,
      });
    });

    it('rejects a stale revision with WrongExpectedVersion and keeps the newer checkpoint', async () => {
      const name = uniqueName('stale');
      const first = await checkpoints.save(name, at(10n), null);
      const second = await checkpoints.save(name, at(20n), first);
      await expect(checkpoints.save(name, at(15n), first)).rejects.toThrow(WrongExpectedVersionError);
      await expect(checkpoints.save(name, at(15n), null)).rejects.toThrow(WrongExpectedVersionError);
      expect(await checkpoints.load(name)).toEqual({ position: at(20n), revision: second });
    });

    it('keeps checkpoints of different names apart', async () => {
      const [a, b] = [uniqueName('a'), uniqueName('b')];
      await checkpoints.save(a, at(5n), null);
      expect(await checkpoints.load(b)).toBeNull();
      await checkpoints.save(b, at(7n), null);
      expect((await checkpoints.load(a))?.position).toEqual(at(5n));
    });
  });
};
