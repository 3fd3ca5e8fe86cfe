import type { Position } from '@app/event-store';
import { LeaseHolder, type LeaseOptions } from '../lease';
import type { ReadStore } from '../read-store.port';
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

/**
 * One active projector per read store (a LeaseHolder of the lease `projector`): the process holding the lease runs
 * the projections, writing through a store that refuses its writes once it may no longer hold it (LeaseLostError
 * stops a projection without recording a failure; the next renewal starts it again); a process standing by reports
 * what the store says, as `standby`.
 */
export class ProjectorLease implements ReadModelStatus {
  /** The runner of this process's projections (a rebuild through it needs the lease for its writes too). */
  readonly projections: ProjectionRunner;
  private readonly lease: LeaseHolder;

  constructor(
    readStore: ReadStore,
    /** What the store says, reported while standing by. */
    private readonly observer: ReadModelStatus,
    /** The runner, given the store it must write through. */
    runnerOn: (store: ReadStore) => ProjectionRunner,
    options: LeaseOptions,
  ) {
    this.lease = new LeaseHolder(
      readStore,
      PROJECTOR_LEASE,
      {
        description: 'the projections',
        start: () => this.projections.start(),
        stop: () => this.projections.stop(),
      },
      options,
    );
    this.projections = runnerOn(fenced(readStore, this.lease));
  }

  get holder(): string {
    return this.lease.holder;
  }

  /** Whether this process runs the projections now. */
  get isActive(): boolean {
    return this.lease.isActive;
  }

  start(): Promise<void> {
    return this.lease.start();
  }

  stop(): Promise<void> {
    return this.lease.stop();
  }

  async status(): Promise<ProjectionStatus[]> {
    if (this.lease.isActive) return this.projections.status();
    return (await this.observer.status()).map((status) => ({
      ...status,
      state: status.state === 'failed' ? 'failed' : 'standby',
    }));
  }

  waitFor(position: Position, timeoutMs: number, names?: string[]): Promise<boolean> {
    return this.lease.isActive
      ? this.projections.waitFor(position, timeoutMs, names)
      : this.observer.waitFor(position, timeoutMs, names);
  }
}

/** The read store with its writes refused while `lease` does not let this process write. */
const fenced = (readStore: ReadStore, lease: LeaseHolder): ReadStore =>
  new Proxy(readStore, {
    get: (target, key) => {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (!WRITES.has(key)) return value.bind(target);
      return (...args: unknown[]) =>
        lease.isWritable ? value.apply(target, args) : Promise.reject(new LeaseLostError(lease.holder));
    },
  });
