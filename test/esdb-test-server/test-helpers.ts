/** Shared by the test server's own specs: a server per suite and the real client pointed at it. */
import { EventStoreDBClient, jsonEvent, type JSONEventType } from '@eventstore/db-client';
import { startEsdbTestServer, type EsdbTestServer } from './index';

export interface Harness {
  server: EsdbTestServer;
  client: EventStoreDBClient;
}

/** Registers beforeAll/afterAll; read the fields inside tests only. */
export const useServer = (options: { systemEvents?: boolean } = {}): Harness => {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.server = await startEsdbTestServer(options);
    harness.client = EventStoreDBClient.connectionString(harness.server.connectionString);
  });
  afterAll(async () => {
    await harness.client.dispose();
    await harness.server.stop();
  });
  return harness;
};

let seq = 0;
/** A stream name no other test in the file uses. */
export const uniqueStream = (prefix = 'test'): string => `${prefix}-${process.pid}-${++seq}`;

export const event = (type: string, data: Record<string, unknown> = {}, id?: string) =>
  jsonEvent<JSONEventType>({ type, data, ...(id ? { id } : {}) });

/** Collects a finite read (readStream/readAll) into an array. */
export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** Polls until `check` holds; fails with `what` after `timeoutMs` so a missing event cannot hang the suite. */
export const eventually = async (what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
