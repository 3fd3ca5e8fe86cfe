export * from './relay-status';
export * from './status-relay';
export * from './certificate-facts';
export * from './backoff';
export * from './contract-mapper';
export * from './open-checkpoint-store';
export * from './messaging.module';
