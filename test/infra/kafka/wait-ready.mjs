#!/usr/bin/env node
/*
 * Waits until a KafkaJS admin client can list the topics of the broker(s) given and the group coordinator answers,
 * i.e. until the broker really serves producers and consumer groups (an open port alone is not enough: the
 * controller may still be electing itself, the offsets topic may not exist or be loaded yet, and idempotent
 * producers may not get a producer id yet).
 * Exits 0 when ready, 1 after the deadline. Used by start.sh.
 *
 * Usage: node wait-ready.mjs <host:port[,host:port]> [timeout seconds, default 60]
 */
/* global process, console, setTimeout -- a Node script; the lint setup defines no Node globals for plain JS */
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const [brokersArg, timeoutArg] = process.argv.slice(2);
if (!brokersArg) {
  console.error('usage: wait-ready.mjs <host:port[,host:port]> [timeout seconds]');
  process.exit(2);
}
const READY_GROUP = 'kafka-test-broker-ready-check';
const deadline = Date.now() + Number(timeoutArg ?? 60) * 1000;
const kafka = new Kafka({
  clientId: 'kafka-test-broker-ready-check',
  brokers: brokersArg.split(','),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 5000,
  retry: { retries: 0 },
});

let lastError = 'no attempt made';
while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    // The first group request makes the broker create __consumer_offsets; until its partition is loaded a
    // consumer's JoinGroup gets NOT_COORDINATOR and KafkaJS crashes the consumer. Answer only when a group lookup
    // succeeds and that topic has a leader.
    await admin.describeGroups([READY_GROUP]);
    const { topics } = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
    if (!topics[0]?.partitions.every((partition) => partition.leader >= 0)) {
      throw new Error('__consumer_offsets has a partition without a leader');
    }
    // An idempotent producer's InitProducerId gets COORDINATOR_LOAD_IN_PROGRESS until the broker has fetched its
    // first block of producer ids from the controller.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 5, initialRetryTime: 100 }, // KafkaJS refuses an idempotent producer without retries
    });
    try {
      await producer.connect();
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
    await admin.disconnect();
    process.exit(0);
  } catch (error) {
    lastError = error instanceof Error ? error.message : String(error);
    await admin.disconnect().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
console.error(`broker ${brokersArg} was not ready in time: ${lastError}`);
process.exit(1);
