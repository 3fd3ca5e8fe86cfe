import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sequenceOf, SqliteEventStore } from '@app/event-store';
import { SqliteReadStore } from '../embedded';
import { ProjectionRunner } from './projection-runner';
import {
  allDocuments,
  counterProjection,
  expectedCounters,
  recordingLogger,
  seedLog,
} from './testing/runner-fixtures';
import type { CounterDoc } from './testing/runner-fixtures';

const ROOT = resolve(__dirname, '../../../..');
const CHILD = join(__dirname, 'testing', 'rebuild-child.ts');

interface ChildRun {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the rebuild child; with `killAfterBatches`, SIGKILLs it as soon as it reported that many batches. */
const runChild = (args: string[], killAfterBatches?: number): Promise<ChildRun> =>
  new Promise((done, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD, ...args],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
    );
    const lines: string[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts);
      const batches = lines.filter((line) => line.startsWith('batch ')).length;
      if (killAfterBatches !== undefined && batches >= killAfterBatches) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => done({ lines, code, signal, stderr }));
  });

describe('a rebuild killed mid-way (real child process, SIGKILL)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rebuild-crash-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('resumes on rerun and ends with exactly the documents of a clean rebuild', async () => {
    const eventsPath = join(directory, 'events.sqlite');
    const readPath = join(directory, 'read.sqlite');
    const eventStore = SqliteEventStore.open({ path: eventsPath, synchronous: 'NORMAL' });
    try {
      await seedLog(eventStore, { streams: 30, perStream: 100, chunk: 25 });
      const head = (await eventStore.headPosition())!;

      // The model exists and serves before the rebuild.
      const readStore = SqliteReadStore.open({ path: readPath });
      const runner = new ProjectionRunner(eventStore, readStore, [counterProjection()], {
        logger: recordingLogger(),
      });
      await runner.start();
      expect(await runner.waitFor(head, 10000)).toBe(true);
      await runner.stop();
      await readStore.close();

      const killed = await runChild([eventsPath, readPath, '20', '15'], 5);
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.lines.some((line) => line.startsWith('done'))).toBe(false);

      const afterKill = SqliteReadStore.open({ path: readPath });
      try {
        expect(await afterKill.activeGeneration('counter')).toBe('v1');
        expect(await afterKill.generations('counter')).toEqual(['v1', 'v1.r1']);
        const reached = sequenceOf((await afterKill.checkpoint('counter', 'v1.r1'))!.position!);
        expect(reached).toBeGreaterThanOrEqual(5 * 20);
        expect(reached).toBeLessThan(sequenceOf(head));
        // Readers still get the complete old generation.
        expect((await afterKill.find('counter', {})).total).toBe(30);
      } finally {
        await afterKill.close();
      }

      const rerun = await runChild([eventsPath, readPath, '20', '0']);
      expect({ code: rerun.code, stderr: rerun.stderr }).toEqual({ code: 0, stderr: '' });
      expect(rerun.lines).toContain('done activated v1.r1');
      // It resumed from the checkpoint instead of starting over.
      const firstDone = Number(rerun.lines[0].split(' ')[1]);
      expect(firstDone).toBeGreaterThan(5 * 20);

      const cleanStore = SqliteReadStore.open({ path: join(directory, 'clean.sqlite') });
      const resumedStore = SqliteReadStore.open({ path: readPath });
      try {
        const clean = new ProjectionRunner(eventStore, cleanStore, [counterProjection()], { batchSize: 20 });
        expect((await clean.rebuild('counter'))[0]).toMatchObject({
          outcome: 'activated',
          generation: 'v1.r1',
        });
        expect(await resumedStore.activeGeneration('counter')).toBe('v1.r1');
        expect(await resumedStore.generations('counter')).toEqual(['v1.r1']);
        const resumed = await allDocuments<CounterDoc>(resumedStore, 'counter');
        expect(resumed).toHaveLength(30);
        expect(resumed).toEqual(await allDocuments<CounterDoc>(cleanStore, 'counter'));
        expect(resumed).toEqual(
          [...(await expectedCounters(eventStore)).values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
        );
        expect((await resumedStore.checkpoint('counter', 'v1.r1'))?.position).toEqual(head);
      } finally {
        await cleanStore.close();
        await resumedStore.close();
      }
    } finally {
      await eventStore.close();
    }
  }, 90000);
});
