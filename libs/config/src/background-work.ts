import { isMainThread, workerData } from 'node:worker_threads';
import type { ConfigService } from '@nestjs/config';
import type { Environment } from './environment';

/** The switches of the background work: what a process runs besides answering requests. */
export type BackgroundWork = 'PROJECTOR' | 'TIMERS' | 'KAFKA_RELAY';

/** `workerData.role` of the worker thread an API process runs its background work in. */
export const BACKGROUND_THREAD_ROLE = 'background-work';

export type BackgroundPlacement = { where: 'thread' } | { where: 'inline'; reason: string };

const IN_MEMORY = ':memory:';

/** Where an API process with this configuration runs its background work (BACKGROUND, and what allows it). */
export const backgroundPlacement = (env: Environment): BackgroundPlacement => {
  if (env.BACKGROUND === 'inline') return { where: 'inline', reason: 'BACKGROUND=inline' };
  if (env.PROJECTOR === 'off' && env.TIMERS === 'off' && env.KAFKA_RELAY === 'off')
    return { where: 'inline', reason: 'no background work is switched on' };
  if (env.EVENT_STORE === 'sqlite' && env.SQLITE_PATH === IN_MEMORY)
    return { where: 'inline', reason: 'the event store is in memory (SQLITE_PATH=:memory:)' };
  if (env.READ_STORE === 'embedded' && env.READ_STORE_PATH === IN_MEMORY)
    return { where: 'inline', reason: 'the read store is in memory (READ_STORE_PATH=:memory:)' };
  return { where: 'thread' };
};

/** True in the worker thread an API process started for its background work. */
export const isBackgroundThread = (): boolean =>
  !isMainThread && (workerData as { role?: unknown } | null)?.role === BACKGROUND_THREAD_ROLE;

/**
 * Set once, before its modules are built, by an API process whose background work runs in a worker thread; each
 * thread has its own copy of this module, so the flag stays false in that worker thread.
 */
let handedToThread = false;

export const handBackgroundWorkToThread = (): void => {
  handedToThread = true;
};

export const backgroundWorkHandedToThread = (): boolean => handedToThread;

/** Whether this thread runs `work`: switched on, and not handed by this API thread to its background thread. */
export const runsHere = (config: ConfigService<Environment, true>, work: BackgroundWork): boolean =>
  config.get(work, { infer: true }) === 'on' && !handedToThread;
