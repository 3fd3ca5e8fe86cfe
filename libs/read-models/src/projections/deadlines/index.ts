export * from './deadline';
export * from './deadlines.projection';
