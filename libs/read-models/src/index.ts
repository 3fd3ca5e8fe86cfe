export * from './projection';
export * from './read-store.port';
export * from './embedded';
export * from './runner';
export * from './lease';
export * from './projections';
export * from './calendar/working-days';
export * from './queries/public-registry-entry';
