import { LoginRateLimiter, type RateLimitDecision } from './login-rate-limiter';

const allowed = (decision: RateLimitDecision) => {
  if (!decision.allowed) throw new Error(`refused, retry after ${decision.retryAfterSeconds}`);
  return decision.slot;
};

describe('LoginRateLimiter', () => {
  let now: number;
  const limiter = (limit = 3, windowMs = 60_000, maxKeys?: number) =>
    new LoginRateLimiter({ limit, windowMs, maxKeys }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows `limit` attempts per key and window, then refuses with the seconds left in the window', () => {
    const rl = limiter();
    for (let i = 0; i < 3; i++) allowed(rl.take('10.0.0.1'));
    now += 15_500;
    expect(rl.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another address has its own budget.
    allowed(rl.take('10.0.0.2'));
  });

  it('opens a new window when the old one has passed', () => {
    const rl = limiter();
    for (let i = 0; i < 3; i++) allowed(rl.take('a'));
    now += 60_000;
    allowed(rl.take('a'));
  });

  it('never answers a Retry-After below one second', () => {
    const rl = limiter(1, 60_000);
    allowed(rl.take('a'));
    now += 59_999;
    expect(rl.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('a released slot (a successful login) does not count', () => {
    const rl = limiter(2);
    for (let i = 0; i < 10; i++) allowed(rl.take('office-nat')).release();
    allowed(rl.take('office-nat'));
    allowed(rl.take('office-nat'));
    expect(rl.take('office-nat').allowed).toBe(false);
  });

  it('a slot is given back once, and only to the window it was taken from', () => {
    const rl = limiter(2);
    const slot = allowed(rl.take('a'));
    slot.release();
    slot.release();
    allowed(rl.take('a'));
    allowed(rl.take('a'));
    expect(rl.take('a').allowed).toBe(false);

    const old = allowed(rl.take('b'));
    now += 60_000;
    allowed(rl.take('b'));
    allowed(rl.take('b'));
    old.release();
    expect(rl.take('b').allowed).toBe(false);
  });

  it('counts attempts still running: a parallel burst is cut at the limit', () => {
    const rl = limiter(3);
    const burst = Array.from({ length: 10 }, () => rl.take('attacker'));
    expect(burst.filter((d) => d.allowed)).toHaveLength(3);
  });

  it('keeps memory bounded under a flood of addresses', () => {
    const rl = limiter(3, 60_000, 100);
    for (let i = 0; i < 1000; i++) rl.take(`10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(rl.size).toBeLessThanOrEqual(100);
  });
});
