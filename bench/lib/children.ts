import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildForChildren } from './build';

/** Messages a bench child sends on its IPC channel. */
export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

export interface RssSample {
  atMs: number;
  rssMb: number;
  phase: string;
}

/** Resident set size and its peak (VmHWM) of a process, from /proc (Linux), in MB. */
export const readRss = (pid: number): { rssMb: number; peakMb: number } | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
};

/**
 * A child process running a compiled bench entry (`bench/server/*.ts`), with an IPC channel, its stderr kept for
 * error reports, and its RSS sampled every 100 ms under the current `phase` label.
 */
export class BenchChild {
  readonly samples: RssSample[] = [];
  phase = 'start-up';
  private readonly started = Date.now();
  private readonly stderr: string[] = [];
  private readonly messages: ChildMessage[] = [];
  private readonly waiters: { type: string; resolve: (m: ChildMessage) => void }[] = [];
  private readonly sampler: NodeJS.Timeout;
  private exited: Promise<number | null>;
  private peakMb = 0;

  private constructor(private readonly process: ChildProcess) {
    process.stderr?.setEncoding('utf8');
    process.stderr?.on('data', (chunk: string) => {
      this.stderr.push(chunk);
      if (this.stderr.length > 200) this.stderr.shift();
    });
    process.on('message', (message: ChildMessage) => {
      const index = this.waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiters.splice(index, 1)[0].resolve(message);
      else this.messages.push(message);
    });
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    this.sampler = setInterval(() => this.sample(), 100);
    this.sampler.unref();
  }

  /** Starts `entry` (a path like `bench/server/api-server.ts`) compiled, with `env` added to the environment. */
  static async start(
    entry: string,
    env: Record<string, string>,
    nodeArgs: string[] = [],
  ): Promise<BenchChild> {
    const build = await buildForChildren();
    const child = fork(join(build, entry.replace(/\.ts$/, '.js')), [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: nodeArgs,
    });
    return new BenchChild(child);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  /** The next message of `type` (or one already received); rejects if the child exits or `timeoutMs` passes. */
  waitFor(type: string, timeoutMs: number): Promise<ChildMessage> {
    const queued = this.messages.findIndex((m) => m.type === type);
    if (queued >= 0) return Promise.resolve(this.messages.splice(queued, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${type} not received in ${timeoutMs} ms${this.tail()}`)),
        timeoutMs,
      );
      const waiter = {
        type,
        resolve: (message: ChildMessage) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      this.waiters.push(waiter);
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the child exited (${code}) before ${type}${this.tail()}`));
      });
    });
  }

  send(message: ChildMessage): void {
    this.process.send(message);
  }

  /** Samples now (also called every 100 ms) and returns the current RSS. */
  sample(): number {
    const rss = readRss(this.pid);
    if (rss && Number.isFinite(rss.rssMb)) {
      this.samples.push({ atMs: Date.now() - this.started, rssMb: rss.rssMb, phase: this.phase });
      if (Number.isFinite(rss.peakMb)) this.peakMb = Math.max(this.peakMb, rss.peakMb);
      return rss.rssMb;
    }
    return Number.NaN;
  }

  /** The kernel's peak RSS of the process (VmHWM), as last read. */
  get peakRssMb(): number {
    return this.peakMb;
  }

  /** Asks the child to close (message `stop`), then SIGTERM, then SIGKILL. */
  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    try {
      this.process.send({ type: 'stop' });
    } catch {
      // IPC already closed.
    }
    const exited = await Promise.race([this.exited.then(() => true), delay(15_000).then(() => false)]);
    if (exited) return;
    this.process.kill('SIGTERM');
    if (await Promise.race([this.exited.then(() => true), delay(5_000).then(() => false)])) return;
    this.process.kill('SIGKILL');
    await this.exited;
  }

  /** Throws, with the end of its stderr, when the child is no longer running (a case's load would only fail). */
  assertRunning(): void {
    const { exitCode, signalCode } = this.process;
    if (exitCode === null && signalCode === null) return;
    throw new Error(`the child process ended (exit code ${exitCode}, signal ${signalCode})${this.tail()}`);
  }

  /** The end of the child's stderr, for error messages. */
  tail(): string {
    const text = this.stderr.join('').trim();
    return text ? `\n--- child stderr ---\n${text.slice(-3000)}` : '';
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection after `ms` (the timer is cleared either way, so it never holds the process open). */
export const withTimeout = async <T>(promise: Promise<T>, ms: number, message: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};
