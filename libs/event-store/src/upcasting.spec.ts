import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from './sqlite';
import { UpcasterRegistry } from './upcasting';
import { verifyStoredStream } from './hash-chain';
import type { EventToAppend } from './event-store.port';

const event = (type: string, data: object, schemaVersion = 1): EventToAppend => ({
  id: randomUUID(),
  type,
  schemaVersion,
  data,
  metadata: {
    actor: { id: 'u', role: 'SYSTEM' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    schemeVersion: null,
  },
});

/** v1 `{name}` → v2 `{holderName}` → v3 `{holder: {name}}`. */
const registry = () =>
  new UpcasterRegistry()
    .register('HolderRecorded', 1, ({ name, ...rest }) => ({ ...rest, holderName: name }))
    .register('HolderRecorded', 2, ({ holderName, ...rest }) => ({ ...rest, holder: { name: holderName } }));

describe('UpcasterRegistry', () => {
  it('chains steps up to the latest schema version', () => {
    expect(registry().upcastData('HolderRecorded', 1, { name: 'ACME', x: 1 })).toEqual({
      schemaVersion: 3,
      data: { x: 1, holder: { name: 'ACME' } },
    });
    expect(registry().upcastData('HolderRecorded', 2, { holderName: 'ACME' })).toEqual({
      schemaVersion: 3,
      data: { holder: { name: 'ACME' } },
    });
  });

  it('leaves the latest version and unknown types unchanged', () => {
    const data = { holder: { name: 'ACME' } };
    expect(registry().upcastData('HolderRecorded', 3, data)).toEqual({ schemaVersion: 3, data });
    expect(registry().upcastData('Other', 1, data)).toEqual({ schemaVersion: 1, data });
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => registry().register('HolderRecorded', 1, (data) => data)).toThrow(/already registered/);
  });

  describe('applied by the store on read', () => {
    let store: SqliteEventStore;
    beforeEach(() => {
      store = SqliteEventStore.open({ path: ':memory:', upcasters: registry() });
    });
    afterEach(() => store.close());

    it('readStream, readAll and subscribeToAll return the latest schema', async () => {
      await store.append(
        'holder-1',
        [event('HolderRecorded', { name: 'ACME' }), event('Untouched', { a: 1 })],
        'no_stream',
      );
      const expected = { type: 'HolderRecorded', schemaVersion: 3, data: { holder: { name: 'ACME' } } };
      expect((await store.readStream('holder-1'))[0]).toMatchObject(expected);
      expect((await store.readStream('holder-1'))[1]).toMatchObject({ schemaVersion: 1, data: { a: 1 } });
      expect((await store.readAll())[0]).toMatchObject(expected);
      expect((await store.readAll({ metadata: false }))[0]).toMatchObject(expected);
      for (const subscription of [store.subscribeToAll(), store.subscribeToAll({ metadata: false })]) {
        try {
          expect((await subscription[Symbol.asyncIterator]().next()).value).toMatchObject(expected);
        } finally {
          await subscription.close();
        }
      }
    });

    it('never changes the stored bytes: raw reads and the hash chain see the original', async () => {
      await store.append('holder-2', [event('HolderRecorded', { name: 'ACME' })], 'no_stream');
      expect((await store.readStream('holder-2', { raw: true }))[0]).toMatchObject({
        schemaVersion: 1,
        data: { name: 'ACME' },
      });
      expect((await store.readAll({ raw: true }))[0]).toMatchObject({ schemaVersion: 1 });
      const row = store.database.prepare('SELECT schema_version, data FROM events').get();
      expect(row).toEqual({ schema_version: 1, data: '{"name":"ACME"}' });
      expect((await verifyStoredStream(store, 'holder-2')).valid).toBe(true);
    });

    it('upcasts an event read raw as a read without raw would have returned it', async () => {
      await store.append(
        'holder-3',
        [event('HolderRecorded', { name: 'ACME' }), event('Untouched', { a: 1 })],
        'no_stream',
      );
      const raw = await store.readStream('holder-3', { raw: true });
      const upcast = raw.map((stored) => store.upcast(stored));
      expect(upcast.map(({ schemaVersion, data }) => ({ schemaVersion, data }))).toEqual(
        (await store.readStream('holder-3')).map(({ schemaVersion, data }) => ({ schemaVersion, data })),
      );
      expect(upcast[0]).toMatchObject({ schemaVersion: 3, data: { holder: { name: 'ACME' } } });
      expect(upcast[0].metadata.hash).toBe(raw[0].metadata.hash);
      expect(raw[0]).toMatchObject({ schemaVersion: 1, data: { name: 'ACME' } });
    });
  });
});
