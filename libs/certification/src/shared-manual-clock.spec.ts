import { SharedManualClock } from './shared-manual-clock';

/** Until `condition` holds (messages between clocks arrive asynchronously); fails the test after 5 s. */
const eventually = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
};

describe('the manual clock shared by the threads of a process', () => {
  const clocks: SharedManualClock[] = [];
  const clock = (start: string) => {
    const created = new SharedManualClock(start);
    clocks.push(created);
    return created;
  };
  afterEach(() => clocks.splice(0).forEach((c) => c.close()));

  it('a move of one clock moves the others, whichever moves', async () => {
    const api = clock('2026-06-01T00:00:00.000Z');
    const background = clock('2026-06-01T00:00:00.000Z');
    api.set('2026-07-01T00:00:00.000Z');
    await eventually(() => background.now().toISOString() === '2026-07-01T00:00:00.000Z');
    background.advanceDays(2);
    await eventually(() => api.now().toISOString() === '2026-07-03T00:00:00.000Z');
    expect(background.now().toISOString()).toBe('2026-07-03T00:00:00.000Z');
  });

  it('a closed clock no longer follows', async () => {
    const moving = clock('2026-06-01T00:00:00.000Z');
    const closed = clock('2026-06-01T00:00:00.000Z');
    const open = clock('2026-06-01T00:00:00.000Z');
    closed.close();
    moving.set('2026-08-01T00:00:00.000Z');
    await eventually(() => open.now().toISOString() === '2026-08-01T00:00:00.000Z');
    expect(closed.now().toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});
