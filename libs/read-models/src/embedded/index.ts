export * from './sqlite-read-store';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './query-sql';
