/**
 * Child process for the "relay killed" test: relays the certificate events of a SQLite event store to Kafka,
 * printing one line per acknowledged send and pausing a little after each, so the parent can SIGKILL it mid-way.
 * Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register relay-child.ts <events.sqlite> <brokers> <topic>
 */
import { SqliteEventStore } from '@app/event-store';
import { SqliteCheckpointStore } from '@app/event-store/checkpoints';
import { KafkajsStatusPublisher } from '../../kafka/kafkajs-status-publisher';
import type { StatusEventPublisher } from '../../kafka/status-event-publisher.port';
import { StatusRelay } from '../status-relay';
import { quietLogger, testMapper } from './relay-fixtures';

const main = async (): Promise<void> => {
  const [eventsPath, brokers, topic] = process.argv.slice(2);
  const store = SqliteEventStore.open({ path: eventsPath, pollIntervalMs: 20 });
  const kafka = new KafkajsStatusPublisher({
    brokers: brokers.split(','),
    clientId: 'relay-kill-test',
    topic,
    partitions: 3,
    replication: 1,
    logger: { warn: () => undefined, error: () => undefined },
    retries: 1,
  });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const publisher: StatusEventPublisher = {
    ensureTopic: () => kafka.ensureTopic(),
    close: () => kafka.close(),
    publish: async (messages) => {
      await kafka.publish(messages);
      process.stdout.write(`sent ${messages.length}\n`);
      // Busy, not idle, when the parent kills it: between the broker's ack and the checkpoint.
      Atomics.wait(pause, 0, 0, 30);
    },
  };
  new StatusRelay({
    eventStore: store,
    checkpoints: new SqliteCheckpointStore(store),
    publisher,
    map: testMapper,
    logger: quietLogger,
    batchSize: 5,
  }).start();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
