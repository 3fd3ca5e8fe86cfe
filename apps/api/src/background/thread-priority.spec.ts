import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { currentThreadId, lowerThisThreadPriority, type ThreadPriority } from './thread-priority';

/** The nice value of a thread (or of the process's main thread: `self`), from its stat line's 19th field. */
const niceOf = (path: string): number => {
  const stat = readFileSync(`/proc/${path}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

interface WorkerReport {
  outcome: ThreadPriority;
  threadId: number | null;
  niceAfter: number;
}

/** Lowers a fresh worker thread's priority to `nice` there and reports what the thread saw. */
const inWorkerThread = (nice: number): Promise<WorkerReport> => {
  const source =
    "require('ts-node').register({ transpileOnly: true });" +
    "const { parentPort, workerData } = require('node:worker_threads');" +
    "const { readFileSync } = require('node:fs');" +
    `const priority = require(${JSON.stringify(require.resolve('./thread-priority'))});` +
    'const outcome = priority.lowerThisThreadPriority(workerData.nice);' +
    "const stat = readFileSync('/proc/thread-self/stat', 'utf8');" +
    "const niceAfter = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);" +
    'parentPort.postMessage({ outcome, threadId: priority.currentThreadId(), niceAfter });';
  const worker = new Worker(source, { eval: true, workerData: { nice } });
  return new Promise((resolve, reject) => {
    worker.once('message', (report: WorkerReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
};

const linux = process.platform === 'linux';

(linux ? describe : describe.skip)(
  `the background thread's priority${linux ? '' : ' (skipped: thread priorities are set through /proc, Linux only)'}`,
  () => {
    it("lowers the calling thread's priority below its own and leaves the process's main thread as it was", async () => {
      const mainBefore = niceOf('self');
      const report = await inWorkerThread(7);
      expect(report.outcome).toEqual({ nice: Math.min(19, mainBefore + 7) });
      expect(report.niceAfter).toBe(Math.min(19, mainBefore + 7));
      expect(report.threadId).not.toBe(process.pid);
      expect(niceOf('self')).toBe(mainBefore);
    });

    it('names the main thread by the process id', () => {
      expect(currentThreadId()).toBe(process.pid);
    });

    it('leaves the priority as it is for 0, and says why', async () => {
      const report = await inWorkerThread(0);
      expect(report.outcome).toEqual({ unchanged: 'BACKGROUND_NICE=0' });
      expect(report.niceAfter).toBe(niceOf('self'));
    });

    it('stops at the lowest priority, 19', async () => {
      expect((await inWorkerThread(40)).niceAfter).toBe(19);
    });

    it('says why when the priority cannot be set', () => {
      // Not a number of steps: refused before anything changes.
      const outcome = lowerThisThreadPriority(Number.NaN);
      expect(outcome).toEqual({ unchanged: expect.stringMatching(/^setpriority refused: /) });
    });
  },
);
