import { readdirSync, readFileSync } from 'node:fs';
import { metric, type Metric } from './report';

/** The kernel's unit of the CPU times in /proc/<pid>/task/<tid>/stat (USER_HZ: 100 on Linux's mainstream ABIs). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of each thread of a process, by thread id; null where /proc cannot tell (not Linux). */
const threadCpuSeconds = (pid: number): Map<number, number> | null => {
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
interface ProcessCpu {
  main: number;
  others: number;
  mainWaited: number;
}

/**
 * Adds up a process's CPU over the intervals between `start` and `stop` (the load runs of a case, not the pauses
 * between them). Its main thread is the one whose id is the process's; the others are a Node process's worker
 * threads (the API's background thread), V8's garbage-collection and compiler threads and libuv's pool.
 */
class ProcessCpuMeter {
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

/**
 * Where the cores went during load runs: an API process's threads and this process's main thread (autocannon, the
 * load generator), added up over the runs given to `during`, reported in % of one core over their wall time.
 */
export class LoadCpu {
  private readonly api: ProcessCpuMeter;
  private readonly loadGenerator = new ProcessCpuMeter(process.pid);
  private measuredSeconds = 0;

  constructor(apiPid: number) {
    this.api = new ProcessCpuMeter(apiPid);
  }

  /** The wall time of the runs measured so far. */
  get seconds(): number {
    return this.measuredSeconds;
  }

  async during<T>(run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.api.start();
    this.loadGenerator.start();
    try {
      return await run();
    } finally {
      this.api.stop();
      this.loadGenerator.stop();
      this.measuredSeconds += (performance.now() - started) / 1000;
    }
  }

  /** Ids and labels start with `route` when given; none where /proc could not tell. */
  metrics(route = ''): Metric[] {
    const api = this.api.result();
    const loadGenerator = this.loadGenerator.result();
    if (!api || !loadGenerator || this.seconds === 0) return [];
    const share = (cpuSeconds: number) => (100 * cpuSeconds) / this.seconds;
    const id = (name: string) => (route ? `${route}-${name}` : name);
    const label = (text: string) => (route ? `${route}: ${text}` : text);
    return [
      metric({
        id: id('api-main-cpu'),
        label: label("CPU: the API's main thread"),
        unit: '%',
        value: share(api.main),
      }),
      metric({
        id: id('api-main-waiting'),
        label: label("the API's main thread waiting for a core"),
        unit: '%',
        value: share(api.mainWaited),
      }),
      metric({
        id: id('api-other-cpu'),
        label: label("CPU: the API's other threads (background, V8, libuv)"),
        unit: '%',
        value: share(api.others),
      }),
      metric({
        id: id('load-generator-cpu'),
        label: label('CPU: the load generator (autocannon)'),
        unit: '%',
        value: share(loadGenerator.main),
      }),
    ];
  }
}
