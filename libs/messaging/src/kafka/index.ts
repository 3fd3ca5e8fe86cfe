export * from './status-event-publisher.port';
export * from './kafka-logger';
export * from './kafka-settings';
export * from './kafkajs-status-publisher';
export * from './status-tail';
