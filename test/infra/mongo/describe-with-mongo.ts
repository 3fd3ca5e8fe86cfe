/**
 * Runs a MongoDB test block against MONGODB_TEST_URI (.ci/run starts mongo-java-server and sets it) or
 * MONGODB_URI (a real MongoDB). Without either, the block is skipped with a warning that says why — except
 * under CI, which always starts the server, so a missing URI there fails instead of passing quietly.
 */
export const describeWithMongo = (name: string, body: (uri: string) => void): void => {
  const uri = process.env.MONGODB_TEST_URI ?? process.env.MONGODB_URI;
  if (uri) {
    describe(name, () => body(uri));
    return;
  }
  const reason =
    `${name}: needs MONGODB_TEST_URI (set by .ci/run after test/infra/mongo/start.sh) ` +
    'or MONGODB_URI (a real MongoDB); neither is set.';
  if (process.env.CI) {
    describe(name, () => {
      it('has a MongoDB server to test against', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(`SKIPPED: ${reason}`);
  describe.skip(`${name} (set MONGODB_TEST_URI or MONGODB_URI to run)`, () => {
    it('needs a MongoDB server', () => undefined);
  });
};
