import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent } from '@app/event-store';
import { SqliteCheckpointStore } from '@app/event-store/checkpoints';
import type { SqliteEventStore } from '@app/event-store';
import { KafkajsStatusPublisher } from '../../kafka/kafkajs-status-publisher';
import { tailStatusEvents, type TailedStatusEvent } from '../../kafka/status-tail';
import { StatusRelay, type StatusMessageMapper } from '../status-relay';
import { quietLogger } from './relay-fixtures';

const kafkaQuiet = { warn: () => undefined, error: () => undefined };

export const relayOn = (
  store: SqliteEventStore,
  brokers: string[],
  topic: string,
  map: StatusMessageMapper,
  batchSize = 50,
): StatusRelay =>
  new StatusRelay({
    eventStore: store,
    checkpoints: new SqliteCheckpointStore(store),
    publisher: new KafkajsStatusPublisher({
      brokers,
      clientId: 'relay-int-test',
      topic,
      partitions: 3,
      replication: 1,
      logger: kafkaQuiet,
      retries: 1,
    }),
    map,
    logger: quietLogger,
    batchSize,
    backoff: { initialMs: 100, maxMs: 1000 },
  });

/** Reads the topic from the beginning with a fresh group; `stop()` when done. */
export const collectTopic = async (brokers: string[], topic: string) => {
  const received: TailedStatusEvent[] = [];
  const tail = await tailStatusEvents({
    settings: { brokers, clientId: 'relay-int-test', topic },
    fromBeginning: true,
    logger: kafkaQuiet,
    onEvent: (event) => received.push(event),
  });
  return { received, stop: tail.stop };
};

/** Re-appends recorded events (e.g. the contract's story) to `streamId` under fresh ids. */
export const appendRecorded = async (
  store: EventStore,
  streamId: string,
  events: readonly RecordedEvent[],
): Promise<void> => {
  const toAppend: EventToAppend[] = events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      actor: event.metadata.actor,
      occurredAt: event.metadata.occurredAt,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
      schemeVersion: event.metadata.schemeVersion,
    },
  }));
  await store.append(streamId, toAppend, 'any');
};
