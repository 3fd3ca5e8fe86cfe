import { backgroundPlacement } from './background-work';
import { validateEnvironment } from './environment';

const placementOf = (raw: Record<string, string>) => backgroundPlacement(validateEnvironment(raw));

describe('where an API process runs its background work', () => {
  it('in a worker thread by default (file stores), whatever the clock', () => {
    expect(placementOf({ CLOCK: 'manual' })).toEqual({ where: 'thread' });
    expect(placementOf({})).toEqual({ where: 'thread' });
    expect(
      placementOf({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false' }),
    ).toEqual({ where: 'thread' });
  });

  it.each([
    [{ BACKGROUND: 'inline' }, 'BACKGROUND=inline'],
    [{ PROJECTOR: 'off', TIMERS: 'off', KAFKA_RELAY: 'off' }, 'no background work is switched on'],
    [{ SQLITE_PATH: ':memory:' }, 'the event store is in memory (SQLITE_PATH=:memory:)'],
    [{ READ_STORE_PATH: ':memory:' }, 'the read store is in memory (READ_STORE_PATH=:memory:)'],
  ])('inline with %j: %s', (raw, reason) => {
    expect(placementOf(raw)).toEqual({ where: 'inline', reason });
  });

  it('a store in memory that is not in use does not keep the work inline', () => {
    expect(
      placementOf({
        SQLITE_PATH: ':memory:',
        EVENT_STORE: 'esdb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false',
        READ_STORE_PATH: ':memory:',
        READ_STORE: 'mongodb',
        MONGODB_URI: 'mongodb://127.0.0.1:27017',
      }),
    ).toEqual({ where: 'thread' });
  });

  it('rejects other values of BACKGROUND', () => {
    expect(() => validateEnvironment({ BACKGROUND: 'process' })).toThrow(/BACKGROUND=/);
  });
});
