import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MainMeta } from '../datasets/cache';
import type { BenchCase } from './case';
import { ROOT } from './paths';
import type { CaseResult } from './report';

/** What a case run in a process of its own hands back to the runner. */
export interface OwnProcessOutcome {
  result: CaseResult;
  /** The main dataset's description, when the case used it. */
  main: MainMeta | null;
}

/**
 * Runs `benchCase` alone in a fresh Node process (the bench's own entry, as `npm run bench` starts it, with
 * `--result-file`), passing the profile's options on, and reads back its result. A case that measures the bench's
 * own process (the command path, the rebuild, the regulator replay, the relay, the peer) would otherwise run in the
 * heap and among the compiled code the cases before it left: measured after the rebuild case in one process, the
 * regulator replay took 30.4 ms and the relay caught up at 20,236 ev/s, against 23.5 ms and 27,434 ev/s for the
 * same code in a process of their own.
 */
export const runInOwnProcess = async (
  benchCase: BenchCase,
  profileArguments: readonly string[],
): Promise<OwnProcessOutcome> => {
  const dir = mkdtempSync(join(tmpdir(), `bench-${benchCase.id}-`));
  const resultFile = join(dir, 'result.json');
  const started = Date.now();
  try {
    const ended = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          join('bench', 'main.ts'),
          ...profileArguments,
          '--result-file',
          resultFile,
          benchCase.id,
        ],
        { cwd: ROOT, stdio: 'inherit' },
      );
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(signal ? `on ${signal}` : `with code ${String(code)}`));
    });
    try {
      return JSON.parse(readFileSync(resultFile, 'utf8')) as OwnProcessOutcome;
    } catch {
      return {
        result: {
          id: benchCase.id,
          number: benchCase.number,
          title: benchCase.title,
          status: 'failed',
          reason: `its process exited ${ended} before giving a result`,
          durationMs: Date.now() - started,
          metrics: [],
          notes: [],
        },
        main: null,
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
