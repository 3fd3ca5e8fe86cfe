/**
 * docker/compose.yml's distributed topology run as processes, without Docker: its two API replicas and its worker,
 * each started with the environment compose gives it and the entry point its command names (run from the
 * TypeScript sources, as `npm start` runs them), on the test servers in place of compose's — the EventStoreDB
 * gRPC test server, the MongoDB wire-compatible server and a real Kafka broker. What it proves is what compose
 * promises: a token from one replica is honoured by the other, commands go to either, the one worker projects
 * into MongoDB for both and relays to Kafka once, and the regulator sees one signed history whichever replica
 * answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { UsersService } from '@app/auth';
import { MongoIdentityStore } from '@app/auth/store/mongodb-identity-store';
import type { Role } from '@app/domain';
import { annexA, completeMaterials, freePort } from '@app/testing';
import { startEsdbTestServer, type EsdbTestServer } from '../esdb-test-server';
import { as, PASSWORD, type ApiClient, type TestUser } from '../e2e/api-harness';
import { createStaff, grantedCertificate, SUSPENSION, type Staff } from '../e2e/granted-certificate';
import { describeWithKafka } from '../infra/kafka/describe-with-kafka';
import { describeWithMongo } from '../infra/mongo/describe-with-mongo';
import {
  environmentOf,
  interpolateAll,
  isMapping,
  readComposeFile,
  readEnvFile,
  servicesOf,
  type Mapping,
} from './compose-file';
import { readDockerfile } from './dockerfile';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..', '..');
/** Where compose mounts the `app-data` volume every app shares (the signing key). */
const APP_DATA = '/app/data';
/**
 * The variables added to compose's: every process stands at this instant (no one moves it), so the story's dates
 * hold whatever day the test runs; and a short projector lease, so a failover takes seconds.
 */
const ADDED = { CLOCK: 'manual', CLOCK_START: '2026-06-01T02:00:00.000Z', LEASE_SECONDS: '3' };

/** `node dist/apps/x/src/main.js` (the image runs the compiled build) → apps/x/src/main.ts. */
const sourceOf = (command: string[]): string => {
  const script = command.find((arg) => arg.startsWith('dist/'));
  if (command[0] !== 'node' || !script) throw new Error(`not a node command: ${command.join(' ')}`);
  return script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
};

/** The service's entrypoint (the CLI) or command (the worker), else the image's CMD (the API). */
const entryOf = (service: Mapping): string => {
  if (Array.isArray(service.entrypoint)) return sourceOf(service.entrypoint.map(String));
  if (Array.isArray(service.command)) return sourceOf(service.command.map(String));
  const cmd = readDockerfile()
    .at(-1)
    ?.instructions.find((instruction) => instruction.keyword === 'CMD');
  if (!cmd) throw new Error('no CMD in the image’s runtime stage');
  return sourceOf(JSON.parse(cmd.args) as string[]);
};

interface Running {
  name: string;
  process: ChildProcess;
  /** Standard output and error, as written. */
  output: () => string;
  /** The lines of standard output. */
  lines: () => string[];
}

const startService = (
  name: string,
  service: Mapping,
  environment: Record<string, string>,
  args: string[] = [],
): Running => {
  let output = '';
  let stdout = '';
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entryOf(service), ...args],
    { cwd: ROOT, env: { PATH: process.env.PATH, ...environment } },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { name, process: child, output: () => output, lines: () => stdout.split('\n').filter(Boolean) };
};

