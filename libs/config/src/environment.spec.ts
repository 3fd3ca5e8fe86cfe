import { EnvironmentError, validateEnvironment } from './environment';

describe('environment validation', () => {
  it('applies the embedded defaults', () => {
    expect(validateEnvironment({})).toMatchObject({
      PORT: 3000,
      EVENT_STORE: 'sqlite',
      SQLITE_SYNCHRONOUS: 'FULL',
    });
  });

  it('converts and accepts valid values', () => {
    expect(validateEnvironment({ PORT: '8080', SQLITE_SYNCHRONOUS: 'NORMAL' })).toMatchObject({
      PORT: 8080,
      SQLITE_SYNCHRONOUS: 'NORMAL',
    });
  });

  it('names every bad variable', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', EVENT_STORE: 'postgres' })).toThrow(EnvironmentError);
    expect(() => validateEnvironment({ PORT: 'eighty', EVENT_STORE: 'postgres' })).toThrow(
      /PORT=.*\n- EVENT_STORE=/s,
    );
  });
});

describe('event store selection', () => {
  it('needs a connection string for EventStoreDB, and names it when missing', () => {
    expect(() => validateEnvironment({ EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(
      validateEnvironment({
        EVENT_STORE: 'esdb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false',
      }),
    ).toMatchObject({ EVENT_STORE: 'esdb' });
  });

  it('refuses an unknown store', () => {
    expect(() => validateEnvironment({ EVENT_STORE: 'postgres' })).toThrow(/EVENT_STORE/);
  });
});

describe('calendar override file', () => {
  it('is optional, and when set must be a non-empty path', () => {
    expect(validateEnvironment({}).CALENDAR_FILE).toBeUndefined();
    expect(validateEnvironment({ CALENDAR_FILE: 'config/calendar.json' })).toMatchObject({
      CALENDAR_FILE: 'config/calendar.json',
    });
    expect(() => validateEnvironment({ CALENDAR_FILE: '' })).toThrow(/CALENDAR_FILE=""/);
  });
});

describe("the background thread's priority", () => {
  it('is a nice value from 0 to 19, 10 unless set', () => {
    expect(validateEnvironment({}).BACKGROUND_NICE).toBe(10);
    expect(validateEnvironment({ BACKGROUND_NICE: '0' }).BACKGROUND_NICE).toBe(0);
    expect(validateEnvironment({ BACKGROUND_NICE: '19' }).BACKGROUND_NICE).toBe(19);
    for (const bad of ['-1', '20', '2.5', 'low'])
      expect(() => validateEnvironment({ BACKGROUND_NICE: bad })).toThrow(/BACKGROUND_NICE=/);
  });
});
