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
