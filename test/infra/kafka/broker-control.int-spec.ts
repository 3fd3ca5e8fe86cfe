/**
 * broker-control.ts against a broker of its own (ports 19192/19193, so the shared broker other Kafka tests use is
 * never killed): a SIGKILLed broker stops answering, and after restartBroker() the topic, its records and the
 * group's committed offset are all still there.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { killBroker, restartBroker, startBroker, stopBroker } from './broker-control';
import { describeWithKafka } from './describe-with-kafka';

const ports = { port: 19192, controllerPort: 19193 };
const brokers = [`127.0.0.1:${ports.port}`];
const topic = 'broker-control-topic';
const groupId = 'broker-control-group';

const newKafka = (): Kafka =>
  new Kafka({
    clientId: 'broker-control-test',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });

describeWithKafka('Kafka test broker control (kill and restart)', () => {
  beforeAll(() => startBroker(ports), 180_000);
  afterAll(() => stopBroker(ports), 60_000);

  it('keeps topics, records and committed offsets across a SIGKILL and restart', async () => {
    const before = newKafka();
    const admin = before.admin();
    await admin.connect();
    expect(
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
        waitForLeaders: true,
      }),
    ).toBe(true);
    const producer = before.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 5 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'a' }, { value: 'b' }] });
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    await producer.disconnect();
    await admin.disconnect();

    await killBroker(ports);
    const probe = newKafka().admin();
    await expect(probe.connect()).rejects.toThrow();

    await restartBroker(ports);
    const afterAdmin = newKafka().admin();
    await afterAdmin.connect();
    try {
      expect(await afterAdmin.listTopics()).toContain(topic);
      expect(await afterAdmin.fetchTopicOffsets(topic)).toEqual([
        expect.objectContaining({ partition: 0, low: '0', high: '2' }),
      ]);
      expect(await afterAdmin.fetchOffsets({ groupId, topics: [topic] })).toEqual([
        { topic, partitions: [expect.objectContaining({ partition: 0, offset: '2' })] },
      ]);
    } finally {
      await afterAdmin.disconnect();
    }
  }, 180_000);
});
