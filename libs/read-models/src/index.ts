export * from './projection';
export * from './read-store.port';
