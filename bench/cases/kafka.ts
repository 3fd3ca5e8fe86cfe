import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { certificateDecider, certificateStreamName } from '@app/domain';
import { handleCommand, idempotentEventId, SqliteEventStore, type Position } from '@app/event-store';
import { SqliteCheckpointStore, type CheckpointStore } from '@app/event-store/checkpoints';
import { contractMapper, KafkajsStatusPublisher, StatusRelay } from '@app/messaging';
import { BENCH_ACTORS, BENCH_NOW } from '../datasets/certification-files';
import { schemes } from '../datasets/cache';
import type { BenchCase } from '../lib/case';
import { SkipCase } from '../lib/case';
import { delay, withTimeout } from '../lib/children';
import type { BenchContext } from '../lib/context';
import { ROOT } from '../lib/paths';
import { metric } from '../lib/report';
import { elapsedMs, median, percentile } from '../lib/stats';

/** Ports of the broker this case starts when none is given (beside the test suites' 19092). */
const OWN_PORT = process.env.BENCH_KAFKA_PORT ?? '19392';
const OWN_CONTROLLER_PORT = process.env.BENCH_KAFKA_CONTROLLER_PORT ?? '19393';
const RATE_PER_SECOND = 500;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

const brokersFromEnvironment = (): string[] =>
  (process.env.BENCH_KAFKA_BROKERS ?? process.env.KAFKA_TEST_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);

/**
 * A real broker: BENCH_KAFKA_BROKERS or KAFKA_TEST_BROKERS (what .ci/run exports), else one started here with
 * test/infra/kafka/start.sh on ports of its own (stopped again at the end). Skips the case, saying why, when no
 * broker can be had.
 */
const obtainBroker = (): { brokers: string[]; stop: () => void } => {
  const given = brokersFromEnvironment();
  if (given.length > 0) return { brokers: given, stop: () => undefined };
  const env = { ...process.env, KAFKA_TEST_PORT: OWN_PORT, KAFKA_TEST_CONTROLLER_PORT: OWN_CONTROLLER_PORT };
  const script = (name: string) =>
    spawnSync('bash', [join(ROOT, 'test/infra/kafka', name)], { env, encoding: 'utf8', timeout: 600_000 });
  const started = script('start.sh');
  if (started.status !== 0) {
    script('stop.sh');
    const why = `${started.stderr ?? ''}${started.stdout ?? ''}${started.error?.message ?? ''}`
      .trim()
      .split('\n')
      .slice(-5)
      .join(' | ');
    throw new SkipCase(
      `no Kafka broker: test/infra/kafka/start.sh failed (${why || `exit ${String(started.status)}`})`,
    );
  }
  return { brokers: [`127.0.0.1:${OWN_PORT}`], stop: () => void script('stop.sh') };
};

/** Passes saves through and tells when the relay's checkpoint (stored after the broker's acks) reaches `target`. */
class WatchedCheckpoints implements CheckpointStore {
  private waiter: { target: bigint; resolve: () => void } | null = null;

  constructor(private readonly inner: CheckpointStore) {}

  load(name: string) {
    return this.inner.load(name);
  }

  async save(name: string, position: Position, expectedRevision: number | null): Promise<number> {
    const revision = await this.inner.save(name, position, expectedRevision);
    if (this.waiter && position.commit >= this.waiter.target) {
      this.waiter.resolve();
      this.waiter = null;
    }
    return revision;
  }

  reached(target: bigint): Promise<void> {
    return new Promise((resolve) => (this.waiter = { target, resolve }));
  }
}

const relayOn = (
  store: SqliteEventStore,
  checkpoints: CheckpointStore,
  brokers: string[],
  topic: string,
  checkpointName: string,
) =>
  new StatusRelay({
    eventStore: store,
    checkpoints,
    publisher: new KafkajsStatusPublisher({
      brokers,
      clientId: 'certification-bench',
      topic,
      partitions: 6,
      replication: 1,
      logger: quiet,
    }),
    map: contractMapper,
    logger: quiet,
    checkpointName,
  });

