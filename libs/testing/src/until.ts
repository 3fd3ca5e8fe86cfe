/** Waits until `check` holds (a throw counts as not yet), polling every 100 ms; fails naming `what` after the timeout. */
export const until = async (
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
};
