export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** Exponential backoff for the n-th consecutive failure (1-based), capped. */
export const backoffDelay = (attempt: number, options: BackoffOptions): number =>
  Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));

/** A sleep that `wake()` ends early (used to stop promptly). */
export class Sleeper {
  private timer: NodeJS.Timeout | null = null;
  private resolve: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.timer = setTimeout(() => this.wake(), ms);
    });
  }

  wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const resolve = this.resolve;
    this.resolve = null;
    resolve?.();
  }
}
