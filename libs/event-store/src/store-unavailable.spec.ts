import {
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoTopologyClosedError,
} from 'mongodb';
import { isStoreUnavailable, StoreUnavailableError, StreamNotFoundError } from './errors';

describe('isStoreUnavailable', () => {
  it('holds for the event store adapters’ error and the MongoDB driver’s lost or unreachable server', () => {
    expect(
      isStoreUnavailable(new StoreUnavailableError('SQLite event store unavailable: disk I/O error')),
    ).toBe(true);
    expect(isStoreUnavailable(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isStoreUnavailable(new MongoNotConnectedError('client must be connected'))).toBe(true);
    expect(isStoreUnavailable(new MongoTopologyClosedError())).toBe(true);
  });

  it('holds for a server error the driver labels retryable (a primary that stepped down)', () => {
    const steppedDown = new MongoServerError({ message: 'not primary', code: 10107 });
    steppedDown.addErrorLabel('RetryableWriteError');
    expect(isStoreUnavailable(steppedDown)).toBe(true);
  });

  it('does not hold for what a retry cannot fix', () => {
    expect(isStoreUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(
      false,
    );
    expect(isStoreUnavailable(new StreamNotFoundError('certificate-C-1'))).toBe(false);
    expect(isStoreUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isStoreUnavailable('MongoNetworkError')).toBe(false);
  });
});
