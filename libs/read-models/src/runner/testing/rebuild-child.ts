/**
 * Child process for the "killed in the middle of a rebuild" test: rebuilds the counter projection from
 * the event store file into the read store file, printing one line per committed batch and pausing a
 * little after each so the parent can SIGKILL it mid-rebuild.
 * Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register rebuild-child.ts \
 *          <events.sqlite> <read.sqlite> <batchSize> <pauseMs>
 */
import { SqliteEventStore } from '@app/event-store';
import { SqliteReadStore } from '../../embedded';
import { ProjectionRunner } from '../projection-runner';
import { counterProjection, recordingLogger } from './runner-fixtures';

const main = async (): Promise<void> => {
  const [eventsPath, readPath, batchSize, pauseMs] = process.argv.slice(2);
  const eventStore = SqliteEventStore.open({ path: eventsPath });
  const readStore = SqliteReadStore.open({ path: readPath });
  const runner = new ProjectionRunner(eventStore, readStore, [counterProjection()], {
    batchSize: Number(batchSize),
    // Commit every batch, so the parent's kill lands between committed batches as well as inside one.
    flushSize: 1,
    logger: recordingLogger(),
  });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const [result] = await runner.rebuild('counter', (done, total) => {
    process.stdout.write(`batch ${done} ${total}\n`);
    // Synchronous on purpose: the process must be busy, not idle, when the parent kills it.
    Atomics.wait(pause, 0, 0, Number(pauseMs));
  });
  process.stdout.write(`done ${result.outcome} ${result.generation}\n`);
  await readStore.close();
  await eventStore.close();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
