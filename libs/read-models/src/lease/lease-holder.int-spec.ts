import { SqliteReadStore } from '../embedded';
import { LeaseHolder, type LeasedWork } from './lease-holder';

const MINUTE = 60_000;

/** Work that only records whether it runs. */
const work = (): LeasedWork & { running: boolean } => {
  const tracked = {
    description: 'the work',
    running: false,
    start: () => {
      tracked.running = true;
    },
    stop: async () => {
      tracked.running = false;
    },
  };
  return tracked;
};

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('LeaseHolder on hosts whose clocks disagree', () => {
  let store: SqliteReadStore;
  const holders: LeaseHolder[] = [];

  beforeEach(() => {
    store = SqliteReadStore.open({ path: ':memory:' });
  });
  afterEach(async () => {
    for (const holder of holders.splice(0)) await holder.stop();
    await store.close();
  });

  /** A holder whose host clock is `skewMs` off the store's. */
  const holderWith = (skewMs: number, ttlMs: number, name: string) => {
    const runs = work();
    const holder = new LeaseHolder(store, 'projector', runs, {
      ttlMs,
      logger: quiet,
      holder: `${name}/1/aaaaaaaa`,
      now: () => Date.now() + skewMs,
    });
    holders.push(holder);
    return { holder, runs };
  };

  it('a host a minute ahead does not take a lease another holds, however late it thinks it is', async () => {
    const first = holderWith(0, 3_000, 'host-a');
    const ahead = holderWith(MINUTE, 3_000, 'host-b');
    await first.holder.start();
    await ahead.holder.start();
    expect([first.runs.running, ahead.runs.running]).toEqual([true, false]);
    expect((await store.takeLease('projector', 'probe', new Date(), await store.storeTime())).holder).toBe(
      'host-a/1/aaaaaaaa',
    );
  });

  it('a host a minute behind takes an abandoned lease once it ends by the store’s clock, not a minute later', async () => {
    const now = await store.storeTime();
    // Held by a process elsewhere that stopped renewing: it ends 300 ms from now.
    await store.takeLease('projector', 'host-c/1/bbbbbbbb', new Date(now.getTime() + 300), now);
    const behind = holderWith(-MINUTE, 300, 'host-d');
    await behind.holder.start();
    expect(behind.runs.running).toBe(false);
    const deadline = Date.now() + 5_000;
    while (!behind.runs.running && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 20));
    expect(behind.runs.running).toBe(true);
  });
});
