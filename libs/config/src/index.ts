export * from './environment';
export * from './schemes';
