import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteIdentityStore, UsersService } from '@app/auth';
import { annexA, completeMaterials, freePort } from '@app/testing';
import { PASSWORD } from './api-harness';

const ROOT = resolve(__dirname, '..', '..');

/**
 * `npm start` as a user runs it — TypeScript sources, file stores, BACKGROUND at its default (`thread`): the
 * projector and timers run in a worker thread of the API process, on connections of their own.
 */
describe('the API with its background work in a worker thread (npm start)', () => {
  let folder: string;
  let api: ChildProcess;
  let output = '';
  let base: string;
  let token: string;

  const startApi = async (): Promise<void> => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          LOG_LEVEL: 'info',
          SQLITE_PATH: join(folder, 'events.sqlite'),
          READ_STORE_PATH: join(folder, 'read.sqlite'),
          AUTH_DB_PATH: join(folder, 'auth.sqlite'),
        },
      },
    );
    api.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}:\n${output}`);
      const ready = await fetch(`${base}/health/ready`).catch(() => undefined);
      if (ready?.ok) return;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error(`the API was not ready within 60 s:\n${output}`);
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'background-thread-'));
    const identities = SqliteIdentityStore.open(join(folder, 'auth.sqlite'));
    try {
      await new UsersService(identities).create({
        username: 'intake',
        password: PASSWORD,
        roles: ['INTAKE_OFFICER'],
      });
    } finally {
      await identities.close();
    }
    await startApi();
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'intake', password: PASSWORD }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 90_000);

  afterAll(() => {
    if (api.exitCode === null) api.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts the background thread, and the API thread only observes the read models', async () => {
    expect(output).toContain('runs in a worker thread');
    // Both threads log through pino: the projector's lines come from the background thread.
    expect(output).toMatch(/"context":"ProjectionRunner"/);
    const ready = (await (await fetch(`${base}/health/ready`)).json()) as {
      projections: { state: string }[];
    };
    expect(new Set(ready.projections.map((p) => p.state))).toEqual(new Set(['observed']));
  });

  it('runs the thread at a lower priority than the thread answering requests (BACKGROUND_NICE, default 10)', () => {
    expect(output).toContain('Background thread runs at nice 10');
    if (process.platform !== 'linux') return; // the log line above is all other systems show
    // Each thread's nice value is the 19th field of its stat line.
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/${api.pid}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const main = niceOf(String(api.pid));
    const others = readdirSync(`/proc/${api.pid}/task`).filter((tid) => tid !== String(api.pid));
    expect(others.filter((tid) => niceOf(tid) === Math.min(19, main + 10))).toHaveLength(1);
  });

  it('projects a command’s events in the thread: a read with X-Min-Position sees them at once', async () => {
    const submitted = await fetch(`${base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() }),
    });
    expect(submitted.status).toBe(201);
    const { id, position } = (await submitted.json()) as { id: string; position: string };
    const list = await fetch(`${base}/api/v1/applications`, {
      headers: { authorization: `Bearer ${token}`, 'x-min-position': position },
    });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-read-model-stale')).toBeNull();
    const { items } = (await list.json()) as { items: { id: string }[] };
    expect(items.map((item) => item.id)).toContain(id);
  });

  it('stops the thread with the process on SIGTERM', async () => {
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
      api.once('exit', (code, signal) => done({ code, signal })),
    );
    api.kill('SIGTERM');
    // Nest closes the application, then ends the process with the signal it received.
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(output).toContain('Background thread stopped');
    expect(output).not.toMatch(/did not stop within|stopped unexpectedly/);
  }, 40_000);
});
