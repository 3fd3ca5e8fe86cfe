import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ReadStore } from '../read-store.port';

/** What a lease holder runs while it holds the lease; `start` may be called again while it runs. */
export interface LeasedWork {
  /** In words, for the logs: "the projections". */
  description: string;
  start(): Promise<void> | void;
  stop(): Promise<void>;
}

export interface LeaseOptions {
  /** How long a taken lease lasts; it is renewed every third of it. */
  ttlMs: number;
  logger: { log(message: string): void; warn(message: string): void; error(message: string): void };
  /** Default: host, process id and a random part. */
  holder?: string;
  /**
   * This process's clock, for how long it may go on writing (leases are not domain time: never the manual clock).
   * When a lease ends is the store's clock (ReadStore.storeTime), which every process reads alike.
   */
  now?: () => number;
}

/**
 * Runs a piece of background work in one process at a time, however many run it (a second worker for
 * availability, two during a rolling update, `npm start` twice on one data folder): the process holding the read
 * store's lease `name` runs it; the others stand by and take over once the lease is released (a clean stop) or
 * expires (a crash: within `ttlMs`; at once when the holder was a process of this host that no longer runs, e.g.
 * `npm start` again after it was killed). A lease runs until a time of the store's clock, which every process reads
 * alike, so hosts whose own clocks disagree still agree on when it ends. The holder renews every third of `ttlMs`
 * and counts as writable only until two thirds of the lease have passed by its own clock since it asked — otherwise
 * it stops the work and stands by — so another process, which takes an expired lease only, never finds it still at
 * work.
 */
export class LeaseHolder {
  readonly holder: string;
  private active = false;
  /** Until when (ms) this process may write: a third of the lease before it expires. */
  private writableUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Attempts and stops run one at a time, in order. */
  private turn: Promise<void> = Promise.resolve();
  /** The other holder last reported, so standing by is logged once per holder. */
  private reported: string | null = null;
  private readonly now: () => number;

  constructor(
    private readonly readStore: ReadStore,
    readonly name: string,
    private readonly work: LeasedWork,
    private readonly options: LeaseOptions,
  ) {
    if (!(options.ttlMs >= 3)) throw new RangeError('ttlMs must be at least 3');
    this.holder = options.holder ?? `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? Date.now;
  }

  /** Whether this process runs the work now. */
  get isActive(): boolean {
    return this.active;
  }

  /** Whether this process may write for the work: it holds the lease with a third of it left. */
  get isWritable(): boolean {
    return this.active && this.now() < this.writableUntil;
  }

  /** Takes the lease if it can (and starts the work), then tries again every third of `ttlMs`. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.enqueue(() => this.attempt()), this.options.ttlMs / 3);
    await this.enqueue(() => this.attempt());
  }

  /** Stops the work and releases the lease, so a process standing by takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.enqueue(async () => {
      if (!this.active) return;
      await this.standBy();
      await this.readStore.releaseLease(this.name, this.holder).catch((error: unknown) => {
        this.options.logger.warn(`Lease ${this.name}: could not release it (${String(error)}); it expires`);
      });
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.turn = this.turn.then(step).catch((error: unknown) => {
      this.options.logger.error(`Lease ${this.name}: ${String(error)}`);
    });
    return this.turn;
  }

  private async attempt(): Promise<void> {
    const { ttlMs, logger } = this.options;
    const asked = this.now();
    let holder: string;
    try {
      const storeNow = await this.readStore.storeTime();
      const until = new Date(storeNow.getTime() + ttlMs);
      const lease = await this.readStore.takeLease(this.name, this.holder, until, storeNow);
      holder = lease.holder;
      if (holder !== this.holder && endedOnThisHost(holder)) {
        // Its process is gone (killed, crashed) from this very host: no need to wait for its lease to expire. Taken
        // as if it had expired now; if another process got there first, that one holds it.
        holder = (await this.readStore.takeLease(this.name, this.holder, until, lease.expiresAt)).holder;
        if (holder === this.holder)
          logger.log(`Lease ${this.name}: ${lease.holder} no longer runs on this host`);
      }
    } catch (error) {
      logger.warn(`Lease ${this.name}: could not take or renew it (${String(error)})`);
      if (this.active && this.now() >= this.writableUntil) await this.standBy();
      return;
    }
    if (holder === this.holder) {
      this.writableUntil = asked + (ttlMs * 2) / 3;
      this.reported = null;
      if (!this.active)
        logger.log(`Lease ${this.name} taken by ${this.holder}: this process runs ${this.work.description}`);
      this.active = true;
      // Also starts again what stopped while the lease had lapsed (e.g. a write refused then).
      await this.work.start();
      return;
    }
    if (this.active) await this.standBy();
    if (this.reported !== holder) {
      logger.log(`Lease ${this.name} held by ${holder}: this process stands by`);
      this.reported = holder;
    }
  }

  private async standBy(): Promise<void> {
    if (this.active)
      this.options.logger.warn(`Lease ${this.name}: ${this.holder} stops ${this.work.description}`);
    this.active = false;
    this.writableUntil = 0;
    await this.work.stop();
  }
}

/** A default holder name (`host/pid/random`) of this host whose process no longer runs. */
const endedOnThisHost = (holder: string): boolean => {
  const [host, pid, random, ...rest] = holder.split('/');
  if (rest.length > 0 || random === undefined || host !== hostname() || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: the process runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};
