import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { basename } from 'node:path';

/** What became of a request to lower a thread's priority: its nice value, or why it was left as it was. */
export type ThreadPriority = { nice: number } | { unchanged: string };

/** The calling thread's kernel id: Linux names it in /proc/thread-self; null on other systems. */
export const currentThreadId = (): number | null => {
  try {
    const id = Number(basename(readlinkSync('/proc/thread-self')));
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
};

/**
 * Lowers the calling thread's scheduling priority by `steps` nice values below its own (a new thread starts at the
 * priority of the thread that made it), to 19 at most. On Linux, setpriority on a thread's id changes that thread
 * only — not the process's other threads — and needs no privilege to lower it.
 */
export const lowerThisThreadPriority = (steps: number): ThreadPriority => {
  if (steps === 0) return { unchanged: 'BACKGROUND_NICE=0' };
  const id = currentThreadId();
  if (id === null) return { unchanged: 'no thread id in /proc/thread-self (Linux only)' };
  try {
    const nice = Math.min(19, getPriority(id) + steps);
    setPriority(id, nice);
    return { nice };
  } catch (error) {
    return { unchanged: `setpriority refused: ${error instanceof Error ? error.message : String(error)}` };
  }
};
