export * from './sqlite-event-store';
export { SCHEMA_VERSION } from './schema';
