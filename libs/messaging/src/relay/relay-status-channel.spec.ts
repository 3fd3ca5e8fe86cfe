import type { RelayStatus } from './relay-status';
import { answerRelayStatus, RelayStatusFromThread } from './relay-status-channel';

const live: RelayStatus = { state: 'live', checkpoint: '42/42', lag: 3, lastError: null, retries: 0 };

describe('the relay status between the threads of a process', () => {
  it('is answered by the thread running the relay', async () => {
    const answering = answerRelayStatus({ status: () => Promise.resolve(live) });
    try {
      await expect(new RelayStatusFromThread().status()).resolves.toEqual(live);
    } finally {
      answering.close();
    }
  });

  it('each question gets its own answer', async () => {
    let asked = 0;
    const answering = answerRelayStatus({ status: () => Promise.resolve({ ...live, lag: ++asked }) });
    try {
      const asker = new RelayStatusFromThread();
      const lags = (await Promise.all([asker.status(), asker.status()])).map((status) => status.lag);
      expect(lags.sort()).toEqual([1, 2]);
    } finally {
      answering.close();
    }
  });

  it('says `stopped`, naming why, when no thread answers', async () => {
    await expect(new RelayStatusFromThread(50).status()).resolves.toEqual({
      state: 'stopped',
      checkpoint: null,
      lag: 0,
      lastError: 'the background thread running the relay did not answer',
      retries: 0,
    });
  });
});
