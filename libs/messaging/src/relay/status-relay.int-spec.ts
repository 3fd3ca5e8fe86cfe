import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@app/event-store';
import { SqliteCheckpointStore } from '@app/event-store/checkpoints';
import { describeWithKafka } from '../../../../test/infra/kafka/describe-with-kafka';
import { fullStory, NUMBER } from '../contract/contract-story.fixtures';
import { STATUS_EVENT_SOURCE, validateStatusEvent, type CertificateStatusEvent } from '../contract';
import { CertificateFactsTracker } from './certificate-facts';
import { contractMapper } from './contract-mapper';
import { RELAY_CHECKPOINT, type StatusRelay } from './status-relay';
import { appendRecorded, collectTopic, relayOn } from './testing/kafka-relay-harness';
import { appendStory, waitForState, waitUntil } from './testing/relay-fixtures';

describeWithKafka('StatusRelay against the real Kafka broker', (brokers) => {
  let store: SqliteEventStore;
  let relay: StatusRelay | null = null;
  let stopConsumer: (() => Promise<void>) | null = null;

  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });

  afterEach(async () => {
    await relay?.stop();
    relay = null;
    await stopConsumer?.();
    stopConsumer = null;
    await store.close();
  });

  it('delivers a certificate’s status events in store order, keyed by number, with CloudEvents headers', async () => {
    const topic = `relay-order-${randomUUID()}`;
    const story = fullStory();
    await appendRecorded(store, `certificate-${NUMBER}`, story);
    relay = relayOn(store, brokers, topic, contractMapper);
    relay.start();
    await waitForState(relay, 'live', 30_000);
    const stored = await store.readStream(`certificate-${NUMBER}`);
    // What the relay must send: each certificate event mapped with the facts folded up to it.
    const facts = new CertificateFactsTracker(store);
    const expected = [];
    for (const event of stored) {
      const message = contractMapper(event, await facts.apply(event));
      if (message) expected.push(message);
    }
    expect(expected.length).toBeGreaterThan(3);

    const consumer = await collectTopic(brokers, topic);
    stopConsumer = consumer.stop;
    await waitUntil(() => consumer.received.length >= expected.length, 30_000);
    expect(consumer.received.map((e) => e.id)).toEqual(expected.map((m) => m.headers.ce_id));
    expect(consumer.received.map((e) => e.type)).toEqual(expected.map((m) => m.headers.ce_type));
    for (const event of consumer.received) {
      expect(event.key).toBe(NUMBER);
      expect(event.subject).toBe(NUMBER);
      expect(event.type).toMatch(/^cn\.cmm\.certification\.certificate\.[a-z-]+\.v1$/);
    }
    const ids = new Set(stored.map((event) => event.id));
    expect(consumer.received.every((e) => e.id !== null && ids.has(e.id))).toBe(true);
    // Every delivered body is the contract's and valid against its type's schema (the AsyncAPI document's).
    expect(consumer.received.map((e) => e.data)).toEqual(expected.map((m) => JSON.parse(m.value)));
    for (const event of consumer.received) {
      const delivered = {
        id: event.id!,
        type: event.type!,
        source: STATUS_EVENT_SOURCE,
        subject: event.subject!,
        time: event.time!,
        data: event.data as CertificateStatusEvent['data'],
      };
      expect(validateStatusEvent(delivered)).toEqual([]);
      // Changes, reissues and renewals still say which status the certificate has.
      expect(delivered.data.newStatus).not.toBeNull();
    }
  });

  it('checkpoints after the acks and resumes from the checkpoint after a restart without repeats', async () => {
    const topic = `relay-restart-${randomUUID()}`;
    const { testMapper } = await import('./testing/relay-fixtures');
    await appendStory(store, 'CMM-R-0001', 'Alpha', ['Alpha 2']);
    relay = relayOn(store, brokers, topic, testMapper);
    relay.start();
    await waitForState(relay, 'live', 30_000);
    const checkpoints = new SqliteCheckpointStore(store);
    const [lastCertificateEvent] = await store.readAll({
      direction: 'backwards',
      maxCount: 1,
      filter: { streamPrefixes: ['certificate-'] },
    });
    expect((await checkpoints.load(RELAY_CHECKPOINT))?.position).toEqual(lastCertificateEvent.globalPosition);
    await relay.stop();

    await appendStory(store, 'CMM-R-0002', 'Beta');
    relay = relayOn(store, brokers, topic, testMapper);
    relay.start();
    await waitForState(relay, 'live', 30_000);

    const consumer = await collectTopic(brokers, topic);
    stopConsumer = consumer.stop;
    await waitUntil(() => consumer.received.length >= 3, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything repeated would arrive by now
    const all = await store.readAll({ filter: { streamPrefixes: ['certificate-'] } });
    expect(consumer.received.map((e) => e.id).sort()).toEqual(all.map((e) => e.id).sort());
  });

  it('delivers a burst appended while live exactly once, each certificate’s events in store order', async () => {
    const topic = `relay-burst-${randomUUID()}`;
    const { testMapper } = await import('./testing/relay-fixtures');
    relay = relayOn(store, brokers, topic, testMapper);
    relay.start();
    await waitForState(relay, 'live', 30_000);
    const numbers = Array.from({ length: 20 }, (_, i) => `CMM-B-${String(i).padStart(4, '0')}`);
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(numbers.map((number) => appendStory(store, number, `Holder ${round}`)));
    }
    const stored = await store.readAll({ filter: { streamPrefixes: ['certificate-'] } });
    const consumer = await collectTopic(brokers, topic);
    stopConsumer = consumer.stop;
    await waitUntil(() => consumer.received.length >= stored.length, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything repeated would arrive by now
    expect(consumer.received.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    for (const number of numbers) {
      expect(consumer.received.filter((e) => e.key === number).map((e) => e.id)).toEqual(
        stored.filter((e) => e.streamId === `certificate-${number}`).map((e) => e.id),
      );
    }
  });
});