/** Case 6: the status-event relay on a real broker — catch-up throughput, and append → consumer latency at 500/s. */
export const kafkaCase: BenchCase = {
  id: 'kafka',
  number: 6,
  title: 'Kafka status events',
  ownProcess: true,
  async run(context: BenchContext) {
    const { profile } = context;
    const dataset = await context.commands();
    const broker = obtainBroker();
    const topic = `bench.certificate-status.${Date.now()}`;
    const store = SqliteEventStore.open({ path: context.copyDatabase(dataset.eventsPath, 'kafka') });
    const kafka = new Kafka({
      clientId: 'certification-bench',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    try {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
      });
      await admin.disconnect();

      // Catch-up: a relay with a fresh checkpoint publishes every certificate event of the store, in batches. The
      // first pass warms the broker up (a JVM this case may have started moments ago runs the first records
      // interpreted) and is reported apart, not counted: the goal is about a relay and a broker that are running.
      const head = (await store.headPosition())?.commit ?? 0n;
      const certificateEvents = dataset.events;
      const catchUps: number[] = [];
      let warmUp = 0;
      const catchUpRuns = Math.min(profile.runs, 3);
      for (let run = 0; run <= catchUpRuns; run++) {
        const checkpoints = new WatchedCheckpoints(new SqliteCheckpointStore(store));
        const relay = relayOn(store, checkpoints, broker.brokers, topic, `bench-catch-up-${run}`);
        const reached = checkpoints.reached(head);
        const start = process.hrtime.bigint();
        relay.start();
        await withTimeout(reached, 300_000, 'the relay did not catch up within 5 minutes');
        const rate = certificateEvents / (elapsedMs(start) / 1000);
        if (run === 0) warmUp = rate;
        else catchUps.push(rate);
        await relay.stop();
      }

      // Live: one relay following the log; status events appended at 500/s; a consumer timestamps each arrival.
      const sentAt = new Map<string, bigint>();
      const latencies: number[] = [];
      const consumer = kafka.consumer({ groupId: `certification-bench-${randomUUID()}` });
      await consumer.connect();
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({
        // A fresh group that is never resumed: committing offsets would only put a commit round trip after each
        // partition's batch (kafkajs' default), ahead of the next partition's messages and the next fetch.
        autoCommit: false,
        eachMessage: async ({ message }) => {
          const id = message.headers?.ce_id?.toString();
          const sent = id === undefined ? undefined : sentAt.get(id);
          if (sent !== undefined) latencies.push(elapsedMs(sent));
        },
      });
      await joined;
      await delay(1_000); // offsets resolved to the end of each partition
      const liveCheckpoints = new SqliteCheckpointStore(store);
      const live = relayOn(store, liveCheckpoints, broker.brokers, topic, 'bench-live');
      // Start live from the head: the catch-up above already measured the backlog.
      await liveCheckpoints.save('bench-live', { commit: head, prepare: head }, null);
      live.start();
      await delay(1_000);
      const catalogue = schemes();
      const numbers = dataset.numbers;
      const total = RATE_PER_SECOND * profile.kafkaSeconds;
      const pending: Promise<unknown>[] = [];
      const started = process.hrtime.bigint();
      let appendErrors = 0;
      for (let i = 0; i < total; i++) {
        const due = (i * 1000) / RATE_PER_SECOND;
        const wait = due - elapsedMs(started);
        if (wait > 1) await delay(wait);
        const stream = certificateStreamName(numbers[i % numbers.length]);
        const key = `bench-kafka-${i}-${randomUUID()}`;
        sentAt.set(idempotentEventId(key, stream, 0), process.hrtime.bigint());
        pending.push(
          handleCommand(
            store,
            certificateDecider,
            stream,
            {
              type: 'ReissueCertificate',
              data: { reason: 'LOST' },
              context: { actor: BENCH_ACTORS.registry, now: BENCH_NOW, schemes: catalogue },
            },
            { idempotencyKey: key },
          ).catch(() => appendErrors++),
        );
      }
      await Promise.all(pending);
      const appendRate = total / (elapsedMs(started) / 1000);
      const deadline = Date.now() + 60_000;
      while (latencies.length < total - appendErrors && Date.now() < deadline) await delay(50);
      await live.stop();
      await consumer.disconnect();
      const missing = total - appendErrors - latencies.length;
      return {
        metrics: [
          metric({
            id: 'latency',
            label: `append → consumer latency at ${RATE_PER_SECOND} events/s`,
            unit: 'ms',
            value: median(latencies),
            p99: percentile(latencies, 99),
            goal: { op: '<=', value: 250 },
            goalOn: 'p99',
          }),
          metric({ id: 'append-rate', label: 'status events appended', unit: 'ev/s', value: appendRate }),
          metric({
            id: 'catch-up',
            label: 'relay catch-up',
            unit: 'ev/s',
            value: median(catchUps),
            runs: catchUps,
            goal: { op: '>=', value: 20_000 },
          }),
        ],
        notes: [
          `Broker ${broker.brokers.join(',')}, topic with 6 partitions; the relay as the API runs it (StatusRelay, ` +
            'kafkajs idempotent producer, acks=all, one send in flight carrying what arrived meanwhile, contract ' +
            'mapping, checkpoint after each acknowledged batch). ' +
            `Catch-up: ${certificateEvents.toLocaleString()} certificate events from a fresh checkpoint, ${catchUpRuns} run(s) ` +
            `after a warm-up pass (${Math.round(warmUp).toLocaleString()} ev/s, not counted). ` +
            `Live: ${total.toLocaleString()} ReissueCertificate commands (handleCommand) paced at ${RATE_PER_SECOND}/s for ` +
            `${profile.kafkaSeconds} s; latency from just before the append to the consumer's eachMessage, all in this process.`,
          ...(missing > 0 ? [`${missing} event(s) not received within 60 s of the last append.`] : []),
          ...(appendErrors > 0 ? [`${appendErrors} append(s) failed.`] : []),
        ],
      };
    } finally {
      await store.close();
      broker.stop();
    }
  },
};
