export * from './environment';
export * from './schemes';
export * from './background-work';
