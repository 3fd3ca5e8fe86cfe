import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import { validateEnvironment } from '@app/config';
import {
  DOCKER_DIR,
  environmentOf,
  environmentVariableNames,
  interpolateAll,
  isMapping,
  mergeOverride,
  readComposeFile,
  readEnvFile,
  referencedVariables,
  servicesOf,
  type Mapping,
} from './compose-file';

/**
 * What every app process needs in the distributed mode, besides EVENT_STORE=esdb, READ_STORE=mongodb and
 * AUTH_STORE=mongodb.
 */
const DISTRIBUTED_MODE_VARIABLES = [
  'EVENTSTORE_CONNECTION_STRING',
  'MONGODB_URI',
  'MONGODB_DATABASE',
  'AUTH_MONGODB_DATABASE',
  'AUTH_JWT_SECRET',
  'KAFKA_BROKERS',
  'KAFKA_TOPIC_STATUS',
];
const INFRASTRUCTURE = ['eventstore', 'mongodb', 'kafka'];
const TEST_SECRET = 'test-secret-'.padEnd(48, 'x');

const envExample = readEnvFile('.env.example');
/** What a user's docker/.env holds: .env.example with the required secret filled in. */
const variables = { ...envExample.set, AUTH_JWT_SECRET: TEST_SECRET };

const resolve = (content: unknown): Mapping => {
  const resolved = interpolateAll(content, variables);
  if (!isMapping(resolved)) throw new Error('not a mapping');
  return resolved;
};

const TOPOLOGIES: [string, Mapping][] = [
  ['compose.yml', resolve(readComposeFile('compose.yml'))],
  [
    'compose.yml + compose.cluster.yml',
    resolve(mergeOverride(readComposeFile('compose.yml'), readComposeFile('compose.cluster.yml'))),
  ],
];

const command = (service: Mapping, key: 'command' | 'entrypoint'): string =>
  Array.isArray(service[key]) ? (service[key] as unknown[]).join(' ') : String(service[key] ?? '');
const isApp = (service: Mapping): boolean => service.build !== undefined;
/** The image's default CMD is the API; the worker and the CLI change the command or the entrypoint. */
const isApi = (service: Mapping): boolean =>
  isApp(service) && service.command === undefined && service.entrypoint === undefined;
const isWorker = (service: Mapping): boolean =>
  isApp(service) && command(service, 'command').includes('apps/worker/');
const healthTest = (service: Mapping): string | undefined => {
  const healthcheck = service.healthcheck;
  if (!isMapping(healthcheck) || healthcheck.disable === true) return undefined;
  return Array.isArray(healthcheck.test) ? healthcheck.test.join(' ') : String(healthcheck.test);
};
const namedVolumes = (service: Mapping): string[] =>
  ((service.volumes as unknown[] | undefined) ?? [])
    .map((volume) => (isMapping(volume) ? String(volume.source) : String(volume).split(':')[0]))
    .filter((source) => !source.startsWith('.') && !source.startsWith('/'));

