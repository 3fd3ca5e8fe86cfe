export * from './status-event.types';
export * from './status-event.mapping';
export * from './kafka-message';
export * from './status-event.schemas';
export * from './status-event.validate';
export * from './asyncapi.document';
