import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { positionFromSequence } from '@app/event-store';
import type { ReadDocument } from '../projection';
import { SqliteReadStore } from './sqlite-read-store';

const numbered = (id: string, n: number): ReadDocument & { n: number } => ({ id, n });

describe('SqliteReadStore group commit', () => {
  let store: SqliteReadStore;
  beforeEach(async () => {
    store = SqliteReadStore.open({ path: ':memory:' });
    for (const projection of ['a', 'b', 'c']) {
      await store.prepare(projection, 'v1', [{ fields: ['n'], unique: true }]);
      await store.activate(projection, 'v1');
    }
    await store.commit({
      projection: 'b',
      generation: 'v1',
      writes: [{ id: 'taken', document: numbered('taken', 1) }],
      checkpoint: positionFromSequence(1),
    });
  });
  afterEach(() => store.close());

  it('commits of one turn land together, and a failing one is rolled back alone, documents included', async () => {
    const results = await Promise.allSettled([
      store.commit({
        projection: 'a',
        generation: 'v1',
        writes: [{ id: 'x', document: numbered('x', 1) }],
        checkpoint: positionFromSequence(5),
      }),
      store.commit({
        projection: 'b',
        generation: 'v1',
        // The first write is fine, the second breaks the unique index: neither may stay.
        writes: [
          { id: 'y', document: numbered('y', 2) },
          { id: 'z', document: numbered('z', 1) },
        ],
        checkpoint: positionFromSequence(5),
      }),
      store.commit({
        projection: 'c',
        generation: 'v1',
        writes: [{ id: 'w', document: numbered('w', 1) }],
        checkpoint: positionFromSequence(5),
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.get('b', 'y')).toBeNull();
    expect((await store.checkpoint('b', 'v1'))?.position).toEqual(positionFromSequence(1));
    expect(await store.get('a', 'x')).toEqual(numbered('x', 1));
    expect(await store.get('c', 'w')).toEqual(numbered('w', 1));
  });

  it('close writes the commits already accepted', async () => {
    const pending = store.commit({
      projection: 'a',
      generation: 'v1',
      writes: [{ id: 'late', document: numbered('late', 9) }],
      checkpoint: positionFromSequence(7),
    });
    await store.close();
    await expect(pending).resolves.toBeUndefined();
  });
});

describe('SqliteReadStore beside another writer of the same file', () => {
  // Another connection writing all the time, as a `projections rebuild` run from the CLI beside the API's
  // projector does: from a worker thread, so its transactions interleave with the store's.
  const WRITER = `
    const Database = require('better-sqlite3');
    const { workerData } = require('node:worker_threads');
    const db = new Database(workerData.path);
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE IF NOT EXISTS other (n INTEGER)');
    const flags = new Int32Array(workerData.flags);
    const insert = db.prepare('INSERT INTO other (n) VALUES (?)');
    const write = db.transaction((n) => { for (let i = 0; i < 20; i++) insert.run(n); });
    Atomics.store(flags, 1, 1);
    // A commit every fraction of a millisecond: often enough to land between a transaction's read and its write, with
    // room for the store's transactions to take their turn.
    for (let n = 0; Atomics.load(flags, 0) === 0; n++) {
      write.immediate(n);
      Atomics.wait(flags, 1, 1, 0.2);
    }
    db.close();
  `;
  let dir: string;
  let store: SqliteReadStore;
  let writer: Worker;
  let flags: Int32Array;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-store-writers-'));
    store = SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    flags = new Int32Array(new SharedArrayBuffer(8));
    writer = new Worker(WRITER, {
      eval: true,
      workerData: { path: join(dir, 'read.sqlite'), flags: flags.buffer },
    });
    while (Atomics.load(flags, 1) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  });
  afterEach(async () => {
    Atomics.store(flags, 0, 1);
    await new Promise((resolve) => writer.once('exit', resolve));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the other writer instead of failing: prepare, commits and drop all land', async () => {
    const generations = ['v1', 'v2'];
    for (const generation of generations) {
      await store.prepare('a', generation, [{ fields: ['n'] }, { fields: ['name'], substring: true }]);
    }
    for (let batch = 1; batch <= 200; batch++) {
      const document: ReadDocument & { n: number; name: string } = {
        ...numbered(`d${batch}`, batch),
        name: `name ${batch}`,
      };
      await store.commit({
        projection: 'a',
        generation: 'v2',
        writes: [{ id: document.id, document }],
        checkpoint: positionFromSequence(batch),
      });
    }
    await store.activate('a', 'v2');
    await store.drop('a', 'v1');
    expect(await store.generations('a')).toEqual(['v2']);
    expect((await store.checkpoint('a', 'v2'))?.position).toEqual(positionFromSequence(200));
    expect((await store.find('a', { where: { name: { contains: 'name 20' } } })).total).toBe(2);
  });
});

describe('SqliteReadStore reading generations another connection switches', () => {
  let dir: string;
  let reader: SqliteReadStore;
  let builder: SqliteReadStore;
  const build = async (generation: string, n: number): Promise<void> => {
    await builder.prepare('a', generation, []);
    await builder.commit({
      projection: 'a',
      generation,
      writes: [{ id: 'x', document: numbered('x', n) }],
      checkpoint: positionFromSequence(n),
    });
    await builder.activate('a', generation);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-store-switch-'));
    reader = SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    builder = SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await reader.close();
    await builder.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a get reads the generation active now: after another connection activates a new one, and drops the old', async () => {
    await build('v1', 1);
    expect(await reader.get('a', 'x')).toEqual(numbered('x', 1));
    expect(await reader.get('a', 'absent')).toBeNull();
    await build('v2', 2);
    expect(await reader.get('a', 'x')).toEqual(numbered('x', 2));
    await build('v3', 3);
    await builder.drop('a', 'v2');
    expect(await reader.get('a', 'x')).toEqual(numbered('x', 3));
    // The table read last is gone, and another is active.
    await build('v4', 4);
    await builder.drop('a', 'v3');
    expect(await reader.get('a', 'x')).toEqual(numbered('x', 4));
    // A named generation is read as it is, active or not.
    expect(await reader.get('a', 'x', 'v1')).toEqual(numbered('x', 1));
    await builder.drop('a', 'v4');
    expect(await reader.get('a', 'x')).toBeNull();
  });
});
