import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { validateEnvironment } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { SqliteReadStore } from '../embedded';
import { PROJECTIONS } from './projections.module';
import type { Projection } from '../projection';
import { READ_STORE } from '../read-store.port';
import type { ReadStore } from '../read-store.port';
import { ProjectorLease } from './projector-lease';
import { ReadStoreConfigError } from './projections.module';
import { ProjectionsModule } from './projections.module';
import { createTestApp } from '@app/testing';

const compile = (): Promise<TestingModule> =>
  Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
      EventStoreModule,
      ProjectionsModule,
    ],
  }).compile();

const eventually = async (condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('ProjectionsModule', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('provides the embedded read store and runs every projection from bootstrap to shutdown', async () => {
    const module = await compile();
    const app = createTestApp(module, { logger: false });
    await app.init();
    const lease = app.get(ProjectorLease);
    const readStore = app.get<ReadStore>(READ_STORE);
    expect(readStore).toBeInstanceOf(SqliteReadStore);
    await eventually(async () => (await lease.status()).every((status) => status.state === 'live'));
    expect(lease.isActive).toBe(true);
    const statuses = await lease.status();
    const projections = app.get<readonly Projection[]>(PROJECTIONS);
    expect(projections.map((projection) => projection.name)).toContain('deadlines');
    expect(statuses.map((status) => status.name)).toEqual(projections.map((projection) => projection.name));
    for (const projection of projections) {
      expect(await readStore.activeGeneration(projection.name)).toBe(`v${projection.version}`);
    }
    const stop = jest.spyOn(lease.projections, 'stop');
    await app.close();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(lease.isActive).toBe(false);
    await expect(readStore.get('registry', 'any')).rejects.toThrow();
  });

  it('refuses READ_STORE=mongodb without a URI, naming the variable', async () => {
    process.env.READ_STORE = 'mongodb';
    delete process.env.MONGODB_URI;
    await expect(compile()).rejects.toThrow(ReadStoreConfigError);
    await expect(compile()).rejects.toThrow(/MONGODB_URI/);
  });

  it('rejects an unknown READ_STORE value at start-up', async () => {
    process.env.READ_STORE = 'postgres';
    await expect(compile()).rejects.toThrow(/READ_STORE/);
  });
});
