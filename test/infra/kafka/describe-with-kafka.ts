/**
 * Runs a Kafka test block against KAFKA_TEST_BROKERS (comma-separated host:port; .ci/run starts a real broker with
 * test/infra/kafka/start.sh and sets it). Without it, the block is skipped with a warning that says why — except
 * under CI, which always starts the broker, so a missing variable there fails instead of passing quietly.
 */
export const describeWithKafka = (name: string, body: (brokers: string[]) => void): void => {
  const brokers = (process.env.KAFKA_TEST_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (brokers.length > 0) {
    describe(name, () => body(brokers));
    return;
  }
  const reason =
    `${name}: needs KAFKA_TEST_BROKERS (set by .ci/run after test/infra/kafka/start.sh; locally run ` +
    '`bash test/infra/kafka/start.sh` and export KAFKA_TEST_BROKERS=127.0.0.1:19092); it is not set.';
  if (process.env.CI) {
    describe(name, () => {
      it('has a Kafka broker to test against', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(`SKIPPED: ${reason}`);
  describe.skip(`${name} (set KAFKA_TEST_BROKERS to run)`, () => {
    it('needs a Kafka broker', () => undefined);
  });
};
