import { toKafkaMessage, toStatusEvent } from '../contract';
import type { StatusMessageMapper } from './status-relay';

/** The relay's mapping: the contract's integration event, as a CloudEvents binary-mode Kafka record. */
export const contractMapper: StatusMessageMapper = (event, { holderName, status }) => {
  const statusEvent = toStatusEvent(event, holderName, status as Parameters<typeof toStatusEvent>[2]);
  return statusEvent && toKafkaMessage(statusEvent);
};
