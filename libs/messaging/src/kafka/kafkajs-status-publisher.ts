import { Kafka, type Producer } from 'kafkajs';
import type { KafkaSettings } from './kafka-settings';
import { useFastEncoding } from './kafkajs-encoding';
import { kafkaLogCreator, type KafkaLogSink } from './kafka-logger';
import { keyPartitioner } from './key-partitioner';
import type { OutboundMessage, StatusEventPublisher } from './status-event-publisher.port';

export interface KafkajsPublisherOptions extends KafkaSettings {
  logger: KafkaLogSink;
  /** kafkajs' own retries per request before the relay's backoff takes over. Default 3. */
  retries?: number;
}

/**
 * The kafkajs adapter: an idempotent producer (acks = all, one request in flight, so a retried batch cannot
 * be reordered or duplicated within a producer session). After a failed send the producer is dropped and a
 * new one connects on the next call, so a restarted broker is picked up. Records and batch checksums are
 * computed by `useFastEncoding`'s replacements (the same bytes as kafkajs' own, at a fraction of the CPU).
 */
export class KafkajsStatusPublisher implements StatusEventPublisher {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;

  constructor(private readonly options: KafkajsPublisherOptions) {
    if (!useFastEncoding())
      options.logger.debug?.(
        'kafkajs keeps its own record encoding (another version, or it already produced or fetched in this process)',
      );
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: options.retries ?? 3, initialRetryTime: 200, maxRetryTime: 2000 },
      logCreator: kafkaLogCreator(options.logger),
    });
  }

  async ensureTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = await admin.listTopics();
      if (existing.includes(this.options.topic)) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: this.options.topic,
            numPartitions: this.options.partitions,
            replicationFactor: this.options.replication,
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    try {
      // kafkajs copies each message into its own record object; the port's are passed as they are.
      await producer.send({ topic: this.options.topic, acks: -1, messages: messages as OutboundMessage[] });
    } catch (error) {
      await this.dropProducer();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.dropProducer();
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // murmur2 on the key, as the Java client: every producer puts a certificate on the same partition.
      createPartitioner: keyPartitioner,
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }
}
