export * from './contract';
export * from './kafka';
export * from './relay';
