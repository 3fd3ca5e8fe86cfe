import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { SqliteReadStore } from '../embedded';
import { ProjectionRunner } from './projection-runner';
import { ReadModelObserver } from './read-model-status';
import { counterProjection, event, recordingLogger, seedLog } from './testing/runner-fixtures';

/** A process with PROJECTOR=off sees the read models another process projects into the shared stores. */
describe('ReadModelObserver (projector in another process)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'observer-'));
  let eventStore: SqliteEventStore;
  let projectorReads: SqliteReadStore;
  let observerReads: SqliteReadStore;
  let runner: ProjectionRunner;

  beforeEach(() => {
    eventStore = SqliteEventStore.open({
      path: join(directory, `events-${Date.now()}.sqlite`),
      pollIntervalMs: 20,
    });
    const readPath = join(directory, `read-${Date.now()}.sqlite`);
    // Two connections to one file, as an API replica and the worker would have.
    projectorReads = SqliteReadStore.open({ path: readPath });
    observerReads = SqliteReadStore.open({ path: readPath });
  });

  afterEach(async () => {
    await runner?.stop();
    await projectorReads.close();
    await observerReads.close();
    await eventStore.close();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('waits for a position the other process reaches, and reports its checkpoints', async () => {
    await seedLog(eventStore, { streams: 3, perStream: 4 });
    const observer = new ReadModelObserver(eventStore, observerReads, [counterProjection()], 10);
    const head = (await eventStore.headPosition())!;
    expect(await observer.waitFor(head, 50)).toBe(false);

    runner = new ProjectionRunner(eventStore, projectorReads, [counterProjection()], {
      logger: recordingLogger(),
    });
    await runner.start();
    expect(await observer.waitFor(head, 5000)).toBe(true);
    const [status] = await observer.status();
    expect(status).toMatchObject({
      name: 'counter',
      state: 'observed',
      lag: 0,
      failure: null,
      activeGeneration: 'v1',
    });

    const { position } = await eventStore.append(
      'application-late',
      [event('Counted', { kind: 'a' })],
      'no_stream',
    );
    expect(await observer.waitFor(position, 5000)).toBe(true);
  });

  it('answers false at once when the projection has failed, and reports the failure', async () => {
    await seedLog(eventStore, { streams: 1, perStream: 2 });
    const failing = counterProjection({
      evolve: () => {
        throw new Error('cannot apply');
      },
    });
    runner = new ProjectionRunner(eventStore, projectorReads, [failing], { logger: recordingLogger() });
    await runner.start();
    const observer = new ReadModelObserver(eventStore, observerReads, [failing], 10);
    const head = (await eventStore.headPosition())!;
    for (let i = 0; i < 100 && (await observer.status())[0].state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [status] = await observer.status();
    expect(status).toMatchObject({
      state: 'failed',
      failure: { message: expect.stringContaining('cannot apply') },
    });
    expect(await observer.waitFor(head, 5000)).toBe(false);
  });
});
