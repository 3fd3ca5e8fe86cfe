import type { ConfigService } from '@nestjs/config';
import type { Environment } from '@app/config';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topic: string;
  partitions: number;
  replication: number;
}

export const parseBrokers = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);

/** The Kafka settings from the environment, or null when KAFKA_BROKERS is unset (relay off). */
export const kafkaSettingsFrom = (config: ConfigService<Environment, true>): KafkaSettings | null => {
  const brokers = parseBrokers(config.get('KAFKA_BROKERS', { infer: true }));
  if (brokers.length === 0) return null;
  return {
    brokers,
    clientId: config.get('KAFKA_CLIENT_ID', { infer: true }),
    topic: config.get('KAFKA_TOPIC_STATUS', { infer: true }),
    partitions: config.get('KAFKA_TOPIC_PARTITIONS', { infer: true }),
    replication: config.get('KAFKA_TOPIC_REPLICATION', { infer: true }),
  };
};
