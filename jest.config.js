/** Test tiers by file suffix: *.spec.ts unit, *.int-spec.ts real infrastructure, *.e2e-spec.ts over HTTP. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];
const moduleNameMapper = {
  '^@app/(domain|event-store|testing|config|auth|certification|read-models|messaging)$':
    '<rootDir>/libs/$1/src',
  '^@app/(domain|event-store|testing|config|auth|certification|read-models|messaging)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
};
const project = (displayName, suffix) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/jest.env.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: [`<rootDir>/{apps,libs,test}/**/*.${suffix}.ts`],
});
module.exports = {
  // Integration and end-to-end tests hash real passwords (argon2) and start real apps.
  testTimeout: 30000,
  // One worker per core: much of the integration and end-to-end suites' time is spent waiting on servers and
  // child processes, so a worker on every core (Jest's default leaves one out) ends the run sooner.
  maxWorkers: '100%',
  projects: [project('unit', 'spec'), project('integration', 'int-spec'), project('e2e', 'e2e-spec')],
};
