import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-logger';

describe('kafkaLogCreator', () => {
  const entry = (level: logLevel, message: string) => ({
    namespace: 'Producer',
    level,
    label: 'X',
    log: { timestamp: 't', logger: 'kafkajs', message },
  });

  it('routes errors and warnings to warn, the rest to debug, and demotes the expected idempotent-retries notice to debug', () => {
    const warn = jest.fn();
    const debug = jest.fn();
    const log = kafkaLogCreator({ warn, error: jest.fn(), debug })(logLevel.INFO);
    log(entry(logLevel.ERROR, 'Connection error'));
    log(entry(logLevel.INFO, 'Starting'));
    log(entry(logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS guarantees'));
    expect(warn.mock.calls).toEqual([['[kafkajs Producer] Connection error']]);
    expect(debug.mock.calls).toEqual([
      ['[kafkajs Producer] Starting'],
      ['[kafkajs Producer] Limiting retries for the idempotent producer may invalidate EoS guarantees'],
    ]);
  });
});
