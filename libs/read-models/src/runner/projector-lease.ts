import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Position } from '@app/event-store';
import type { ReadStore } from '../read-store.port';
import type { RunnerLogger } from './logger';
import type { ProjectionRunner, ProjectionStatus } from './projection-runner';
import type { ReadModelStatus } from './read-model-status';

/** The lease's name in the read store: one active projector per store. */
export const PROJECTOR_LEASE = 'projector';

/** A write of a projector whose lease may have passed to another: refused, so two never write at once. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(holder: string) {
    super(`the projector lease may have passed from ${holder} to another process: read-model write refused`);
  }
}

/** The read store's writes; reads go straight through. */
const WRITES: ReadonlySet<PropertyKey> = new Set<keyof ReadStore>([
  'prepare',
  'commit',
  'recordFailure',
  'activate',
  'drop',
]);

export interface ProjectorLeaseOptions {
  /** How long a taken lease lasts; it is renewed every third of it. */
  ttlMs: number;
  logger: RunnerLogger;
  /** Default: host, process id and a random part. */
  holder?: string;
  /** The real time (leases are not domain time: never the manual clock). */
  now?: () => number;
}

/**
 * Makes one projector active per read store, however many processes run one (a second worker for availability, two
 * during a rolling update, `npm start` twice on one data folder): the process holding the store's lease runs the
 * projections; the others stand by, report what the store says, and take over once the lease is released (a clean
 * stop) or expires (a crash: within `ttlMs`). The holder renews every third of `ttlMs` and writes only while at
 * least a third of the lease is left by its own clock — otherwise it stops its projections and stands by — so
 * another process, which takes an expired lease only, never finds it still writing (clocks of the hosts agreeing
 * within that third).
 */
export class ProjectorLease implements ReadModelStatus {
  readonly holder: string;
  private readonly runner: ProjectionRunner;
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
    /** What the store says, reported while standing by. */
    private readonly observer: ReadModelStatus,
    /** The runner, given the store it must write through (writes refused without the lease). */
    runnerOn: (store: ReadStore) => ProjectionRunner,
    private readonly options: ProjectorLeaseOptions,
  ) {
    if (!(options.ttlMs >= 3)) throw new RangeError('ttlMs must be at least 3');
    this.holder = options.holder ?? `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? Date.now;
    this.runner = runnerOn(this.fenced());
  }

  /** Whether this process runs the projections now. */
  get isActive(): boolean {
    return this.active;
  }

  /** Takes the lease if it can (and starts the projections), then tries again every third of `ttlMs`. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.enqueue(() => this.attempt()), this.options.ttlMs / 3);
    await this.enqueue(() => this.attempt());
  }

  /** Stops the projections and releases the lease, so a process standing by takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.enqueue(async () => {
      if (!this.active) return;
      await this.standBy();
      await this.readStore.releaseLease(PROJECTOR_LEASE, this.holder).catch((error: unknown) => {
        this.options.logger.warn(`Projector lease: could not release it (${String(error)}); it expires`);
      });
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    if (this.active) return this.runner.status();
    return (await this.observer.status()).map((status) => ({
      ...status,
      state: status.state === 'failed' ? 'failed' : 'standby',
    }));
  }

  waitFor(position: Position, timeoutMs: number, names?: string[]): Promise<boolean> {
    return this.active
      ? this.runner.waitFor(position, timeoutMs, names)
      : this.observer.waitFor(position, timeoutMs, names);
  }

  /** A rebuild, run by the projections of this process (which must hold the lease for its writes). */
  get projections(): ProjectionRunner {
    return this.runner;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.turn = this.turn.then(step).catch((error: unknown) => {
      this.options.logger.error(`Projector lease: ${String(error)}`);
    });
    return this.turn;
  }

  private async attempt(): Promise<void> {
    const { ttlMs, logger } = this.options;
    const asked = this.now();
    let holder: string;
    try {
      holder = (
        await this.readStore.takeLease(PROJECTOR_LEASE, this.holder, new Date(asked + ttlMs), new Date(asked))
      ).holder;
    } catch (error) {
      logger.warn(`Projector lease: could not take or renew it (${String(error)})`);
      if (this.active && this.now() >= this.writableUntil) await this.standBy();
      return;
    }
    if (holder === this.holder) {
      this.writableUntil = asked + (ttlMs * 2) / 3;
      this.reported = null;
      if (!this.active)
        logger.log(`Projector lease taken by ${this.holder}: this process runs the projections`);
      this.active = true;
      // Also restarts projections whose writes were refused while the lease had lapsed (LeaseLostError).
      await this.runner.start();
      return;
    }
    if (this.active) await this.standBy();
    if (this.reported !== holder) {
      logger.log(`Projector lease held by ${holder}: this process stands by`);
      this.reported = holder;
    }
  }

  private async standBy(): Promise<void> {
    if (this.active) this.options.logger.warn(`Projector lease: ${this.holder} stops its projections`);
    this.active = false;
    this.writableUntil = 0;
    await this.runner.stop();
  }

  /** The read store with its writes refused once this process may no longer hold the lease. */
  private fenced(): ReadStore {
    const writable = (): boolean => this.active && this.now() < this.writableUntil;
    return new Proxy(this.readStore, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (!WRITES.has(key)) return value.bind(target);
        return (...args: unknown[]) =>
          writable() ? value.apply(target, args) : Promise.reject(new LeaseLostError(this.holder));
      },
    });
  }
}
