import { asyncRetry } from '@event-driven-io/emmett';
import { commitRaceRetry } from '../../bench/lib/emmett';

const commitRace = () => new Error('SQLITE_BUSY: cannot commit transaction - SQL statements in progress');

/** A command that fails with `errors` in turn, then succeeds. */
const failingWith = (...errors: Error[]) => {
  let attempts = 0;
  const run = jest.fn(async () => {
    const error = errors[attempts++];
    if (error) throw error;
    return 'committed';
  });
  return run;
};

describe('the bench peer: retrying Emmett commits that lost the race with its own PRAGMA', () => {
  it('runs a command again at once when its COMMIT found a statement in progress, and counts it', async () => {
    const retried = jest.fn();
    const command = failingWith(commitRace(), commitRace());

    await expect(asyncRetry(command, commitRaceRetry(retried))).resolves.toBe('committed');

    expect(command).toHaveBeenCalledTimes(3);
    expect(retried).toHaveBeenCalledTimes(2);
  });

  it('gives up after two retries with the race error', async () => {
    const retried = jest.fn();
    const command = failingWith(commitRace(), commitRace(), commitRace());

    await expect(asyncRetry(command, commitRaceRetry(retried))).rejects.toThrow('SQL statements in progress');

    expect(command).toHaveBeenCalledTimes(3);
  });

  it('does not retry any other error, such as a lock held by another connection', async () => {
    const retried = jest.fn();
    const command = failingWith(new Error('SQLITE_BUSY: database is locked'));

    await expect(asyncRetry(command, commitRaceRetry(retried))).rejects.toThrow('database is locked');

    expect(command).toHaveBeenCalledTimes(1);
    expect(retried).not.toHaveBeenCalled();
  });
});