/** Waits until `check` holds, failing with the services' output if one exits or time runs out. */
const waitUntil = async (
  what: string,
  check: () => Promise<boolean>,
  services: readonly Running[],
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exited = services.find((service) => service.process.exitCode !== null);
    if (exited) throw new Error(`${exited.name} exited (${exited.process.exitCode}):\n${exited.output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  const outputs = services.map((service) => `--- ${service.name}\n${service.output()}`).join('\n');
  throw new Error(`${what}: not within ${timeoutMs / 1000} s\n${outputs}`);
};

const stopService = async (service: Running): Promise<void> => {
  if (service.process.exitCode !== null || service.process.signalCode !== null) return;
  const exited = new Promise((done) => service.process.once('exit', done));
  service.process.kill('SIGTERM');
  const killed = setTimeout(() => service.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killed);
};

describeWithMongo('compose.yml’s distributed topology, as processes', (mongoUri) =>
  describeWithKafka('on the test servers', (brokers) => {
    const topic = `distributed-${randomUUID()}`;
    let folder: string;
    let esdb: EsdbTestServer;
    const services: Running[] = [];
    /** The replicas' base URLs, by service name. */
    const replicas = new Map<string, string>();
    let workerUrl: string;
    let identities: MongoIdentityStore | undefined;
    let client: ApiClient;
    let staff: Staff;
    let tail: { stop: () => Promise<void> } | undefined;
    const received: { id: string | null; type: string | null; subject: string | null; data: unknown }[] = [];

    let composed: Map<string, Mapping>;

    /** The environment compose gives a service, its `app-data` volume in the test's folder. */
    const environmentFor = (service: Mapping): Record<string, string> => ({
      ...Object.fromEntries(
        Object.entries(environmentOf(service)).map(([key, value]) => [key, value.replace(APP_DATA, folder)]),
      ),
      // The image's working directory is /app: the default SQLITE_PATH (data/events.sqlite) is on the volume.
      SQLITE_PATH: join(folder, 'events.sqlite'),
      ...ADDED,
    });

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'distributed-'));
      esdb = await startEsdbTestServer();
      // What a user's docker/.env holds, with the servers' addresses and a database and topic of this run's own.
      const variables = {
        ...readEnvFile('.env.example').set,
        AUTH_JWT_SECRET: `distributed-${randomUUID()}`,
        EVENTSTORE_CONNECTION_STRING: esdb.connectionString,
        MONGODB_URI: mongoUri,
        MONGODB_DATABASE: `distributed_${randomUUID().replace(/-/g, '')}`,
        AUTH_MONGODB_DATABASE: `distributed_identity_${randomUUID().replace(/-/g, '')}`,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_STATUS: topic,
      };
      const compose = interpolateAll(readComposeFile('compose.yml'), variables);
      if (!isMapping(compose)) throw new Error('compose.yml is not a mapping');
      composed = servicesOf(compose);
      // What `up` starts: the app services, not the tools profile (the CLI, run on demand).
      const apps = [...composed].filter(
        ([, service]) => service.build !== undefined && service.profiles === undefined,
      );
      for (const [name, service] of apps) {
        const environment = environmentFor(service);
        // Each on a port of its own (compose gives each container its own network): the API replicas serve the
        // API there, the worker its health and metrics.
        const port = await freePort();
        environment.PORT = String(port);
        if (entryOf(service).startsWith('apps/api/')) replicas.set(name, `http://127.0.0.1:${port}`);
        else workerUrl = `http://127.0.0.1:${port}`;
        services.push(startService(name, service, environment));
      }
      // The identity store the replicas share, as `cli users create` writes it.
      identities = await MongoIdentityStore.connect({
        uri: mongoUri,
        database: variables.AUTH_MONGODB_DATABASE,
      });
      const users = new UsersService(identities);
      const urls = [...replicas.values()];
      let next = 0;
      client = {
        // Each request goes to the next replica: consecutive commands of a file go to different processes.
        http: () => request(urls[next++ % urls.length]),
        user: async (username: string, roles: Role[]): Promise<TestUser> => {
          const created = await users.create({ username, password: PASSWORD, roles });
          const login = await request(urls[0])
            .post('/api/v1/auth/login')
            .send({ username, password: PASSWORD })
            .expect(200);
          return { id: created.id, username, token: (login.body as { accessToken: string }).accessToken };
        },
      };
      for (const url of [...urls, workerUrl]) {
        await waitUntil(`${url}/health/ready`, async () => (await fetch(`${url}/health/ready`)).ok, services);
      }
      staff = await createStaff(client);
    });

    afterAll(async () => {
      await tail?.stop();
      await Promise.all(services.map(stopService));
      await identities?.close();
      await esdb?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('runs compose’s app services: two API replicas that only serve, and one worker that projects and relays', async () => {
      expect([...replicas.keys()]).toEqual(['api-1', 'api-2']);
      expect(services.map((service) => service.name)).toEqual(['api-1', 'api-2', 'worker']);
      const worker = services.find((service) => service.name === 'worker')!;
      expect(worker.output()).toContain('Certification worker started');
      expect(worker.output()).toMatch(/"context":"ProjectionRunner"/);
      // The worker reports what only it runs: the projections it keeps and the relay.
      await waitUntil(
        'the worker’s projections live and its relay live',
        async () => {
          const ready = (await (await fetch(`${workerUrl}/health/ready`)).json()) as {
            projections: { state: string }[];
            kafkaRelay: { state: string };
          };
          return (
            ready.projections.every((projection) => projection.state === 'live') &&
            ready.kafkaRelay.state === 'live'
          );
        },
        services,
      );
      const metrics = await (await fetch(`${workerUrl}/metrics`)).text();
      expect(metrics).toMatch(/^kafka_relay_lag_events\{state="live"\} \d+$/m);
      expect(metrics).toMatch(/^projection_lag_events\{projection="registry"\} \d+$/m);
      // Structured logs from every process, the worker's start-up lines included: one JSON object per line.
      for (const service of services) {
        const unstructured = service.lines().filter((line) => !/^\{.*\}$/.test(line));
        expect({ service: service.name, unstructured }).toEqual({ service: service.name, unstructured: [] });
        expect(service.lines().length).toBeGreaterThan(0);
        for (const line of service.lines()) expect(JSON.parse(line)).toHaveProperty('level');
      }
      for (const [name, url] of replicas) {
        const ready = (await (await fetch(`${url}/health/ready`)).json()) as {
          projections: { state: string }[];
          kafkaRelay: { state: string };
        };
        // The read models as the worker's checkpoints in MongoDB show them; no projector, relay or timers here.
        expect(new Set(ready.projections.map((projection) => projection.state))).toEqual(
          new Set(['observed']),
        );
        expect(ready.kafkaRelay.state).toBe('off');
        const replica = services.find((service) => service.name === name)!;
        expect(replica.output()).not.toContain('runs in a worker thread');
        expect(replica.output()).not.toMatch(/"context":"(ProjectionRunner|Timers)"/);
        expect(replica.output()).toContain('Status events are not relayed by this process');
      }
    });

    let number: string;

    /** Renames the certificate's holder through `via`, then waits until the registry of each of `readers` shows it. */
    const renameAndSee = async (renamed: string, via: string, readers: string[]): Promise<void> => {
      await request(via)
        .post(`/api/v1/certificates/${number}/change`)
        .set(...as(staff.registry))
        .send({ field: 'NAME', after: renamed, reason: '更名' })
        .expect(200);
      for (const url of readers) {
        await waitUntil(
          `${renamed} in ${url}'s registry`,
          async () => {
            const response = await fetch(`${url}/api/v1/registry/certificates/${number}`);
            return ((await response.json()) as { holderName?: string }).holderName === renamed;
          },
          services,
          30_000,
        );
      }
    };

    it('takes a file from application to certificate with each command sent to the other replica', async () => {
      number = await grantedCertificate(client, staff);
      expect(number).toMatch(/^CMM-ICS-2026-\d{5}$/);
    });

    it('answers a read on one replica with what a command on the other has just written (X-Min-Position)', async () => {
      const [first, second] = [...replicas.values()];
      const submitted = await request(first)
        .post('/api/v1/applications')
        .set(...as(staff.intake))
        .send({ kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() })
        .expect(201);
      const { id, position } = submitted.body as { id: string; position: string };
      const list = await request(second)
        .get('/api/v1/applications')
        .set(...as(staff.intake))
        .set('X-Min-Position', position)
        .expect(200);
      expect(list.headers['x-read-model-stale']).toBeUndefined();
      expect((list.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(id);
    });

    it('shows the certificate in the public registry of both replicas once the worker has projected it', async () => {
      const entries = [];
      for (const url of replicas.values()) {
        let body: object = {};
        await waitUntil(
          `${number} in ${url}'s registry`,
          async () => {
            const response = await fetch(`${url}/api/v1/registry/certificates/${number}`);
            body = (await response.json()) as typeof body;
            return response.ok;
          },
          services,
          30_000,
        );
        entries.push(body);
      }
      expect(entries[0]).toMatchObject({ number, status: 'VALID', iafStatus: 'active', validToday: true });
      expect(entries[1]).toEqual(entries[0]);
    });

    it('relays each status change once, in store order, whichever replica decided it', async () => {
      const [first, second] = [...replicas.values()];
      await request(first)
        .post(`/api/v1/certificates/${number}/suspend`)
        .set(...as(staff.decider))
        .send(SUSPENSION)
        .expect(200);
      await request(second)
        .post(`/api/v1/certificates/${number}/reinstate`)
        .set(...as(staff.decider))
        .send({ verification: { kind: 'REVIEW', reference: 'R-1' }, reason: '整改已验证' })
        .expect(200);
      const messaging = await import('@app/messaging');
      tail = await messaging.tailStatusEvents({
        settings: { brokers, clientId: 'distributed-e2e', topic },
        fromBeginning: true,
        logger: { warn: () => undefined, error: () => undefined },
        onEvent: (event) => received.push(event),
      });
      const mine = () => received.filter((event) => event.subject === number);
      await waitUntil('three status events on Kafka', async () => mine().length >= 3, services, 30_000);
      // Long enough for a second relay's copies to arrive, if one ran.
      await new Promise((wait) => setTimeout(wait, 2_000));
      expect(mine().map((event) => event.type)).toEqual(
        ['issued', 'suspended', 'reinstated'].map((name) => `cn.cmm.certification.certificate.${name}.v1`),
      );
      expect(new Set(mine().map((event) => event.id)).size).toBe(3);
      expect(mine().map((event) => (event.data as { newStatus: string }).newStatus)).toEqual([
        'VALID',
        'SUSPENDED',
        'VALID',
      ]);
    });

    it('shares accounts and sessions across replicas: created with the CLI, signed in on one, logged out on the other', async () => {
      const cli = composed.get('cli')!;
      const create = startService('cli', cli, environmentFor(cli), [
        'users',
        'create',
        '--username',
        'clerk',
        '--role',
        'INTAKE_OFFICER',
        '--password-stdin',
      ]);
      create.process.stdin?.end(`${PASSWORD}\n`);
      const exit = await new Promise<number | null>((done) => create.process.once('exit', done));
      expect({ exit, output: exit === 0 ? '' : create.output() }).toEqual({ exit: 0, output: '' });
      const [first, second] = [...replicas.values()];
      const login = await request(first)
        .post('/api/v1/auth/login')
        .send({ username: 'clerk', password: PASSWORD })
        .expect(200);
      const { accessToken, refreshToken } = login.body as { accessToken: string; refreshToken: string };
      const bearer = ['Authorization', `Bearer ${accessToken}`] as const;
      await request(second)
        .get('/api/v1/auth/me')
        .set(...bearer)
        .expect(200);
      await request(second)
        .post('/api/v1/auth/logout')
        .set(...bearer)
        .send({ refreshToken })
        .expect(204);
      // The logout holds on the replica that issued the tokens at once, not when the token expires.
      await request(first)
        .get('/api/v1/auth/me')
        .set(...bearer)
        .expect(401);
      await request(first).post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
      // Five failed logins on alternating replicas lock the account on both.
      for (let attempt = 0; attempt < 5; attempt++) {
        await request([first, second][attempt % 2])
          .post('/api/v1/auth/login')
          .send({ username: 'clerk', password: `wrong password ${attempt}!` })
          .expect(401);
      }
      expect((await identities!.users.byUsername('clerk'))?.lockedUntil).toEqual(expect.any(Number));
      await request(second)
        .post('/api/v1/auth/login')
        .send({ username: 'clerk', password: PASSWORD })
        .expect(401);
      // All of it in MongoDB: no process made an identity file of its own on the shared volume.
      expect(existsSync(join(folder, 'auth.sqlite'))).toBe(false);
    });

    it('lets an operator rebuild a read model with the CLI beside the worker: both replicas read the new one, and the worker follows it', async () => {
      const cli = composed.get('cli')!;
      const rebuild = startService('cli', cli, environmentFor(cli), ['projections', 'rebuild', 'registry']);
      const exit = await new Promise<number | null>((done) => rebuild.process.once('exit', done));
      expect({ exit, output: exit === 0 ? '' : rebuild.output() }).toEqual({ exit: 0, output: '' });
      expect(rebuild.output()).toMatch(/'registry'.*'activated'/);
      const [first, second] = [...replicas.values()];
      await renameAndSee('福州智服科技股份有限公司', first, [second, first]);
      for (const url of replicas.values()) {
        const ready = (await (await fetch(`${url}/health/ready`)).json()) as { status: string };
        expect(ready.status).toBe('ok');
      }
      const worker = services.find((service) => service.name === 'worker')!;
      expect(worker.output()).toContain(
        'Projection registry: v1 was dropped by another process; starting again on the active generation',
      );
    });

    it('keeps one projector and one relay active when a second worker starts, and fails over to it when the first is killed', async () => {
      const first = services.find((service) => service.name === 'worker')!;
      const compose = composed.get('worker')!;
      const environment = { ...environmentFor(compose), PORT: String(await freePort()) };
      const second = startService('worker-2', compose, environment);
      services.push(second);
      const secondUrl = `http://127.0.0.1:${environment.PORT}`;
      /** The projections' states, then the relay's. */
      const states = async (url: string): Promise<string[]> => {
        const ready = (await (await fetch(`${url}/health/ready`)).json()) as {
          projections: { state: string }[];
          kafkaRelay: { state: string };
        };
        return [...new Set(ready.projections.map((projection) => projection.state)), ready.kafkaRelay.state];
      };
      await waitUntil(
        'the second worker ready',
        async () => (await fetch(`${secondUrl}/health/ready`)).ok,
        services,
      );
      expect(await states(secondUrl)).toEqual(['standby', 'standby']);
      expect(await states(workerUrl)).toEqual(['live', 'live']);
      expect(second.output()).toMatch(/Lease projector held by \S+: this process stands by/);

      first.process.kill('SIGKILL');
      await new Promise((done) => first.process.once('exit', done));
      services.splice(services.indexOf(first), 1);
      await waitUntil(
        'the second worker’s projections and relay live',
        async () => (await states(secondUrl)).join() === 'live,live',
        services,
      );
      expect(second.output()).toMatch(/Lease projector taken by \S+: this process runs the projections/);

      // Projected by the second worker.
      const [replica] = replicas.values();
      await renameAndSee('福州智服数字科技股份有限公司', replica, [replica]);
    });

    it('gives the regulator one verified history and one signing key on both replicas', async () => {
      const regulator = await client.user('regulator', ['REGULATOR']);
      const answers = await Promise.all(
        [...replicas.values()].map(async (url) => ({
          key: (
            await request(url)
              .get('/api/v1/regulator/signing-key')
              .set(...as(regulator))
              .expect(200)
          ).body,
          verification: (
            await request(url)
              .get(`/api/v1/regulator/certificates/${number}/verification`)
              .set(...as(regulator))
              .expect(200)
          ).body as { valid: boolean },
        })),
      );
      expect(answers[0].verification).toMatchObject({ valid: true });
      expect(answers[1]).toEqual(answers[0]);
    });

    it('stops every process on SIGTERM, as the orchestrator stops them', async () => {
      const exits = await Promise.all(
        services.map(
          (service) =>
            new Promise<{ name: string; code: number | null; signal: string | null }>((done) => {
              service.process.once('exit', (code, signal) => done({ name: service.name, code, signal }));
              service.process.kill('SIGTERM');
            }),
        ),
      );
      // Nest closes each application (its stores and connections), then ends the process with the signal.
      expect(exits).toEqual(services.map(({ name }) => ({ name, code: null, signal: 'SIGTERM' })));
    });
  }),
);
