import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** `npm run demo` as a user runs it: its own process, the TypeScript sources, file stores of a folder. */
const runDemo = (folder: string) =>
  spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/demo/main.ts'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH,
        SQLITE_PATH: join(folder, 'events.sqlite'),
        READ_STORE_PATH: join(folder, 'read.sqlite'),
        AUTH_DB_PATH: join(folder, 'auth.sqlite'),
      },
    },
  );

describe('npm run demo', () => {
  const folder = mkdtempSync(join(tmpdir(), 'demo-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('walks every demo file through the use cases and lists the accounts; a second run adds nothing', () => {
    const first = runDemo(folder);
    expect({ status: first.status, stderr: first.status === 0 ? '' : first.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(first.stdout).toContain('[6/6] cancelled on request … done');
    expect(first.stdout).toContain("'decider'");
    const second = runDemo(folder);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('The demo files are already in this store');
  }, 240_000);
});
