import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@app/testing';
import { healthcheckCommand, readDockerfile } from './dockerfile';

/**
 * What the image does, without Docker: the build stage's `npm run build` (tsc -p tsconfig.build.json) and alias
 * links, then the runtime stage's commands on the output. The output goes under the repository's .tmp/ so that
 * Node finds node_modules by walking up, as it finds /app/node_modules in the image.
 */
const ROOT = join(__dirname, '..', '..');
const runtime = readDockerfile().at(-1);

const waitForReady = async (url: string, api: ChildProcess, output: () => string): Promise<Response> => {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}:\n${output()}`);
    const response = await fetch(url).catch(() => undefined);
    if (response) return response;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not answer ${url} within 30 s:\n${output()}`);
};

describe('the image’s build and start commands, run from the compiled output', () => {
  let workDir: string;
  let build: { status: number | null; output: string };
  let api: ChildProcess | undefined;
  let apiOutput = '';
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    workDir = mkdtempSync(join(ROOT, '.tmp', 'docker-image-'));
    const tsc = spawnSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(workDir, 'dist')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    build = { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
    const link = spawnSync(
      process.execPath,
      ['docker/link-path-aliases.mjs', 'tsconfig.json', join(workDir, 'dist'), join(workDir, 'node_modules')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (link.status !== 0) throw new Error(`link-path-aliases failed: ${link.stderr}`);
    // Embedded stores in the work directory: this test proves the process starts, not the distributed mode.
    const data = join(workDir, 'data');
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SQLITE_PATH: join(data, 'events.sqlite'),
      AUTH_DB_PATH: join(data, 'auth.sqlite'),
      READ_STORE_PATH: join(data, 'read.sqlite'),
    };
  }, 120_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api?.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  it('compiles with `npm run build`’s configuration without errors (the image build stops on any)', () => {
    expect({ status: build.status, output: build.output }).toEqual({ status: 0, output: '' });
  });

  it('starts the API with the image’s CMD, ready on PORT, and the image’s HEALTHCHECK passes', async () => {
    if (!runtime) throw new Error('no stage in docker/Dockerfile');
    const cmd = runtime.instructions.find((instruction) => instruction.keyword === 'CMD');
    const [executable, ...args] = JSON.parse(cmd?.args ?? '[]') as string[];
    expect(executable).toBe('node');
    const port = await freePort();
    api = spawn(process.execPath, args, { cwd: workDir, env: { ...env, PORT: String(port) } });
    api.stdout?.on('data', (chunk: Buffer) => (apiOutput += chunk.toString()));
    api.stderr?.on('data', (chunk: Buffer) => (apiOutput += chunk.toString()));

    const ready = await waitForReady(`http://127.0.0.1:${port}/health/ready`, api, () => apiOutput);
    expect(ready.status).toBe(200);
    await expect(ready.json()).resolves.toMatchObject({ status: 'ok', eventStore: { status: 'up' } });

    const [node, ...probe] = healthcheckCommand(runtime);
    expect(node).toBe('node');
    const healthy = spawnSync(process.execPath, probe, { env: { ...env, PORT: String(port) } });
    expect(healthy.status).toBe(0);
    // And it can fail: nothing listens on another free port.
    const unhealthy = spawnSync(process.execPath, probe, { env: { ...env, PORT: String(await freePort()) } });
    expect(unhealthy.status).toBe(1);
  }, 60_000);

  it('runs the CLI entry point the compose `cli` service uses', () => {
    const entry = join(workDir, 'dist', 'apps', 'cli', 'src', 'main.js');
    expect(existsSync(entry)).toBe(true);
    const help = spawnSync(process.execPath, [entry, '--help'], { cwd: workDir, env, encoding: 'utf8' });
    expect({ status: help.status, stderr: help.stderr }).toEqual({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/users[\s\S]*projections/);
  });
});
