import { readdirSync, readFileSync } from 'node:fs';

/** The kernel's unit of the CPU times in /proc/<pid>/task/<tid>/stat (USER_HZ: 100 on Linux's mainstream ABIs). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of each thread of a process, by thread id; null where /proc cannot tell (not Linux). */
export const threadCpuSeconds = (pid: number): Map<number, number> | null => {
  try {
    const threads = new Map<number, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      } catch {
        continue; // the thread ended between the listing and the read
      }
      // After "tid (name) " come the fields from the third on: utime and stime are the 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    }
    return threads;
  } catch {
    return null;
  }
};

/** Seconds the main thread of a process has waited for a core while ready to run (/proc schedstat); NaN if unknown. */
const mainThreadWaited = (pid: number): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
};

/**
 * Where a process's CPU went over some intervals: its main thread and all its other threads, in CPU seconds; and
 * how long its main thread was ready to run but waited for a core.
 */
export interface ProcessCpu {
  main: number;
  others: number;
  mainWaited: number;
}

/**
 * Adds up a process's CPU over the intervals between `start` and `stop` (the load runs of a case, not the pauses
 * between them). Its main thread is the one whose id is the process's; the others are a Node process's worker
 * threads (the API's background thread), V8's garbage-collection and compiler threads and libuv's pool.
 */
export class ProcessCpuMeter {
  private readonly total: ProcessCpu = { main: 0, others: 0, mainWaited: 0 };
  private before: Map<number, number> | null = null;
  private waitedBefore = 0;
  private measured = true;

  constructor(private readonly pid: number) {}

  start(): void {
    this.before = threadCpuSeconds(this.pid);
    this.waitedBefore = mainThreadWaited(this.pid);
  }

  stop(): void {
    const after = threadCpuSeconds(this.pid);
    const waited = mainThreadWaited(this.pid);
    const before = this.before;
    this.before = null;
    if (!before || !after || Number.isNaN(waited - this.waitedBefore)) {
      this.measured = false;
      return;
    }
    this.total.mainWaited += waited - this.waitedBefore;
    for (const [tid, seconds] of after) {
      const used = seconds - (before.get(tid) ?? 0);
      if (tid === this.pid) this.total.main += used;
      else this.total.others += used;
    }
  }

  /** The CPU seconds measured, or null if any interval could not be read. */
  result(): ProcessCpu | null {
    return this.measured ? { ...this.total } : null;
  }
}
