import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_NOW } from '../datasets/certification-files';
import {
  ensureCommandDataset,
  ensureMainDataset,
  type CommandDataset,
  type MainDataset,
} from '../datasets/cache';
import { BenchChild, delay } from './children';
import type { FileWalkUsers } from './file-walk';
import type { Profile } from './profile';
import { ROOT } from './paths';

export interface ApiUnderTest {
  child: BenchChild;
  url: string;
  /** Bearer tokens of the bench users, by role. */
  tokens: { registry: string; decider: string; regulator: string };
  /** The users a file's commands need (case 2's walk). */
  fileUsers: FileWalkUsers;
  startupMs: number;
  dataset: MainDataset;
}

/**
 * What the cases share in one run: the profile, a scratch directory (removed at the end), the datasets (generated
 * or taken from the cache once per run) and one API process on a copy of the main dataset (HTTP, registry and
 * memory cases use the same process, so its RSS covers all of them).
 */
export class BenchContext {
  private mainDataset?: Promise<MainDataset>;
  private commandDataset?: Promise<CommandDataset>;
  private apiUnderTest?: Promise<ApiUnderTest>;
  private copies = 0;

  constructor(
    readonly profile: Profile,
    readonly workDir: string,
  ) {
    mkdirSync(workDir, { recursive: true });
  }

  main(): Promise<MainDataset> {
    this.mainDataset ??= ensureMainDataset(this.profile);
    return this.mainDataset;
  }

  /** The main dataset if a case used it in this run (for the report), else null. */
  async mainIfLoaded(): Promise<MainDataset | null> {
    return this.mainDataset ? this.mainDataset.catch(() => null) : null;
  }

  commands(): Promise<CommandDataset> {
    this.commandDataset ??= ensureCommandDataset(this.profile);
    return this.commandDataset;
  }

  /** A writable copy of a cached database in the scratch directory. */
  copyDatabase(source: string, name: string): string {
    const dir = join(this.workDir, `${++this.copies}-${name}`);
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'db.sqlite');
    copyFileSync(source, target);
    return target;
  }

  /** A fresh directory in the scratch directory. */
  scratch(name: string): string {
    const dir = join(this.workDir, `${++this.copies}-${name}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  api(): Promise<ApiUnderTest> {
    this.apiUnderTest ??= startApi(this);
    return this.apiUnderTest;
  }

  /** Whether the API process was started in this run (the memory case reports on it either way). */
  get apiStarted(): boolean {
    return this.apiUnderTest !== undefined;
  }

  async close(): Promise<void> {
    if (this.apiUnderTest) await (await this.apiUnderTest.catch(() => null))?.child.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** The NODE_OPTIONS the image runs the API with (docker/Dockerfile), so the API under test runs as it does. */
const imageNodeOptions = (): string[] => {
  const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
  const line = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile);
  if (!line) throw new Error('docker/Dockerfile sets no NODE_OPTIONS');
  return line[1].split(' ');
};

const startApi = async (context: BenchContext): Promise<ApiUnderTest> => {
  const dataset = await context.main();
  const dir = context.scratch('api');
  const events = join(dir, 'events.sqlite');
  const reads = join(dir, 'read.sqlite');
  copyFileSync(dataset.eventsPath, events);
  copyFileSync(dataset.readPath, reads);
  const password = `Bench-${randomBytes(18).toString('base64url')}-9z`;
  const started = Date.now();
  const child = await BenchChild.start(
    'bench/server/api-server.ts',
    {
      NODE_ENV: 'production',
      PORT: '3999',
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: events,
      SQLITE_SYNCHRONOUS: 'FULL',
      READ_STORE: 'embedded',
      READ_STORE_PATH: reads,
      AUTH_DB_PATH: join(dir, 'auth.sqlite'),
      AUTH_JWT_SECRET: randomBytes(48).toString('base64url'),
      AUTH_TOKEN_TTL_SECONDS: '86400',
      PROJECTOR: 'on',
      TIMERS: 'on',
      KAFKA_BROKERS: '',
      CLOCK: 'manual',
      CLOCK_START: BENCH_NOW,
      LOG_LEVEL: 'info',
      // All load comes from 127.0.0.1: the public registry's per-address limit (120/min by default) would answer
      // 429 after two seconds. Lifted to its maximum; everything else is the default configuration.
      REGISTRY_RATE_LIMIT: '1000000',
      BENCH_PASSWORD: password,
    },
    // The image's V8 settings, then diagnostics: e.g. BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p'.
    [...imageNodeOptions(), ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ')].filter(
      (arg) => arg !== '',
    ),
  );
  try {
    const ready = await child.waitFor('ready', 600_000);
    const url = `http://127.0.0.1:${String(ready.port)}`;
    const login = async (username: string): Promise<string> => {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    };
    const tokens = {
      registry: await login('bench-registry'),
      decider: await login('bench-decider'),
      regulator: await login('bench-regulator'),
    };
    const auditor = await login('bench-auditor');
    const me = await fetch(`${url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${auditor}` } });
    const fileUsers: FileWalkUsers = {
      intake: await login('bench-intake'),
      programme: await login('bench-programme'),
      auditor,
      auditorId: ((await me.json()) as { id: string }).id,
      reviewer: await login('bench-reviewer'),
      decider: tokens.decider,
    };
    await waitUntilLive(url, 600_000);
    const startupMs = Date.now() - started;
    child.phase = 'idle';
    return { child, url, tokens, fileUsers, startupMs, dataset };
  } catch (error) {
    await child.stop();
    throw error;
  }
};

interface Readiness {
  projections: { name: string; state: string; lag: number }[];
}

/** Until every projection of the API has caught up with the log (its read store was built to the head). */
const waitUntilLive = async (url: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/health/ready`).catch(() => null);
    if (response?.ok) {
      const body = (await response.json()) as Readiness;
      last = JSON.stringify(body.projections.map((p) => `${p.name}:${p.state}:${p.lag}`));
      // `observed`: the projector runs in the API's background thread, and the API thread reads its checkpoints.
      if (body.projections.every((p) => ['live', 'observed'].includes(p.state) && p.lag === 0)) return;
    }
    await delay(250);
  }
  throw new Error(`the API's projections did not become live: ${last}`);
};
