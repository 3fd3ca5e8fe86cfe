import type { ReadStore } from '@app/read-models';
import type { FindContractContext } from './read-store-contract-find';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

/** The lease one active projector rests on, run inside `describeReadStoreContract`. */
export const describeLeaseContract = (
  context: Pick<FindContractContext, 'store' | 'projectionName'>,
): void => {
  let store: ReadStore;
  beforeAll(() => {
    store = context.store();
  });

  describe('leases', () => {
    it('gives a free lease to the first holder, and refuses it to another until it expires', async () => {
      const name = context.projectionName('lease');
      expect(await store.takeLease(name, 'a', at(15), at(0))).toEqual({ holder: 'a', expiresAt: at(15) });
      expect(await store.takeLease(name, 'b', at(20), at(5))).toEqual({ holder: 'a', expiresAt: at(15) });
      expect(await store.takeLease(name, 'b', at(29), at(14))).toEqual({ holder: 'a', expiresAt: at(15) });
      expect(await store.takeLease(name, 'b', at(30), at(15))).toEqual({ holder: 'b', expiresAt: at(30) });
      expect(await store.takeLease(name, 'a', at(31), at(16))).toEqual({ holder: 'b', expiresAt: at(30) });
    });

    it('renews a lease for its holder, even after its time ran out if no one took it', async () => {
      const name = context.projectionName('lease');
      await store.takeLease(name, 'a', at(15), at(0));
      expect(await store.takeLease(name, 'a', at(20), at(5))).toEqual({ holder: 'a', expiresAt: at(20) });
      expect(await store.takeLease(name, 'a', at(40), at(25))).toEqual({ holder: 'a', expiresAt: at(40) });
    });

    it('is released only by its holder, and is free at once when released', async () => {
      const name = context.projectionName('lease');
      await store.takeLease(name, 'a', at(15), at(0));
      await store.releaseLease(name, 'b');
      expect(await store.takeLease(name, 'b', at(16), at(1))).toEqual({ holder: 'a', expiresAt: at(15) });
      await store.releaseLease(name, 'a');
      expect(await store.takeLease(name, 'b', at(17), at(2))).toEqual({ holder: 'b', expiresAt: at(17) });
    });

    it('keeps leases of different names apart', async () => {
      const [first, second] = [context.projectionName('lease'), context.projectionName('lease')];
      await store.takeLease(first, 'a', at(15), at(0));
      expect(await store.takeLease(second, 'b', at(15), at(0))).toEqual({ holder: 'b', expiresAt: at(15) });
    });

    it('lets one of many holders taking a free lease at once have it', async () => {
      const name = context.projectionName('lease');
      const holders = ['a', 'b', 'c', 'd', 'e', 'f'];
      const answers = await Promise.all(
        holders.map((holder) => store.takeLease(name, holder, at(15), at(0))),
      );
      const winner = answers[0].holder;
      expect(holders).toContain(winner);
      expect(answers.map((lease) => lease.holder)).toEqual(holders.map(() => winner));
    });

    it('tells the time leases are measured by: its clock, near this host’s (the stores run here or beside it)', async () => {
      const before = Date.now();
      const first = await store.storeTime();
      const second = await store.storeTime();
      expect(Math.abs(first.getTime() - before)).toBeLessThan(5_000);
      expect(second.getTime()).toBeGreaterThanOrEqual(first.getTime());
    });
  });
};
