/**
 * The first Kafka test: proves that KafkaJS 2.2.4 talks to the real broker test/infra/kafka/start.sh runs
 * (Kafka 4.x dropped old protocol versions) — topic creation with leaders, idempotent produce with acks=all,
 * consumer-group consumption, and committed offsets read back by the admin client.
 */
import { randomUUID } from 'node:crypto';
import { Admin, Consumer, EachMessagePayload, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { describeWithKafka } from './describe-with-kafka';

interface Received {
  key: string | undefined;
  value: string | undefined;
  offset: string;
  header: string | undefined;
}

const waitFor = async (condition: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describeWithKafka('Kafka test broker round trip (KafkaJS 2.2.4)', (brokers) => {
  const suffix = randomUUID();
  const topic = `round-trip-${suffix}`;
  const groupId = `round-trip-group-${suffix}`;
  const kafka = new Kafka({ clientId: 'kafka-round-trip-test', brokers, logLevel: logLevel.ERROR });
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('creates a topic, produces idempotently with acks=all, consumes in a group and commits', async () => {
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    expect(await admin.listTopics()).toContain(topic);

    const sent = await producer.send({
      topic,
      acks: -1,
      messages: [1, 2, 3].map((n) => ({
        key: `cert-${n}`,
        value: JSON.stringify({ n, status: '有效' }),
        headers: { 'ce-id': `event-${n}` },
      })),
    });
    expect(sent).toEqual([
      expect.objectContaining({ topicName: topic, partition: 0, errorCode: 0, baseOffset: '0' }),
    ]);

    const received: Received[] = [];
    consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }: EachMessagePayload) => {
        received.push({
          key: message.key?.toString(),
          value: message.value?.toString(),
          offset: message.offset,
          header: message.headers?.['ce-id']?.toString(),
        });
      },
    });
    await waitFor(() => received.length >= 3, 30_000, 'three messages');

    expect(received).toEqual(
      [1, 2, 3].map((n) => ({
        key: `cert-${n}`,
        value: JSON.stringify({ n, status: '有效' }),
        offset: String(n - 1),
        header: `event-${n}`,
      })),
    );

    await consumer.commitOffsets([{ topic, partition: 0, offset: '3' }]);
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed).toEqual([
      { topic, partitions: [expect.objectContaining({ partition: 0, offset: '3' })] },
    ]);
  }, 60_000);
});
