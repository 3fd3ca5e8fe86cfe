import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/** What kafkajs logs through; a Nest `Logger` fits as is. */
export interface KafkaLogSink {
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

const format = ({ namespace, log }: LogEntry): string => {
  const { message, error } = log;
  return `[kafkajs ${namespace}] ${String(message)}${error ? `: ${String(error)}` : ''}`;
};

/**
 * Quiet kafkajs: errors and warnings go to our logger (warnings of a broker being unreachable are expected
 * during outages and the relay reports them itself, so kafkajs errors are logged as warnings), the rest to debug.
 */
/**
 * Expected by design, not worth a warning: the relay bounds kafkajs' retries so an outage surfaces in its status,
 * and re-sends a failed batch itself (repeats carry the same ce_id).
 */
const EXPECTED = /Limiting retries for the idempotent producer/;

export const kafkaLogCreator =
  (sink: KafkaLogSink): logCreator =>
  () =>
  (entry: LogEntry) => {
    const serious = entry.level === logLevel.ERROR || entry.level === logLevel.WARN;
    if (serious && !EXPECTED.test(String(entry.log.message))) sink.warn(format(entry));
    else sink.debug?.(format(entry));
  };
