export * from './given-when-then';
export * from './command-context';
export * from './fixtures/application.fixtures';
export * from './fixtures/score-sheet.fixtures';
export * from './http-app';
export * from './raw-http';
export * from './free-port';
export * from './tcp-proxy';
