export interface RateLimit {
  /** Attempts allowed per key and window. */
  limit: number;
  windowMs: number;
  /** Keys kept before old windows are swept (a flood from many addresses must not grow memory without bound). */
  maxKeys?: number;
}

/** A granted attempt: give it back when it succeeded, so only failed (or still running) attempts count. */
export interface RateLimitSlot {
  release(): void;
}

export type RateLimitDecision =
  { allowed: true; slot: RateLimitSlot } | { allowed: false; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Login attempts per client address, in fixed windows (AUTH_LOGIN_RATE_LIMIT per AUTH_LOGIN_RATE_WINDOW_SECONDS).
 * Each attempt takes a slot BEFORE the password is checked, so a burst of parallel guesses is cut at the limit
 * instead of costing the server an argon2 hash each; a successful login gives its slot back, so people who type
 * their password right (many, behind one office NAT address) are never limited. In memory: each API replica
 * counts for itself, and the per-account lockout is the shared, durable limit.
 */
export class LoginRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxKeys: number;

  constructor(
    private readonly settings: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.maxKeys = settings.maxKeys ?? 100_000;
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now - window.startedAt >= this.settings.windowMs) {
      this.makeRoom(now);
      window = { startedAt: now, count: 0 };
      // Re-inserted, so the map's order stays oldest window first.
      this.windows.delete(key);
      this.windows.set(key, window);
    }
    if (window.count >= this.settings.limit) {
      const retryAfterMs = window.startedAt + this.settings.windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    window.count += 1;
    const taken = window;
    let released = false;
    return {
      allowed: true,
      slot: {
        release: () => {
          // Only into the window it was taken from, and once.
          if (released || this.windows.get(key) !== taken) return;
          released = true;
          taken.count = Math.max(0, taken.count - 1);
        },
      },
    };
  }

  /** Number of keys tracked (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.settings.windowMs) this.windows.delete(key);
    }
    // Still full of live windows: forget the oldest (insertion order), rather than grow.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
