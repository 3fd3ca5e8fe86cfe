export * from './given-when-then';
export * from './command-context';
