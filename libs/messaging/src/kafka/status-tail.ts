import { randomUUID } from 'node:crypto';
import { Kafka, type IHeaders } from 'kafkajs';
import type { KafkaSettings } from './kafka-settings';
import { kafkaLogCreator, type KafkaLogSink } from './kafka-logger';

/** A status event as read back from the topic (CloudEvents binary mode: attributes in `ce_*` headers). */
export interface TailedStatusEvent {
  id: string | null;
  type: string | null;
  subject: string | null;
  time: string | null;
  key: string | null;
  partition: number;
  offset: string;
  data: unknown;
}

const header = (headers: IHeaders | undefined, name: string): string | null => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
};

const parseBody = (value: Buffer | null): unknown => {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export interface TailOptions {
  settings: Pick<KafkaSettings, 'brokers' | 'clientId' | 'topic'>;
  fromBeginning: boolean;
  logger: KafkaLogSink;
  onEvent: (event: TailedStatusEvent) => void;
  /** Default: a fresh group per run, so every tail sees the topic independently and commits nothing shared. */
  groupId?: string;
}

/** Subscribes to the status topic and calls `onEvent` for each record; `stop()` disconnects. */
export const tailStatusEvents = async (options: TailOptions): Promise<{ stop: () => Promise<void> }> => {
  const kafka = new Kafka({
    clientId: `${options.settings.clientId}-tail`,
    brokers: options.settings.brokers,
    logCreator: kafkaLogCreator(options.logger),
  });
  const consumer = kafka.consumer({ groupId: options.groupId ?? `certification-tail-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: options.settings.topic, fromBeginning: options.fromBeginning });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      options.onEvent({
        id: header(message.headers, 'ce_id'),
        type: header(message.headers, 'ce_type'),
        subject: header(message.headers, 'ce_subject'),
        time: header(message.headers, 'ce_time'),
        key: message.key?.toString() ?? null,
        partition,
        offset: message.offset,
        data: parseBody(message.value),
      });
      return Promise.resolve();
    },
  });
  return { stop: () => consumer.disconnect() };
};

/** One line per event for a terminal: time, type, subject, then the JSON body. */
export const formatTailedEvent = (event: TailedStatusEvent): string =>
  `${event.time ?? '-'}  ${event.type ?? '(no ce_type)'}  ${event.subject ?? event.key ?? '-'}  ${JSON.stringify(event.data)}`;