describe.each(TOPOLOGIES)('%s', (_name, file) => {
  const services = servicesOf(file);
  const apps = [...services].filter(([, service]) => isApp(service));
  const apis = apps.filter(([, service]) => isApi(service));

  it('has only the top-level keys compose knows (x- extensions aside)', () => {
    const unknownKeys = Object.keys(file).filter(
      (key) => !key.startsWith('x-') && !['name', 'services', 'volumes', 'networks', 'secrets'].includes(key),
    );
    expect(unknownKeys).toEqual([]);
  });

  it.each([...services.keys()])('service %s has an image or a build', (name) => {
    const service = services.get(name) as Mapping;
    expect(service.image !== undefined || service.build !== undefined).toBe(true);
  });

  it('declares every named volume a service mounts, and mounts every declared volume', () => {
    const declared = Object.keys(isMapping(file.volumes) ? file.volumes : {}).sort();
    const used = [...new Set([...services.values()].flatMap(namedVolumes))].sort();
    expect(used).toEqual(declared);
  });

  it('keeps the servers’ data on volumes', () => {
    for (const [name, service] of services)
      if (!isApp(service))
        expect({ name, volumes: namedVolumes(service).length > 0 }).toEqual({ name, volumes: true });
  });

  it('health-checks every server and API replica, keeps the image’s probe for the worker and disables it for the CLI', () => {
    for (const [name, service] of services) {
      const test = healthTest(service);
      if (isWorker(service)) expect({ name, healthcheck: service.healthcheck }).toEqual({ name });
      else if (isApp(service) && !isApi(service))
        expect({ name, healthcheck: service.healthcheck }).toEqual({ name, healthcheck: { disable: true } });
      else expect({ name, test }).toEqual({ name, test: expect.any(String) });
    }
  });

  it('starts every app after its servers are healthy, and only on services that exist and have a health check', () => {
    for (const [name, service] of apps) {
      const dependsOn = service.depends_on;
      if (!isMapping(dependsOn)) throw new Error(`${name}: depends_on must be a mapping with conditions`);
      for (const server of INFRASTRUCTURE) expect(Object.keys(dependsOn)).toContain(server);
      for (const [dependency, condition] of Object.entries(dependsOn)) {
        expect({ name, dependency, condition }).toEqual({
          name,
          dependency,
          condition: { condition: 'service_healthy' },
        });
        expect({ dependency, test: healthTest(services.get(dependency) ?? {}) }).toEqual({
          dependency,
          test: expect.any(String),
        });
      }
    }
  });

  it('runs two API replicas and exactly one worker', () => {
    expect(apis.length).toBeGreaterThanOrEqual(2);
    const workers = apps.filter(([, service]) => isWorker(service));
    expect(workers.map(([name]) => name)).toEqual(['worker']);
  });

  it.each(['PROJECTOR', 'TIMERS'] as const)(
    'runs %s in exactly one long-running process: the worker',
    (variable) => {
      const running = apps.filter(([, service]) => (service as Mapping).profiles === undefined);
      const on = running.filter(
        ([, service]) => validateEnvironment(environmentOf(service as Mapping))[variable] === 'on',
      );
      expect(on.map(([name]) => name)).toEqual(['worker']);
    },
  );

  describe.each(apps.map(([name]) => name))('app service %s', (name) => {
    const service = services.get(name) as Mapping;
    const environment = environmentOf(service);

    it('sets only variables the apps declare (a typo would be ignored silently at run time)', () => {
      const declared = environmentVariableNames();
      const unknownNames = Object.keys(environment).filter((key) => !declared.has(key));
      expect(unknownNames).toEqual([]);
    });

    it('passes the apps’ configuration validation, in the distributed mode', () => {
      const validated = validateEnvironment(environment);
      expect(validated).toMatchObject({
        EVENT_STORE: 'esdb',
        READ_STORE: 'mongodb',
        AUTH_STORE: 'mongodb',
        AUTH_JWT_SECRET: TEST_SECRET,
      });
      for (const variable of DISTRIBUTED_MODE_VARIABLES)
        expect({ variable, value: environment[variable] }).toEqual({
          variable,
          value: expect.stringMatching(/\S/),
        });
    });

    it('points at the event store, MongoDB and Kafka services of this topology', () => {
      const { hosts, tls } = parseConnectionString(environment.EVENTSTORE_CONNECTION_STRING);
      const nodes = [...services.keys()].filter((key) => key.startsWith('eventstore'));
      expect({ hosts: hosts?.map((host) => `${host.address}:${host.port}`).sort(), tls }).toEqual({
        hosts: nodes.map((node) => `${node}:2113`).sort(),
        tls: false,
      });
      const mongoHealth = healthTest(services.get('mongodb') ?? {}) ?? '';
      const uri = new URL(environment.MONGODB_URI);
      expect(mongoHealth).toContain(`_id: '${uri.searchParams.get('replicaSet')}'`);
      expect(mongoHealth).toContain(`host: '${uri.host}'`);
      const kafka = environmentOf(services.get('kafka') ?? {});
      expect(kafka.KAFKA_ADVERTISED_LISTENERS).toContain(`//${environment.KAFKA_BROKERS}`);
    });
  });

  it('gives every API replica the same token secret, from docker/.env and not from this file', () => {
    const secrets = apis.map(([, service]) => environmentOf(service).AUTH_JWT_SECRET);
    expect(secrets).toEqual(apis.map(() => TEST_SECRET));
  });

  it('has each API replica listen on PORT, publish it and probe readiness on it', () => {
    const hostPorts = apis.map(([name, service]) => {
      const port = environmentOf(service).PORT;
      const [published] = (service.ports as string[]).map((mapping) => String(mapping).split(':'));
      expect({ name, container: published[1] }).toEqual({ name, container: port });
      expect(healthTest(service)).toContain(`127.0.0.1:${port}/health/ready`);
      return published[0];
    });
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});

describe('the three-node cluster variant', () => {
  const services = servicesOf(TOPOLOGIES[1][1]);
  const nodes = [...services.keys()].filter((key) => key.startsWith('eventstore'));

  it('has three nodes, each a cluster of 3 seeded with the two others', () => {
    expect(nodes).toHaveLength(3);
    for (const node of nodes) {
      const environment = environmentOf(services.get(node) as Mapping);
      expect(environment.KURRENTDB_CLUSTER_SIZE).toBe('3');
      const seeds = environment.KURRENTDB_GOSSIP_SEED.split(',').sort();
      expect(seeds).toEqual(
        nodes
          .filter((other) => other !== node)
          .map((other) => `${other}:2113`)
          .sort(),
      );
    }
  });

  it('gives the apps a gossip-seed connection string that prefers the leader', () => {
    for (const [, service] of services)
      if (isApp(service))
        expect(parseConnectionString(environmentOf(service).EVENTSTORE_CONNECTION_STRING)).toMatchObject({
          dnsDiscover: false,
          nodePreference: 'leader',
        });
  });
});

describe('docker/.env.example', () => {
  const referenced = referencedVariables([
    readComposeFile('compose.yml'),
    readComposeFile('compose.cluster.yml'),
  ]);

  it('documents every variable the compose files take from the environment, and no other', () => {
    expect([...envExample.documented].sort()).toEqual([...referenced.keys()].sort());
  });

  it('leaves the required secret empty, so compose refuses to start until the user sets one', () => {
    const required = [...referenced].filter(([, { required }]) => required).map(([name]) => name);
    expect(required).toEqual(['AUTH_JWT_SECRET']);
    expect(envExample.set.AUTH_JWT_SECRET).toBe('');
    expect(() => interpolateAll(readComposeFile('compose.yml'), envExample.set)).toThrow(
      /required variable AUTH_JWT_SECRET/,
    );
  });

  it('is kept out of git as docker/.env', () => {
    expect(readFileSync(join(DOCKER_DIR, '.gitignore'), 'utf8').split('\n')).toContain('.env');
  });
});
