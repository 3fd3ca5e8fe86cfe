import { SqliteEventStore } from '@app/event-store';
import { describeWithKafka } from '../../../../test/infra/kafka/describe-with-kafka';
import {
  killBroker,
  restartBroker,
  startBroker,
  stopBroker,
} from '../../../../test/infra/kafka/broker-control';
import type { StatusRelay } from './status-relay';
import { collectTopic, relayOn } from './testing/kafka-relay-harness';
import { appendStory, bodyOf, testMapper, waitUntil } from './testing/relay-fixtures';

/** Its own broker on other ports: killing the shared one would break the Kafka tests running beside it. */
const ports = { port: 19292, controllerPort: 19293 };
const brokers = [`127.0.0.1:${ports.port}`];

describeWithKafka('StatusRelay when the broker crashes mid-burst', () => {
  let store: SqliteEventStore;
  let relay: StatusRelay;

  beforeAll(async () => {
    await startBroker(ports);
    store = SqliteEventStore.open({ path: ':memory:' });
  }, 200_000);

  afterAll(async () => {
    await relay?.stop();
    await store?.close();
    await stopBroker(ports);
  }, 90_000);

  it('delivers every event after the broker is killed and restarted; repeats only with the same ce_id', async () => {
    const topic = 'relay-fault';
    relay = relayOn(store, brokers, topic, testMapper, 5);
    relay.start();
    const story = (i: number) =>
      appendStory(store, `CMM-F-${String(i).padStart(4, '0')}`, `Holder ${i}`, [`Holder ${i}b`]);
    for (let i = 0; i < 10; i += 1) await story(i);
    await waitUntil(async () => (await relay.status()).checkpoint !== null, 30_000);

    await killBroker(ports);
    // Commands keep working while Kafka is down: the log is the outbox.
    const started = Date.now();
    for (let i = 10; i < 30; i += 1) await story(i);
    expect(Date.now() - started).toBeLessThan(2000);
    await waitUntil(async () => (await relay.status()).state === 'retrying', 30_000);
    const down = await relay.status();
    expect(down.lag).toBeGreaterThan(0);
    expect(down.lastError).not.toBeNull();

    await restartBroker(ports);
    await waitUntil(async () => {
      const status = await relay.status();
      return status.state === 'live' && status.lag === 0;
    }, 90_000);

    const stored = await store.readAll({ filter: { streamPrefixes: ['certificate-'] } });
    expect(stored).toHaveLength(60);
    const consumer = await collectTopic(brokers, topic);
    try {
      const storedIds = new Set(stored.map((e) => e.id));
      await waitUntil(() => new Set(consumer.received.map((e) => e.id)).size >= storedIds.size, 60_000);
      expect(consumer.received.every((e) => e.id !== null && storedIds.has(e.id))).toBe(true);
      expect(new Set(consumer.received.map((e) => e.id))).toEqual(storedIds);
      // Per certificate, first deliveries come in store order (issued before changed).
      const firstSeen = new Map<string, number[]>();
      const seen = new Set<string>();
      for (const event of consumer.received) {
        if (seen.has(event.id!)) continue;
        seen.add(event.id!);
        const revision = (event.data as ReturnType<typeof bodyOf>).revision;
        firstSeen.set(event.key!, [...(firstSeen.get(event.key!) ?? []), revision]);
      }
      for (const revisions of firstSeen.values()) expect(revisions).toEqual([0, 1]);
    } finally {
      await consumer.stop();
    }
  }, 240_000);
});
